import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { ImportReport } from '../../electron/api/contract';
import { currentSeq } from '../../db/sync';
import type { Core } from '../../electron/core';
import { parseDate, readSheet, type ColumnSpec } from '../../electron/xlsx/read';
import { freshCore } from '../helpers/core';
import { readWorkbook, sheetRows } from '../helpers/xlsx';
import { ok, validId, villageId } from './floating.helpers';

const HEADER = ['序号', '姓名', '性别', '身份证号', '出生年月', '入党时间', '流出时间', '流入地', '联系方式', '联系人'];

/** A roster as villages make it by hand: a merged title, a header, rows, a 填表人 footer. */
async function roster(rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.mergeCells(1, 1, 1, HEADER.length);
  ws.getCell(1, 1).value = '东立村流动党员名册';
  ws.addRow([' 填报单位：东立村党支部 ']);
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  ws.addRow([]);
  ws.addRow(['填表人：王五', '', '', '审核人：赵六']);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const id1 = validId('45031119900101123');
const id2 = validId('45031119850315002');
const id3First17 = '45031119921212004';
const badCheck = id3First17 + (validId(id3First17).endsWith('1') ? '2' : '1');

const goodRows = [
  [1, '王小明', '男', id1, '1990.01', '2012年7月', '2025-3-1', '广东省深圳市宝安区 某电子厂', 13812345678, '李书记'],
  [2, '刘芳', '女', id2, '1985.03', new Date(Date.UTC(2010, 6, 1)), '2024.05', '广西 南宁市 青秀区', '１３９００００００００', ''],
];

async function importFile(core: Core, base64: string, mode: 'all-or-nothing' | 'valid-only', dryRun: boolean, vid: string): Promise<ImportReport> {
  // As a clerk fills in the dialog for a roster without 外出原因 or contact start dates.
  return ok(core, 'floating.importXlsx', { file: { fileName: '名册.xlsx', base64 }, villageId: vid, mode, dryRun, reason: '务工', contactStart: '2025-01-01' });
}

describe('floating roster import', () => {
  it('reads hand-made rows (title, footer, text and real dates, numbers, full-width digits) and writes them', async () => {
    const core = await freshCore();
    const vid = await villageId(core);
    const report = await importFile(core, await roster(goodRows), 'all-or-nothing', false, vid);
    expect(report).toMatchObject({ total: 2, valid: 2, written: 2, problems: [], skippedRows: [] });
    const list = await ok(core, 'floating.list', { sort: 'name' });
    const wang = await ok(core, 'floating.get', { id: list.rows.find((r) => r.name === '王小明')!.id });
    expect(wang).toMatchObject({ joinedPartyDate: '2012-07-01', leftDate: '2025-03-01', destText: '广东省 深圳市 宝安区', workplace: '某电子厂', mobile: '13812345678', contactName: '李书记' });
    const liu = await ok(core, 'floating.get', { id: list.rows.find((r) => r.name === '刘芳')!.id });
    expect(liu).toMatchObject({ joinedPartyDate: '2010-07-01', leftDate: '2024-05-01', destText: '广西壮族自治区 南宁市 青秀区', mobile: '13900000000', contactName: null });
  });

  it('all-or-nothing: one bad row names its row and field, and nothing is written', async () => {
    const core = await freshCore();
    const vid = await villageId(core);
    const file = await roster([...goodRows, [3, '黄强', '男', badCheck, '1992.12', '', '2025-01-01', '广东省广州市天河区', '', '']]);
    const seq = currentSeq(core.db);
    const dry = await importFile(core, file, 'all-or-nothing', true, vid);
    expect(dry).toMatchObject({ dryRun: true, total: 3, valid: 2, written: 0, skippedRows: [6] });
    expect(dry.problems).toEqual([{ row: 6, field: '身份证号', message: '身份证号校验位不正确，请逐位核对', name: '黄强' }]);
    const real = await importFile(core, file, 'all-or-nothing', false, vid);
    expect(real).toMatchObject({ written: 0, skippedRows: [6] });
    expect(currentSeq(core.db)).toBe(seq);
    expect((await ok(core, 'floating.list', {})).total).toBe(0);
  });

  it('valid-only: writes the valid rows in one go and lists the skipped ones', async () => {
    const core = await freshCore();
    const vid = await villageId(core);
    const file = await roster([
      ...goodRows,
      [3, '黄强', '男', badCheck, '', '', '2025-01-01', '广东省广州市天河区', '', ''],
      [4, '周七', '男', 450311199001011260, '', '', '昨天', '火星', 12345, ''],
      [5, '王小明二', '男', id1, '', '', '2025-01-01', '广东省', '', ''],
    ]);
    const r = await importFile(core, file, 'valid-only', false, vid);
    expect(r).toMatchObject({ total: 5, valid: 2, written: 2, skippedRows: [6, 7, 8] });
    const at = (row: number) => r.problems.filter((p) => p.row === row).map((p) => p.field);
    expect(at(7)).toEqual(expect.arrayContaining(['身份证号', '流出时间', '联系方式']));
    expect(r.problems.find((p) => p.row === 7 && p.field === '身份证号')!.message).toMatch(/保存为数字，末几位已丢失/);
    expect(r.problems.find((p) => p.row === 8)).toEqual({ row: 8, field: '身份证号', message: '与第4行身份证号重复', name: '王小明二' });
    expect((await ok(core, 'floating.list', {})).total).toBe(2);
    // Importing the same file again: the two already on the roster are now refused too.
    const again = await importFile(core, file, 'valid-only', true, vid);
    expect(again.valid).toBe(0);
  });

  it('refuses a file without the required columns, a broken file, and too many rows', async () => {
    const core = await freshCore();
    const vid = await villageId(core);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['姓名', '性别']);
    const noId = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = await dispatch(core, 'floating.importXlsx', { file: { fileName: 'a.xlsx', base64: noId }, villageId: vid, mode: 'all-or-nothing', dryRun: true });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/缺少列：身份证号、流出时间、流入地/) } });
    const broken = await dispatch(core, 'floating.importXlsx', { file: { fileName: 'a.xlsx', base64: 'aGVsbG8=' }, villageId: vid, mode: 'all-or-nothing', dryRun: true });
    expect(broken).toMatchObject({ ok: false, error: { message: expect.stringMatching(/无法读取/) } });
    const spec: ColumnSpec<'a' | 'b'>[] = [
      { key: 'a', headers: ['甲'], parse: (c) => ({ ok: true, value: c.text }) },
      { key: 'b', headers: ['乙'], parse: (c) => ({ ok: true, value: c.number ?? c.text }) },
    ];
    const big = new ExcelJS.Workbook();
    const ws = big.addWorksheet('x');
    ws.addRow(['甲', '乙']);
    for (let i = 0; i < 6; i++) ws.addRow([`r${i}`, { formula: '1+1', result: 2 }]);
    const buf = Buffer.from(await big.xlsx.writeBuffer());
    expect(await readSheet(buf, spec, { maxRows: 5 })).toEqual({ ok: false, message: '数据超过5行，请拆分成多个文件后分批导入' });
    const fine = await readSheet(buf, spec, { maxRows: 6 });
    expect(fine.ok && fine.rows.map((x) => [x.row, x.values.b])).toEqual([2, 3, 4, 5, 6, 7].map((n) => [n, 2]));
  });

  it('finds the roster under a cover sheet, with other column names, odd spacing and full-width header text', async () => {
    const core = await freshCore();
    const vid = await villageId(core);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('封面').addRow(['2025年流动党员名册', '东立村党支部']);
    const ws = wb.addWorksheet('名册');
    ws.addRow(['东立村流动党员名册']);
    ws.addRow(['序号', '姓　名', ' 身份证号码 ', '外出时间：', '外出地点', '联系电话', '一对一联系人', '联系人电话']);
    ws.addRow([1, ' 王小明 ', id1, '2025年3月1日', '广东 深圳 宝安区', '138 1234 5678', '李书记', 13900000001]);
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = await importFile(core, base64, 'all-or-nothing', false, vid);
    expect(r).toMatchObject({ total: 1, written: 1, problems: [] });
    const m = await ok(core, 'floating.get', { id: (await ok(core, 'floating.list', {})).rows[0]!.id });
    expect(m).toMatchObject({ name: '王小明', leftDate: '2025-03-01', destCounty: '440306', mobile: '13812345678', contactName: '李书记', contactPhone: '13900000001' });
  });

  it('parses the date forms clerks type', () => {
    const p = (text: string) => parseDate({ text });
    expect(['1985.03', '1985年3月', '1985-3-1', '1985/3/1', '1985年3月1日', '198503', '19850301', '１９８５．０３'].map((t) => p(t))).toEqual(
      Array(8).fill({ ok: true, value: '1985-03-01' }),
    );
    expect(parseDate({ text: '31107', number: 31107 })).toEqual({ ok: true, value: '1985-03-01' });
    expect(p('1985.13')).toMatchObject({ ok: false });
    expect(p('')).toBeNull();
  });

  it('offers a template whose example row imports cleanly', async () => {
    const core = await freshCore();
    const vid = await villageId(core);
    const t = await ok(core, 'floating.template', {});
    const rows = sheetRows((await readWorkbook(t.base64)).worksheets[0]!);
    expect(rows[1]!.slice(0, 3)).toEqual(['姓名', '性别', '身份证号']);
    const r = await importFile(core, t.base64, 'all-or-nothing', true, vid);
    expect(r).toMatchObject({ total: 1, valid: 1, problems: [] });
  });
});
