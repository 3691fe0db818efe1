import { describe, expect, it } from 'vitest';
import { checkChar } from '../../electron/domain/idNumber';
import { appSession, browserAvailable } from '../helpers/browser';
import { seedLists } from '../helpers/layoutSeed';
import { seedCaller, villageIdOf } from '../helpers/seedCall';
import { gone, shown } from '../helpers/ui';
import { FloatingPage } from './pages/FloatingPage';
import { chooseOption } from './pages/widgets';

/** A second member, returned home, so a search and a status filter each leave one row. */
async function seed(app: Parameters<typeof seedLists>[0]) {
  await seedLists(app);
  const call = seedCaller(app);
  const first17 = '45031119850315002';
  const m = await call('floating.create', { villageId: villageIdOf(app), name: '刘芳', idNumber: first17 + checkChar(first17), memberType: '正式党员', leftDate: '2025-03-01', destProvince: '44', destCity: '4401', destCounty: '440106', reason: '务工' });
  await call('floating.changeStatus', { id: m.id, version: 1, status: '已返回', date: '2025-10-01' });
}

describe.runIf(browserAvailable())('a register keeps its search and filters', () => {
  const s = appSession({ setup: true, seed, viewport: { width: 1366, height: 768 } });

  it('across another page and F5, until 重置', async () => {
    const p = new FloatingPage(s.page);
    await p.open();
    await shown(p.row('刘芳'));
    await shown(p.row('欧阳小明'));
    await s.page.getByLabel('搜索', { exact: true }).fill('欧阳');
    await s.page.getByLabel('搜索', { exact: true }).press('Enter');
    await chooseOption(s.page, s.page, '状态', '外出中');
    await gone(p.row('刘芳'));

    const kept = async () => {
      await shown(p.row('欧阳小明'));
      expect(await p.row('刘芳').count()).toBe(0);
      expect(await s.page.getByLabel('搜索', { exact: true }).inputValue()).toBe('欧阳');
      await shown(s.page.locator('.ant-select').filter({ has: s.page.getByLabel('状态') }).getByText('外出中'));
    };
    await s.page.getByRole('menuitem', { name: '首页' }).click();
    await p.open();
    await kept();
    await s.page.reload();
    await shown(s.page.getByRole('heading', { name: '流动党员' }));
    await kept();

    await s.page.getByRole('button', { name: /重置/ }).click();
    await shown(p.row('刘芳'));
    expect(await s.page.getByLabel('搜索', { exact: true }).inputValue()).toBe('');
    expect(s.errors).toEqual([]);
  });
});
