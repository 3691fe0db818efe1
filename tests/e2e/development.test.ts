import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { checkChar } from '../../electron/domain/idNumber';
import { appSession, browserAvailable } from '../helpers/browser';
import { gone, shown } from '../helpers/ui';
import { DevelopmentPage } from './pages/DevelopmentPage';

const first17 = '45031119980305002';
const ID = first17 + checkChar(first17);
const ago = (n: number, unit: 'day' | 'month' | 'year' = 'day') => dayjs().subtract(n, unit).format('YYYY-MM-DD');
const NAME = '黄丽';

describe.runIf(browserAvailable())('发展党员 in Chromium', () => {
  const s = appSession({ setup: true });

  it('takes a person from application to full member, with each 首页 alert appearing and clearing at its step', async () => {
    const p = new DevelopmentPage(s.page);
    const tag = async (text: string) => {
      const card = await p.homeCard();
      await shown(card.getByText(text, { exact: true }));
      return card;
    };
    const applied = ago(3, 'year');
    await p.open();
    // Esc closes an untouched form.
    await s.page.getByRole('button', { name: '新增', exact: true }).click();
    const blank = s.page.getByRole('dialog', { name: '新增入党申请人' });
    await shown(blank);
    await shown(blank.locator('input#devPerson_name:focus'));
    await s.page.keyboard.press('Escape');
    await gone(blank);
    await p.add({ name: NAME, village: '东立村', idNumber: ID, applicationDate: applied });
    await shown(p.row(NAME).getByText('谈话逾期'));
    let card = await tag('谈话逾期 1');
    await shown(card.getByText(`谈话逾期：东立村 ${NAME}`));

    await p.open();
    await p.recordSteps(NAME, { 谈话日期: dayjs(applied).add(10, 'day').format('YYYY-MM-DD'), 确定为入党积极分子日期: dayjs(applied).add(40, 'day').format('YYYY-MM-DD') });
    card = await tag('谈话逾期 0');
    await shown(card.getByText('可确定为发展对象 1', { exact: true }));

    await p.open();
    await p.recordSteps(NAME, { 确定为发展对象日期: ago(400), 支部大会接收日期: ago(350) });
    card = await tag('可确定为发展对象 0');
    await shown(card.getByText('审批逾期 1', { exact: true }));

    await p.open();
    await p.recordSteps(NAME, { 乡镇党委审批日期: ago(300) });
    card = await tag('审批逾期 0');
    await shown(card.getByText('预备期将满（30天内） 1', { exact: true }));

    await p.open();
    await p.recordSteps(NAME, { 转正审批日期: ago(0) });
    await shown(p.row(NAME).getByText('正式党员'));
    await tag('预备期将满（30天内） 0');
    const row = s.app.core.db.prepare('SELECT stage, full_approval_date FROM dev_people WHERE deleted_at IS NULL').get();
    expect(row).toEqual({ stage: '正式党员', full_approval_date: ago(0) });
  });
});
