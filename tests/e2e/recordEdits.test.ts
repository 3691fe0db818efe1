import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { ChannelName } from '../../electron/api/channels';
import type { Input } from '../../electron/api/contract';
import { addDays, localDay } from '../../electron/domain/dates';
import { checkChar } from '../../electron/domain/idNumber';
import { appSession, browserAvailable, type App } from '../helpers/browser';
import { gone, hasValue, shown } from '../helpers/ui';
import { CadresPage } from './pages/CadresPage';
import { FloatingPage } from './pages/FloatingPage';

/** Correcting what was typed wrong: a floating member's contact record, a cadre's posting. */

const validId = (first17: string) => first17 + checkChar(first17);
// Dates relative to the real today, since the browser's pickers use it.
const today = localDay(new Date());
const postStart = addDays(today, -60);
const logDay = addDays(today, -30);

async function ok<K extends ChannelName>(app: App, name: K, input: Input<K>) {
  const r = await dispatch(app.core, name, input);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value as never;
}

async function seed(app: App) {
  const villageId = (app.core.db.prepare("SELECT id FROM villages WHERE name = '东立村'").get() as { id: string }).id;
  const member = (await ok(app, 'floating.create', {
    villageId,
    name: '王小明',
    idNumber: validId('45031119900101123'),
    memberType: '正式党员',
    leftDate: addDays(today, -300),
    destProvince: '44',
    reason: '务工',
  })) as { id: string };
  await ok(app, 'floating.assignContact', { memberId: member.id, cadreName: '李书记', cadrePhone: '13900000001', startDate: addDays(today, -300) });
  await ok(app, 'floating.addRecord', { memberId: member.id, contactDate: today, way: '电话', madeBy: '李书记', content: '电话了解务工情况' });
  const cadre = (await ok(app, 'cadres.create', { name: '李明', idNumber: validId('45030219850314123'), unit: '雁山区农业农村局', unitLevel: '县区直', mobile: '13812345678' })) as { id: string };
  await ok(app, 'cadres.post', { cadreId: cadre.id, villageId, role: '工作队员', startDate: postStart });
  await ok(app, 'cadres.saveLog', { cadreId: cadre.id, logDate: logDay, inVillage: true, workKind: '走访农户', content: '走访' });
}

