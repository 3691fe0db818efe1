import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkChar } from '../../electron/domain/idNumber';
import { appSession, browserAvailable, type App } from '../helpers/browser';
import { gone, hasValue, shown } from '../helpers/ui';
import { FloatingPage } from './pages/FloatingPage';

const VILLAGE = '东立村';
const validId = (first17: string) => first17 + checkChar(first17);
const NAMES = '甲乙丙丁戊己庚辛壬癸';

/** Ten members each naming a one-to-one contact, without 外出原因 or contact start columns. */
async function roster(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(['东立村流动党员名册']);
  ws.addRow(['序号', '姓名', '身份证号', '流出时间', '流入地', '联系人']);
  for (let i = 0; i < 10; i++) ws.addRow([i + 1, `党员${NAMES[i]}`, validId(`4503111990010${10 + i}12`), '2025.03', '广东省深圳市宝安区', `联系人${NAMES[i]}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const rows = (app: App, sql: string, ...args: unknown[]) => app.core.db.prepare(sql).all(...args);

describe.runIf(browserAvailable())('流动党员: the clerk’s facts, not invented ones, in Chromium at 1366×768', () => {
  const s = appSession({ setup: true, viewport: { width: 1366, height: 768 } });
  let p: FloatingPage;

  beforeAll(async () => {
    p = new FloatingPage(s.page);
    await p.open();
  });

  it('imports a roster without 外出原因 or contact start dates only with the values the clerk chose, shown in the check result', async () => {
    await s.page.getByRole('button', { name: '导入名册' }).click();
    const m = s.page.getByRole('dialog', { name: '导入流动党员名册' });
    await shown(m);
    await p.pickVillage(m, '导入到村（社区）', VILLAGE);
    await m.getByLabel('名册文件').setInputFiles({ name: '东立村名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await roster() });
    await shown(m.getByText('东立村名册.xlsx'));
    await m.getByRole('button', { name: /检查文件$/ }).click();
    // Nothing chosen: every row says what is missing, nothing can be imported.
    await shown(m.getByText('共 10 行，正确 0 行，有误 10 行。有误的行未改正前不会导入任何记录。'));
    await shown(m.getByRole('cell', { name: '外出原因', exact: true }).first());
    await shown(m.getByRole('cell', { name: '联系开始时间', exact: true }).first());
    expect(await m.getByRole('button', { name: /确认导入$/ }).isDisabled()).toBe(true);

    await p.pickVillage(m, '外出原因未填时', '经商');
    const start = m.getByLabel('联系开始时间未填时', { exact: true });
    await start.fill('2026年1月5日');
    await start.press('Tab');
    await hasValue(start, '2026-01-05');
    await m.getByRole('button', { name: /检查文件$/ }).click();
    await shown(m.getByText('共 10 行，正确 10 行，有误 0 行。可以导入。'));
    await shown(m.getByText('10 行未填外出原因，按所选“经商”记录'));
    await shown(m.getByText('10 名一对一联系人未填联系开始时间，按所填 2026-01-05 记录'));
    await m.getByRole('button', { name: /确认导入$/ }).click();
    await shown(s.page.getByText('已导入 10 名流动党员'));
    expect(rows(s.app, 'SELECT DISTINCT reason FROM floating_members')).toEqual([{ reason: '经商' }]);
    expect(rows(s.app, 'SELECT DISTINCT start_date AS d FROM member_contacts')).toEqual([{ d: '2026-01-05' }]);
    await m.getByRole('button', { name: /Close|关闭/ }).click();
    await gone(m);
  });

  it('after 更换联系人 the contact box follows and the next record is saved under the new contact', async () => {
    const d = await p.openLedger('党员甲');
    const madeBy = d.getByLabel('联系人员', { exact: true });
    await hasValue(madeBy, '联系人甲');
    await d.getByLabel('联系人姓名', { exact: true }).fill('黄志强');
    const start = d.getByLabel('联系开始日期', { exact: true });
    await start.fill('2026.2.1');
    await start.press('Tab');
    await d.getByRole('button', { name: /更换联系人$/ }).click();
    await shown(d.getByRole('cell', { name: '黄志强', exact: true }));
    // Without closing the drawer.
    await hasValue(madeBy, '黄志强');
    await d.getByLabel('联系内容', { exact: true }).fill('电话了解返乡打算');
    await d.getByRole('button', { name: /添加联系记录$/ }).click();
    await shown(d.getByRole('cell', { name: '电话了解返乡打算', exact: true }));
    expect(rows(s.app, "SELECT made_by FROM contact_records WHERE content = '电话了解返乡打算'")).toEqual([{ made_by: '黄志强' }]);
    expect(rows(s.app, "SELECT cadre_name, start_date FROM member_contacts c JOIN floating_members m ON m.id = c.member_id WHERE m.name = '党员甲' AND c.end_date IS NULL")).toEqual([{ cadre_name: '黄志强', start_date: '2026-02-01' }]);
    await s.page.keyboard.press('Escape');
    await gone(d);
  });

  it('keeps a contact person the clerk typed over the change', async () => {
    const d = await p.openLedger('党员乙');
    const madeBy = d.getByLabel('联系人员', { exact: true });
    await madeBy.fill('村支书王五');
    await d.getByLabel('联系人姓名', { exact: true }).fill('黄志强');
    await d.getByRole('button', { name: /更换联系人$/ }).click();
    await shown(d.getByRole('cell', { name: '黄志强', exact: true }));
    await hasValue(madeBy, '村支书王五');
    await s.page.keyboard.press('Escape');
    await gone(d);
  });
});
