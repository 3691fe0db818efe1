import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';
import { dashboardShares, percentText, ranks } from '../../electron/domain/shares';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { districtKeys, trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { readWorkbook, sheetRows } from '../helpers/xlsx';
import { DISTRICT, YANSHAN, ZHEMU, cadre, contactCadre, contacted, coreOn, logDays, member, post, project, village } from './dashboard.helpers';
import { ok } from './floating.helpers';

/**
 * Issue 18, items 4–6 at the district, on 2026-01-05 (judged month 2025-12, interval 90 days:
 * overdue before 2025-10-07, long uncontacted before 2025-07-09; threshold 20 days):
 * - 雁山镇: 东立村 (a 2026 project) and 西村 (none); 雁山书记 in post with 5 days in December;
 *   12 members away since 2025-06-01, never contacted (overdue and long uncontacted);
 * - 柘木镇: 柘木一村 (no project); one member contacted in time;
 * - 良丰街道, 大埠乡, 草坪回族乡: never sent.
 */
const MEMBERS = [...'甲乙丙丁戊己庚辛壬癸子丑'].map((c) => `雁山成员${c}`);

async function district() {
  const { core } = await coreOn('2026-01-05', DISTRICT);
  const yanshan = (await coreOn('2026-01-05', YANSHAN)).core;
  const east = await village(yanshan, '东立村');
  await village(yanshan, '西村');
  await project(yanshan, east, { name: '百香果基地', year: 2026, status: '运营' });
  const a = await cadre(yanshan, '雁山书记');
  await post(yanshan, a, east, '第一书记', '2025-11-01');
  await logDays(yanshan, a, '2025-12-01', 5);
  for (const name of MEMBERS) await member(yanshan, east, name, '2025-06-01');
  const zhemu = (await coreOn('2026-01-05', ZHEMU)).core;
  const z = await village(zhemu, '柘木一村');
  const m = await member(zhemu, z, '柘木成员', '2025-11-01');
  await contactCadre(zhemu, m.id, '2025-11-01');
  await contacted(zhemu, m.id, '2025-12-20');
  for (const town of [yanshan, zhemu]) {
    trustDistrict(town);
    const { file } = await exportBundle(town, { dir: tempDir() });
    applyStaged(core, await stageBundle(core, file, districtKeys().keys));
  }
  return core;
}

const workbook = async (core: Core, name: Parameters<typeof ok>[1], input: unknown) => {
  const file = (await ok(core, name, input as never)) as unknown as { fileName: string; base64: string };
  return { fileName: file.fileName, wb: await readWorkbook(file.base64) };
};

describe('district dashboard: lists, shares, exports and the notice', () => {
  it('pages a data-quality check to its end, each row naming its township, and narrows to the picked township', async () => {
    const core = await district();
    const page = (p: number, township: string | null = null) => ok(core, 'dashboard.quality', { township, check: 'longUncontacted', page: p, pageSize: 10 });
    const [p1, p2] = [await page(1), await page(2)];
    expect([p1.total, p1.rows.length, p2.rows.length]).toEqual([12, 10, 2]);
    const names = [...p1.rows, ...p2.rows].map((r) => r.name);
    expect(new Set(names)).toEqual(new Set(MEMBERS));
    expect([...p1.rows, ...p2.rows].every((r) => r.township === '雁山镇')).toBe(true);
    expect((await page(1, '450311101')).total).toBe(0);
    expect((await page(1, '450311100')).total).toBe(12);
    // The dashboard still shows the first rows and the full count.
    const d = await ok(core, 'dashboard.get', { township: null });
    expect(d.quality.find((q) => q.key === 'longUncontacted')).toMatchObject({ count: 12, items: expect.arrayContaining([expect.objectContaining({ township: '雁山镇' })]) });
  });

  it('exports every row of the quality checks with a 乡镇 column, titled and named for the picked township', async () => {
    const core = await district();
    const all = await workbook(core, 'dashboard.exportQuality', { township: null });
    expect(all.fileName).toBe('雁山区委组织部数据质量检查_2026-01-05.xlsx');
    expect(all.wb.worksheets.map((w) => w.name)).toEqual(['本月无驻村日志的第一书记', '超过180天未联系的流动党员', '有投资但无2025年收益记录的项目', '身份证号重复']);
    const rows = sheetRows(all.wb.getWorksheet('超过180天未联系的流动党员')!);
    expect(rows[1]).toEqual(['序号', '乡镇（街道）', '名册', '姓名（项目）', '村（社区）', '情况']);
    const data = rows.slice(2).filter((r) => typeof r[0] === 'number');
    expect(data).toHaveLength(12);
    expect(data.every((r) => r[1] === '雁山镇' && r[4] === '东立村')).toBe(true);

    const one = await workbook(core, 'dashboard.exportQuality', { township: '450311101', check: 'longUncontacted' });
    expect(one.fileName).toBe('雁山区委组织部（柘木镇）超过180天未联系的流动党员_2026-01-05.xlsx');
    const oneRows = sheetRows(one.wb.worksheets[0]!);
    expect(oneRows[0]![0]).toBe('雁山区委组织部（柘木镇）超过180天未联系的流动党员（共 0 条，统计日期 2026-01-05）');
    expect(oneRows.slice(2).filter((r) => typeof r[0] === 'number')).toHaveLength(0);
  });

  it('exports the per-township table with shares and ranks, and the weekly 报送情况 grid', async () => {
    const core = await district();
    const d = await ok(core, 'dashboard.get', { township: null });
    const { fileName, wb } = await workbook(core, 'dashboard.exportTownships', {});
    expect(fileName).toBe('雁山区委组织部各乡镇（街道）情况_2026-01-05.xlsx');
    const table = sheetRows(wb.getWorksheet('各乡镇（街道）情况')!);
    const head = table[1]!;
    // An empty cell (a share with nothing to divide, an unranked township) reads as null.
    const at = (name: string) => Array.from(table.find((r) => r[0] === name)!, (v) => v ?? null);
    const col = (h: string) => head.indexOf(h);
    expect(table.filter((r) => d.townships.some((t) => t.name === r[0])).map((r) => r[0])).toEqual(d.townships.map((t) => t.name));
    // 雁山镇: 0 of 12 in time, 1 of 1 cadre short, 1 of 2 villages covered; 柘木镇: 1 of 1, no cadre, 0 of 1.
    expect([at('雁山镇')[col('联系及时率')], at('雁山镇')[col('联系及时率排名')], at('柘木镇')[col('联系及时率')], at('柘木镇')[col('联系及时率排名')]]).toEqual([0, 2, 1, 1]);
    expect([at('雁山镇')[col('在村达标率')], at('柘木镇')[col('在村达标率')]]).toEqual([0, null]);
    expect([at('雁山镇')[col('项目覆盖率')], at('雁山镇')[col('项目覆盖率排名')], at('柘木镇')[col('项目覆盖率')]]).toEqual([0.5, 1, 0]);
    expect(at('大埠乡')[col('数据截至（乡镇导出）')]).toBe('未报送');
    expect(at('大埠乡')[col('项目覆盖率排名')] ?? null).toBeNull();

    const grid = sheetRows(wb.getWorksheet('报送情况')!);
    const gridHead = grid[1]!;
    expect(gridHead.slice(1, 9)).toHaveLength(8);
    expect(gridHead[8]).toBe('01-05至01-11');
    // Weeks before a township's first export are not missed (—); 草坪回族乡 never sent: every week missed.
    expect(grid.find((r) => r[0] === '雁山镇')!.slice(1, 10)).toEqual(['—', '—', '—', '—', '—', '—', '—', 1, 0]);
    expect(grid.find((r) => r[0] === '草坪回族乡')![9]).toBe(8);
  });

  it('builds a township\'s notice of exactly its overdue and missing items, and exports it named for the township', async () => {
    const core = await district();
    const n = await ok(core, 'reports.notice', { township: '450311100' });
    expect(n.township).toMatchObject({ name: '雁山镇', sent: true });
    // 雁山镇's first bundle was exported this week: the weeks before it are not asked for.
    expect(n.unsentWeeks).toEqual([]);
    expect(n.overdue.map((m) => m.name).sort()).toEqual([...MEMBERS].sort());
    expect(n.overdue[0]).toMatchObject({ village: '东立村', lastContact: '2025-06-01', days: 218 });
    expect(n.belowStandard).toEqual([{ name: '雁山书记', village: '东立村', role: '第一书记', inVillage: 5, required: 20 }]);
    expect(n.uncovered).toEqual([{ name: '西村', code: null }]);
    expect(n.quality.find((q) => q.key === 'longUncontacted')!.items).toHaveLength(12);
    expect(n.quality.find((q) => q.key === 'secretaryNoLog')!.items.map((i) => i.name)).toEqual(['雁山书记']);

    const other = await ok(core, 'reports.notice', { township: '450311101' });
    expect([other.overdue, other.belowStandard, other.uncovered.map((v) => v.name)]).toEqual([[], [], ['柘木一村']]);
    const unsent = await ok(core, 'reports.notice', { township: '450311200' });
    expect(unsent.township).toMatchObject({ name: '大埠乡', sent: false });
    expect(unsent.unsentWeeks).toHaveLength(8);

    const { fileName, wb } = await workbook(core, 'reports.exportNotice', { township: '450311100' });
    expect(fileName).toBe('雁山区委组织部（雁山镇）工作提醒单_2026-01-05.xlsx');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['未报送周次', '联系超期', '在村天数不足', '无项目村', '数据质量问题']);
    const below = sheetRows(wb.getWorksheet('在村天数不足')!);
    expect(below[0]![0]).toMatch(/^雁山区委组织部（雁山镇）工作提醒单：2025年12月在村天数不足的驻村干部/);
    expect(below[2]).toEqual([1, '雁山书记', '东立村', '第一书记', 5, 20]);
    expect(sheetRows(wb.getWorksheet('联系超期')!).filter((r) => typeof r[0] === 'number')).toHaveLength(12);
  });

  it('narrows the coverage list to the picked township, as the 无项目村 card counts', async () => {
    const core = await district();
    const all = await ok(core, 'projects.coverage', { year: 2026 });
    const one = await ok(core, 'projects.coverage', { year: 2026, township: '450311100' });
    expect([all.villages.length, all.uncovered]).toEqual([3, 2]);
    expect([one.villages.map((v) => v.name), one.uncovered]).toEqual([['东立村', '西村'], 1]);
    const card = await ok(core, 'dashboard.get', { township: '450311100' });
    expect(card.figures.villagesWithoutProject).toBe(one.uncovered);
  });

  it('refuses the notice and the township export at a township, and a notice without a township', async () => {
    const { core } = await coreOn('2026-01-05', YANSHAN);
    for (const [name, input] of [
      ['reports.notice', { township: '450311100' }],
      ['dashboard.exportTownships', {}],
    ] as const) {
      const r = await dispatch(core, name, input);
      expect(!r.ok && r.error).toMatchObject({ code: 'forbidden_role', message: expect.stringMatching(/只能由区县组织部/) });
    }
    const d = await coreOn('2026-01-05', DISTRICT);
    const r = await dispatch(d.core, 'reports.notice', { township: null });
    expect(!r.ok && r.error.message).toMatch(/请选择乡镇/);
  });
});

