import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { currentSeq } from '../../db/sync';
import type { Core } from '../../electron/core';
import { freshCore } from '../helpers/core';
import { readWorkbook, sheetRows } from '../helpers/xlsx';
import { importCadres, pinTownship, villages, workbook } from './excel.helpers';
import { ok, validId } from './floating.helpers';

const HEADER = ['序号', '姓名', '性别', '身份证号', '民族', '政治面貌', '学历', '派出单位', '派出单位层级', '职务职级', '手机号码', '驻村村（社区）', '驻村角色', '驻村开始日期', '计划结束日期', '备注'];
const idA = validId('45030219850301123'); // 男
const idB = validId('45031119900101122'); // 女
const idC = validId('45031119880808111');
const idD = validId('45031119870707131');

const good = [
  [1, '张三', '男', idA, '汉', '中共党员', '大学本科', '桂林市农业农村局', '市直', '四级主任科员', 13800000001, '东立村', '第一书记', '2025.03', new Date(Date.UTC(2027, 1, 28)), ''],
  [2, '李梅', '女', idB, '壮族', '', '', '雁山区民政局', '县区直', '', '', '', '', '', '', '已退休返聘'],
];

/** Cadres with their open posting, as the register holds them, by ID number. */
const roster = (core: Core) =>
  core.db
    .prepare(
      `SELECT c.name, c.id_number, c.gender, c.birth_date, c.ethnicity, c.political_status, c.education, c.unit, c.unit_level,
         c.post_rank, c.mobile, c.note, v.name AS village, p.role, p.start_date, p.planned_end, p.status
       FROM cadres c LEFT JOIN cadre_postings p ON p.cadre_id = c.id AND p.deleted_at IS NULL
       LEFT JOIN villages v ON v.id = p.village_id WHERE c.deleted_at IS NULL ORDER BY c.id_number`,
    )
    .all();

async function township(): Promise<Core> {
  const core = await freshCore();
  await villages(core, [['东立村', '450311100201'], ['西村', '450311100202']]);
  return core;
}

