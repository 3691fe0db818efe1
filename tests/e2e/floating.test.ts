import fs from 'node:fs';
import dayjs from 'dayjs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkChar } from '../../electron/domain/idNumber';
import { appSession, browserAvailable, type App } from '../helpers/browser';
import { gone, shown } from '../helpers/ui';
import { readWorkbook, sheetRows } from '../helpers/xlsx';
import { FloatingPage } from './pages/FloatingPage';

const VILLAGE = '东立村';
const validId = (first17: string) => first17 + checkChar(first17);
const ID = validId('45031119900101123');
const liveMembers = (app: App) => (app.core.db.prepare('SELECT count(*) AS n FROM floating_members WHERE deleted_at IS NULL').get() as { n: number }).n;

/** A hand-made roster with a title row and one row whose ID has a wrong check digit. */
async function rosterWithBadRow(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.mergeCells(1, 1, 1, 6);
  ws.getCell(1, 1).value = '东立村流动党员名册';
  ws.addRow(['序号', '姓名', '身份证号', '流出时间', '流入地', '联系方式']);
  ws.addRow([1, '刘芳', validId('45031119850315002'), '2024.05', '广东省广州市天河区', '13900000000']);
  const first17 = '45031119921212004';
  const wrong = validId(first17).endsWith('1') ? '2' : '1';
  ws.addRow([2, '黄强', first17 + wrong, '2025年1月', '广西南宁市青秀区', '']);
  ws.addRow(['填表人：王五']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.runIf(browserAvailable())('流动党员 in Chromium', () => {

  const s = appSession({ setup: true });

  beforeAll(async () => {
    await new FloatingPage(s.page).open();
  });

  it('adds a member who is then flagged for having no contact and not being contacted', async () => {
    const p = new FloatingPage(s.page);
    await p.expectAlerts(0, 0);
    await p.addMember({ name: '王小明', village: VILLAGE, idNumber: ID, leftDate: dayjs().subtract(200, 'day').format('YYYY-MM-DD'), destination: ['广东省', '深圳市', '宝安区'] });
    const row = p.row('王小明');
    await shown(row.getByText('无联系人', { exact: true }));
    await shown(row.getByText('逾期未联系', { exact: true }));
    await shown(row.getByText('广东省 深圳市 宝安区'));
    await p.expectAlerts(1, 1);
  });

  it('clears both flags once a contact is assigned and a contact record added', async () => {
    const p = new FloatingPage(s.page);
    const d = await p.openLedger('王小明');
    await d.getByLabel('联系人姓名', { exact: true }).fill('李书记');
    await d.getByLabel('联系人电话', { exact: true }).fill('13900000001');
    await d.getByRole('button', { name: /指定联系人$/ }).click();
    await shown(d.getByRole('cell', { name: '李书记', exact: true }));
    await d.getByLabel('联系内容', { exact: true }).fill('电话了解务工情况');
    await d.getByRole('button', { name: /添加联系记录$/ }).click();
    await shown(d.getByRole('cell', { name: '电话了解务工情况', exact: true }));
    await shown(d.getByText(`联系记录（最近联系：${dayjs().format('YYYY-MM-DD')}）`));
    await s.page.keyboard.press('Escape');
    await gone(d);
    const row = p.row('王小明');
    await gone(row.getByText('无联系人', { exact: true }));
    await gone(row.getByText('逾期未联系', { exact: true }));
    await shown(row.getByText('李书记 139****0001'));
    await p.expectAlerts(0, 0);
  });

  it('imports nothing from a roster with one bad row and names that row and field', async () => {
    await s.page.getByRole('button', { name: '导入名册' }).click();
    const m = s.page.getByRole('dialog', { name: '导入流动党员名册' });
    await shown(m);
    await new FloatingPage(s.page).pickVillage(m, '导入到村（社区）', VILLAGE);
    await m.getByLabel('名册文件').setInputFiles({ name: '东立村名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await rosterWithBadRow() });
    await shown(m.getByText('东立村名册.xlsx'));
    // The file has no 外出原因 column: the clerk says what to record rather than the app guessing.
    await new FloatingPage(s.page).pickVillage(m, '外出原因未填时', '务工');
    await m.getByRole('button', { name: /检查文件$/ }).click();
    await shown(m.getByText('共 2 行，正确 1 行，有误 1 行。有误的行未改正前不会导入任何记录。'));
    const problem = m.getByRole('row').filter({ has: s.page.getByRole('cell', { name: '4', exact: true }) });
    await shown(problem.getByRole('cell', { name: '身份证号', exact: true }));
    // The row names its person, not only its Excel row number.
    await shown(problem.getByRole('cell', { name: '黄强', exact: true }));
    await shown(problem.getByRole('cell', { name: '身份证号校验位不正确，请逐位核对' }));
    expect(await m.getByRole('button', { name: /确认导入$/ }).isDisabled()).toBe(true);
    expect(liveMembers(s.app)).toBe(1);
    await m.getByRole('button', { name: /Close|关闭/ }).click();
    await gone(m);
  });

  it('exports the roster per village in the paper layout', async () => {
    const downloading = s.page.waitForEvent('download');
    await s.page.getByRole('button', { name: /导出名册$/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('雁山镇流动党员名册.xlsx');
    const wb = await readWorkbook(fs.readFileSync((await download.path())!));
    const rows = sheetRows(wb.getWorksheet(VILLAGE)!);
    expect(rows[0]![0]).toBe('东立村流动党员名册');
    expect(rows[1]).toEqual(['序号', '姓名', '性别', '出生年月', '入党时间', '流出时间', '流入地', '联系方式', '联系人']);
    expect(rows[2]).toEqual([1, '王小明', '男', '1990.01', undefined, dayjs().subtract(200, 'day').format('YYYY-MM-DD'), '广东省 深圳市 宝安区', undefined, '李书记 13900000001']);
  });

  it('logged no page errors', () => {
    expect(s.errors).toEqual([]);
  });
});
