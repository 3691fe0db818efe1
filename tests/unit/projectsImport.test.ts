import { describe, expect, it } from 'vitest';
import { currentSeq } from '../../db/sync';
import type { Core } from '../../electron/core';
import { freshCore } from '../helpers/core';
import { importProjects, villages, workbook } from './excel.helpers';
import { ok } from './floating.helpers';

const HEADER = ['序号', '村（社区）', '年度', '项目名称', '类别', '经营模式', '状态', '总投资（万元）', '财政资金（万元）', '帮扶单位（万元）', '村集体自筹（万元）', '社会资本（万元）', '其他（万元）', '当年收益（万元）', '带动户数', '合作主体', '负责人', '计划开工日期', '实际开工日期', '备注'];

const good = [
  [1, '东立村', 2025, '村级光伏电站', '光伏', '入股分红', '运营', '1,234.5', '1234.499999', 0.000001, '', '', '', 12.5, 35, '某新能源公司', '李四', '2025.3', '2025-03-10', ''],
  // A code instead of the name, a year typed as text, and amounts Excel computed (0.1 + 0.2).
  [2, '450311100202', '2024年', '百香果种植', '种植', '合作社', '在建', 0.1 + 0.2, 0.1 + 0.2, '', '', '', '', '', '', '', '', '', '', '示范基地'],
];

const projects = (core: Core) =>
  core.db
    .prepare(
      `SELECT v.name AS village, p.year, p.name, p.category, p.model, p.status, p.partner, p.responsible, p.planned_start, p.planned_end,
         p.actual_start, p.actual_end, p.total_fen, p.fiscal_fen, p.aid_fen, p.village_fen, p.social_fen, p.other_fen, p.households, p.note,
         (SELECT group_concat(i.year || ':' || i.income_fen) FROM project_incomes i WHERE i.project_id = p.id AND i.deleted_at IS NULL) AS incomes
       FROM projects p JOIN villages v ON v.id = p.village_id WHERE p.deleted_at IS NULL ORDER BY p.year DESC, p.name`,
    )
    .all();

async function township(): Promise<{ core: Core; v: Record<string, string> }> {
  const core = await freshCore();
  return { core, v: await villages(core, [['东立村', '450311100201'], ['西村', '450311100202']]) };
}

describe('projects import from .xlsx', () => {
  it('imports a valid ledger exactly, 万元 to fen without rounding', async () => {
    const { core } = await township();
    const r = await importProjects(core, await workbook(HEADER, good));
    expect(r).toMatchObject({ total: 2, valid: 2, written: 2, problems: [] });
    expect(projects(core)).toEqual([
      {
        village: '东立村', year: 2025, name: '村级光伏电站', category: '光伏', model: '入股分红', status: '运营', partner: '某新能源公司', responsible: '李四',
        planned_start: '2025-03-01', planned_end: null, actual_start: '2025-03-10', actual_end: null,
        total_fen: 1_234_500_000, fiscal_fen: 1_234_499_999, aid_fen: 1, village_fen: 0, social_fen: 0, other_fen: 0, households: 35, note: null, incomes: '2025:12500000',
      },
      {
        village: '西村', year: 2024, name: '百香果种植', category: '种植', model: '合作社', status: '在建', partner: null, responsible: null,
        planned_start: null, planned_end: null, actual_start: null, actual_end: null,
        total_fen: 300_000, fiscal_fen: 300_000, aid_fen: 0, village_fen: 0, social_fen: 0, other_fen: 0, households: null, note: '示范基地', incomes: null,
      },
    ]);
  });

  it('names every bad row and field, against the file and the register, and writes nothing', async () => {
    const { core, v } = await township();
    await ok(core, 'projects.create', { villageId: v['东立村']!, year: 2023, name: '旧项目', category: '养殖', model: '租赁', status: '运营', total: '10', fiscal: '10' });
    const file = await workbook(HEADER, [
      ...good,
      [3, '东立村', 2025, '茶园', '种植', '合作社', '运营', 100, 60],
      [4, '南村', 2025, '民宿', '乡村旅游', '合作社', '运营', 1, 1],
      [5, '东立村', 2025, '鱼塘', '养鱼', '合作社', '运营', 1, 1],
      [6, '西村', 2025, '物业', '物业经济', '租赁', '运营', '1.0000001', '1.0000001'],
      [7, '东立村', 2025, '村级光伏电站', '光伏', '入股分红', '运营', 1, 1],
      [8, '东立村', 2023, '旧项目', '养殖', '租赁', '运营', 10, 10],
    ]);
    const seq = currentSeq(core.db);
    for (const dryRun of [true, false]) {
      const r = await importProjects(core, file, 'all-or-nothing', dryRun);
      expect(r).toMatchObject({ total: 8, valid: 2, written: 0, skippedRows: [5, 6, 7, 8, 9, 10] });
      expect(r.problems).toEqual([
        { row: 5, field: '总投资（万元）', message: '各来源合计 60 万元，与总投资 100 万元不一致' },
        { row: 6, field: '村（社区）', message: '“南村”不在本乡镇村（社区）名册中，请先在“村（社区）”中登记' },
        { row: 7, field: '类别', message: expect.stringContaining('项目类别应为以下之一') },
        { row: 8, field: '总投资（万元）', message: '总投资：金额最多保留6位小数（精确到分）' },
        { row: 8, field: '财政资金（万元）', message: '财政资金：金额最多保留6位小数（精确到分）' },
        { row: 9, field: '项目名称', message: '与第3行项目（同村、同年度、同名）重复' },
        { row: 10, field: '项目名称', message: '该村2023年度已有同名项目“旧项目”' },
      ]);
    }
    expect(currentSeq(core.db)).toBe(seq);
    expect(projects(core).map((p) => (p as { name: string }).name)).toEqual(['旧项目']);
    const only = await importProjects(core, file, 'valid-only');
    expect(only).toMatchObject({ valid: 2, written: 2, skippedRows: [5, 6, 7, 8, 9, 10] });
    expect(projects(core).map((p) => (p as { name: string }).name)).toEqual(['村级光伏电站', '百香果种植', '旧项目']);
  });

  it('round-trips: the exported ledger imports into a fresh township as the same rows', async () => {
    const a = await township();
    await importProjects(a.core, await workbook(HEADER, good));
    await ok(a.core, 'projects.create', {
      villageId: a.v['西村']!, year: 2025, name: '=集体物业', category: '物业经济', model: '租赁', status: '终止', total: '88.123456', village: '88.123456',
      plannedStart: '2025-01-01', plannedEnd: '2025-06-30', actualStart: '2025-01-05', actualEnd: '2025-12-01', households: 0, note: '租期到期', incomes: [{ year: 2025, income: '0' }],
    });
    const file = await ok(a.core, 'projects.exportXlsx', {});
    const b = await township();
    const r = await importProjects(b.core, file.base64);
    expect(r).toMatchObject({ total: 3, written: 3, problems: [] });
    expect(projects(b.core)).toEqual(projects(a.core));
  });
});