describe('cadres import from .xlsx', () => {
  it('imports a valid roster exactly, with each cadre’s current posting', async () => {
    const core = await township();
    const r = await importCadres(core, await workbook(HEADER, good));
    expect(r).toMatchObject({ total: 2, valid: 2, written: 2, skippedRows: [], problems: [] });
    expect(roster(core)).toEqual([
      {
        name: '张三', id_number: idA, gender: '男', birth_date: '1985-03-01', ethnicity: '汉族', political_status: '中共党员', education: '大学本科',
        unit: '桂林市农业农村局', unit_level: '市直', post_rank: '四级主任科员', mobile: '13800000001', note: null,
        village: '东立村', role: '第一书记', start_date: '2025-03-01', planned_end: '2027-02-28', status: '在岗',
      },
      {
        name: '李梅', id_number: idB, gender: '女', birth_date: '1990-01-01', ethnicity: '壮族', political_status: null, education: null,
        unit: '雁山区民政局', unit_level: '县区直', post_rank: null, mobile: null, note: '已退休返聘',
        village: null, role: null, start_date: null, planned_end: null, status: null,
      },
    ]);
  });

  it('names every bad row and field, against the file and the register, and writes nothing', async () => {
    const core = await township();
    await ok(core, 'cadres.create', { name: '王五', idNumber: idD, unit: '雁山区财政局', unitLevel: '县区直' });
    const bad = idC.slice(0, 17) + (idC.endsWith('1') ? '2' : '1');
    const file = await workbook(HEADER, [
      ...good,
      [3, '赵六', '', bad, '', '', '', '某局', '市直'],
      [4, '钱七', '', idC, '', '', '', '某局', '市直', '', '', '不存在村', '工作队员', '2025-05-01'],
      [5, '张三', '男', idA, '', '', '', '某局', '市直'],
      [6, '孙八', '', idC, '', '', '', '某局', '市直', '', '', '东立村', '第一书记', '2025-06-01'],
      [7, '王五', '', idD, '', '', '', '某局', '市直'],
      [8, '周九', '', validId('45031119800101001'), '', '', '', '某局', ''],
    ]);
    const seq = currentSeq(core.db);
    for (const dryRun of [true, false]) {
      const r = await importCadres(core, file, 'all-or-nothing', dryRun);
      expect(r).toMatchObject({ total: 8, valid: 2, written: 0, skippedRows: [5, 6, 7, 8, 9, 10] });
      expect(r.problems).toEqual([
        { row: 5, field: '身份证号', message: '身份证号校验位不正确，请逐位核对' },
        { row: 6, field: '驻村村（社区）', message: '“不存在村”不在本乡镇村（社区）名册中，请先在“村（社区）”中登记' },
        { row: 7, field: '身份证号', message: '与第3行身份证号重复' },
        { row: 8, field: '驻村角色', message: '东立村已有在岗第一书记（张三），一个村只能有一名在岗第一书记' },
        { row: 9, field: '身份证号', message: '身份证号已登记（王五），同一人不能重复登记' },
        { row: 10, field: '派出单位层级', message: expect.stringContaining('派出单位层级应为以下之一') },
      ]);
    }
    expect(currentSeq(core.db)).toBe(seq);
    expect(roster(core).map((c) => (c as { name: string }).name)).toEqual(['王五']);
  });

  it('writes only the valid rows when the clerk chooses valid rows only', async () => {
    const core = await township();
    const file = await workbook(HEADER, [...good, [3, '张三', '男', idA, '', '', '', '某局', '市直']]);
    const check = await importCadres(core, file, 'valid-only', true);
    expect(check).toMatchObject({ valid: 2, written: 0, skippedRows: [5] });
    expect(roster(core)).toEqual([]);
    const r = await importCadres(core, file, 'valid-only');
    expect(r).toMatchObject({ valid: 2, written: 2, skippedRows: [5] });
    expect(roster(core).map((c) => (c as { name: string }).name)).toEqual(['张三', '李梅']);
  });

  it('round-trips: the exported roster imports into a fresh township as the same rows', async () => {
    const a = await township();
    await importCadres(a, await workbook(HEADER, good));
    await ok(a, 'cadres.create', { name: '陈十', idNumber: idC, unit: '雁山区教育局', unitLevel: '县区直', mobile: '13900000002' });
    const file = await ok(a, 'cadres.exportXlsx', {});
    const b = await township();
    const r = await importCadres(b, file.base64);
    expect(r).toMatchObject({ total: 3, written: 3, problems: [] });
    expect(roster(b)).toEqual(roster(a));
  });

  it('exports the list as filtered, with current posting and the full ID number', async () => {
    const core = await township();
    await importCadres(core, await workbook(HEADER, good));
    const file = await ok(core, 'cadres.exportXlsx', { role: '第一书记' });
    expect(file.fileName).toBe('雁山镇驻村干部花名册.xlsx');
    const rows = sheetRows((await readWorkbook(file.base64)).worksheets[0]!);
    expect(rows[1]).toEqual(['序号', '姓名', '性别', '出生日期', '身份证号', '民族', '政治面貌', '学历', '派出单位', '派出单位层级', '职务职级', '手机号码', '驻村村（社区）', '驻村角色', '驻村开始日期', '计划结束日期', '状态', '备注']);
    expect(rows[2]).toEqual([1, '张三', '男', '1985-03-01', idA, '汉族', '中共党员', '大学本科', '桂林市农业农村局', '市直', '四级主任科员', '13800000001', '东立村', '第一书记', '2025-03-01', '2027-02-28', '在岗']);
    expect(rows[3]![0]).not.toBe(2);
    const unposted = sheetRows((await readWorkbook((await ok(core, 'cadres.exportXlsx', { status: '未派驻' })).base64)).worksheets[0]!);
    expect(unposted[2]!.slice(0, 2)).toEqual([1, '李梅']);
    pinTownship(core, '450311100');
    const other = sheetRows((await readWorkbook((await ok(core, 'cadres.exportXlsx', { township: '450311101' })).base64)).worksheets[0]!);
    expect(other[2]?.[0]).not.toBe(1);
    const same = sheetRows((await readWorkbook((await ok(core, 'cadres.exportXlsx', { township: '450311100' })).base64)).worksheets[0]!);
    expect(same.filter((r) => typeof r[0] === 'number')).toHaveLength(2);
  });

  it('is refused in district mode', async () => {
    const core = await freshCore({ setup: 'district' });
    const r = await dispatch(core, 'cadres.importXlsx', { file: { fileName: 'a.xlsx', base64: await workbook(HEADER, good) }, mode: 'valid-only', dryRun: false });
    expect(r).toMatchObject({ ok: false, error: { code: 'read_only' } });
  });
});