describe('quality lists at a township', () => {
  it('page and export without a 乡镇 column, named for the township itself', async () => {
    const { core } = await coreOn('2026-01-05', YANSHAN);
    const v = await village(core, '东立村');
    for (const name of MEMBERS.slice(0, 3)) await member(core, v, name, '2025-06-01');
    const page = await ok(core, 'dashboard.quality', { township: null, check: 'longUncontacted', page: 2, pageSize: 2 });
    expect([page.total, page.rows.length, page.rows[0]!.township]).toEqual([3, 1, null]);
    const { fileName, wb } = await workbook(core, 'dashboard.exportQuality', { check: 'longUncontacted' });
    expect(fileName).toBe('雁山镇超过180天未联系的流动党员_2026-01-05.xlsx');
    const rows = sheetRows(wb.worksheets[0]!);
    expect(rows[1]).toEqual(['序号', '名册', '姓名（项目）', '村（社区）', '情况']);
    expect(rows.slice(2).filter((r) => typeof r[0] === 'number')).toHaveLength(3);
  });
});

describe('shares', () => {
  it('divide by their base, are null with nothing to divide, and rank equal values alike', () => {
    const f = { cadresInPost: 4, inPostByRole: {}, belowThreshold: 1, floatingOut: 0, overdue: 0, noContact: 0, villages: 8, villagesWithoutProject: 2, projectsByStatus: {} };
    expect(dashboardShares(f)).toEqual({ contacted: null, inVillage: 0.75, coverage: 0.75 });
    expect([percentText(0.75), percentText(2 / 3), percentText(null)]).toEqual(['75.0%', '66.7%', '—']);
    expect(ranks([0.5, 0.9, null, 0.5, 0.1])).toEqual([2, 1, null, 2, 4]);
  });

  it('names the picked township in every register export\'s file name and title, and only the unit without one', async () => {
    const core = await district();
    for (const name of ['villages.exportXlsx', 'cadres.exportXlsx', 'floating.exportXlsx', 'projects.exportXlsx'] as const) {
      const one = await workbook(core, name, { township: '450311100' });
      expect(one.fileName, name).toMatch(/^雁山区委组织部（雁山镇）/);
      // The floating roster is one sheet per village, titled with the village as on paper.
      if (name !== 'floating.exportXlsx') expect(String(sheetRows(one.wb.worksheets[0]!)[0]![0]), name).toContain('雁山区委组织部（雁山镇）');
      const all = await workbook(core, name, {});
      expect(all.fileName, name).toMatch(/^雁山区委组织部[^（]/);
    }
  });
});