describe.runIf(browserAvailable())('编辑 of a contact record and of a posting, in Chromium', () => {
  const s = appSession({ setup: true, seed });

  beforeAll(async () => {
    await new FloatingPage(s.page).open();
  });

  it('edits a contact record in the same form, prefilled; the last-contact date and the overdue flag follow', async () => {
    const p = new FloatingPage(s.page);
    await p.expectAlerts(0, 0);
    const d = await p.openLedger('王小明');
    await d.getByRole('row').filter({ hasText: '电话了解务工情况' }).getByText('编辑', { exact: true }).click();
    const m = s.page.getByRole('dialog', { name: '编辑联系记录' });
    await shown(m);
    await hasValue(m.getByLabel('联系内容', { exact: true }), '电话了解务工情况');
    await hasValue(m.getByLabel('联系日期', { exact: true }), today);
    const old = addDays(today, -200);
    await new CadresPage(s.page).setDate(m, '联系日期', old);
    await m.getByLabel('联系内容', { exact: true }).fill('上门走访家属');
    await m.getByRole('button', { name: /保存$/ }).click();
    await gone(m);
    await shown(d.getByRole('cell', { name: '上门走访家属', exact: true }));
    await shown(d.getByText(`联系记录（最近联系：${old}）`));
    await shown(d.getByText('逾期未联系', { exact: true }));
    await s.page.keyboard.press('Escape');
    await gone(d);
    await shown(p.row('王小明').getByText('逾期未联系', { exact: true }));
    await p.expectAlerts(1, 0);
  });

  it("takes a status change in the same drawer right after a record's save, which moved the member's version", async () => {
    const p = new FloatingPage(s.page);
    const d = await p.openLedger('王小明');
    // The edit above moved the last contact back 200 days: today's record moves it on, and the
    // member's version with it, which the status change below sends from the merged answer.
    await d.getByLabel('联系内容', { exact: true }).fill('电话确认返乡');
    await d.getByRole('button', { name: /添加联系记录$/ }).click();
    await shown(d.getByRole('cell', { name: '电话确认返乡', exact: true }));
    await shown(d.getByText(`联系记录（最近联系：${today}）`));
    await new CadresPage(s.page).choose(d, '变更为', '已返回');
    await d.getByRole('button', { name: /变更状态$/ }).click();
    await shown(d.getByText('状态：已返回'));
    expect(s.app.core.db.prepare("SELECT status, last_contact_date FROM floating_members WHERE name = '王小明'").get()).toEqual({ status: '已返回', last_contact_date: today });
    await s.page.keyboard.press('Escape');
    await gone(d);
  });

  it('reaches the row and record actions from the keyboard: Tab to 联系, Enter; Tab to a record\'s 编辑, Enter; 删除 asked and answered', async () => {
    const p = new FloatingPage(s.page);
    const focused = (l: Locator) => l.evaluate((el) => el === document.activeElement);
    /** Tab until `l` has focus (it must be in the tab order, not only clickable). */
    const tabTo = async (l: Locator) => {
      for (let i = 0; i < 80 && !(await focused(l)); i++) await s.page.keyboard.press('Tab');
      expect(await focused(l)).toBe(true);
    };
    await s.page.getByLabel('提醒', { exact: true }).focus();
    const open = p.row('王小明').getByRole('button', { name: '联系', exact: true });
    await tabTo(open);
    await s.page.keyboard.press('Enter');
    const d = p.drawer('联系情况：王小明');
    await shown(d);
    // 添加联系记录 with 联系内容 left empty: refused, and the cursor is put in that field.
    await tabTo(d.getByRole('button', { name: /添加联系记录$/ }));
    await s.page.keyboard.press('Enter');
    await shown(d.getByText('请填写联系内容'));
    await expect.poll(() => focused(d.getByLabel('联系内容', { exact: true }))).toBe(true);
    const record = d.getByRole('row').filter({ hasText: '电话确认返乡' });
    const edit = record.getByRole('button', { name: '编辑', exact: true });
    await tabTo(edit);
    await s.page.keyboard.press('Enter');
    const m = s.page.getByRole('dialog', { name: '编辑联系记录' });
    await shown(m);
    await hasValue(m.getByLabel('联系内容', { exact: true }), '电话确认返乡');
    await s.page.keyboard.press('Escape');
    await gone(m);
    // Focus back on the link that opened the dialog, so the clerk goes on from there.
    await expect.poll(() => focused(edit)).toBe(true);
    await s.page.keyboard.press('Tab');
    await expect.poll(() => focused(record.getByRole('button', { name: '删除', exact: true }))).toBe(true);
    const question = s.page.locator('.ant-popconfirm').filter({ hasText: '确定删除该联系记录吗？' });
    // The question opens with focus on 取消: Enter answers it and deletes nothing.
    await s.page.keyboard.press(' ');
    await shown(question);
    await expect.poll(() => focused(question.getByRole('button', { name: /取\s*消/ }))).toBe(true);
    await s.page.keyboard.press('Enter');
    await gone(question);
    await shown(record);
    // Again, Tab to 删除 and Enter: the record goes, and the drawer says so.
    await expect.poll(() => focused(record.getByRole('button', { name: '删除', exact: true }))).toBe(true);
    await s.page.keyboard.press('Enter');
    await shown(question);
    await expect.poll(() => focused(question.getByRole('button', { name: /取\s*消/ }))).toBe(true);
    await s.page.keyboard.press('Tab');
    await s.page.keyboard.press('Enter');
    await shown(s.page.getByText('已删除联系记录'));
    await gone(record);
    expect(s.app.core.db.prepare("SELECT count(*) AS n FROM contact_records WHERE content = '电话确认返乡' AND deleted_at IS NULL").get()).toEqual({ n: 0 });
    await s.page.keyboard.press('Escape');
    await gone(d);
  });

  it('edits a posting from the ledger; a start date leaving a work log outside is refused under the field', async () => {
    const cadres = new CadresPage(s.page);
    await cadres.open();
    await cadres.openLedger('李明');
    const section = s.page.locator('.ledger-section').filter({ hasText: '驻村经历' });
    await section.getByRole('row').filter({ hasText: '东立村' }).getByText('编辑', { exact: true }).click();
    const m = s.page.getByRole('dialog', { name: '编辑驻村经历' });
    await shown(m);
    await hasValue(m.getByLabel('驻村开始日期', { exact: true }), postStart);
    await cadres.setDate(m, '驻村开始日期', addDays(logDay, 1));
    await cadres.save(m);
    await shown(m.getByText('驻村开始日期之前还有1条本段驻村日志，日志须在驻村期间内，请核对日期'));
    const fixed = addDays(postStart, -10);
    await cadres.setDate(m, '驻村开始日期', fixed);
    await cadres.choose(m, '驻村角色', '第一书记');
    await cadres.save(m);
    await gone(m);
    await shown(section.getByRole('cell', { name: fixed, exact: true }));
    await shown(section.getByRole('cell', { name: '第一书记', exact: true }));
    expect(s.app.core.db.prepare('SELECT start_date, role, version FROM cadre_postings').get()).toEqual({ start_date: fixed, role: '第一书记', version: 2 });
    expect(s.errors).toEqual([]);
  });
});
