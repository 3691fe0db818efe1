import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { currentSeq } from '../../db/sync';
import { freshCore } from '../helpers/core';
import { importStars, villages, workbook } from './excel.helpers';
import { ok } from './floating.helpers';

/**
 * 评星定级台账 from Excel (issue 15): one row per village per year imports as the ratings the
 * drawer would save (last year's stars may come from a row above), bad rows are named by row and
 * column, and an all-or-nothing import with a bad row writes nothing.
 */


const HEADER = ['序号', '村（社区）', '评定年度', '得分', '星级', '升降星原因', '公示开始日期', '公示结束日期', '整改事项', '整改时限', '责任人', '整改结果', '完成日期'];

const good: unknown[][] = [
  [1, '东立村', 2024, 88, '四星级', '', '2025-01-06', '2025-01-12'],
  // Last year's four stars come from the row above: the fall to three needs (and has) its reason.
  [2, '东立村', '2025年', '72分', '三星', '组织生活不规范', '2025.12.22', '2025.12.28', '规范“三会一课”', '2026-06-30', '王五'],
  [3, '450311100202', 2025, '', '★★★★★'],
];

const ratings = (core: Core) =>
  core.db
    .prepare(
      `SELECT v.name AS village, s.year, s.score, s.stars, s.change_reason, s.publicity_start, s.publicity_end,
         (SELECT group_concat(r.item || '|' || ifnull(r.deadline, '') || '|' || ifnull(r.responsible, '')) FROM star_rectifications r WHERE r.rating_id = s.id AND r.deleted_at IS NULL) AS items
       FROM star_ratings s JOIN villages v ON v.id = s.village_id WHERE s.deleted_at IS NULL ORDER BY v.name, s.year`,
    )
    .all();

async function township() {
  const core = await freshCore();
  return { core, v: await villages(core, [['东立村', '450311100201'], ['西村', '450311100202']]) };
}

describe('评星定级 import from .xlsx', () => {
  it('imports each village-year as the drawer saves it, with its corrective item', async () => {
    const { core } = await township();
    const r = await importStars(core, await workbook(HEADER, good, '雁山镇村级党组织评星定级台账'));
    expect(r).toMatchObject({ total: 3, valid: 3, written: 3, problems: [], skippedRows: [] });
    expect(ratings(core)).toEqual([
      { village: '东立村', year: 2024, score: 88, stars: 4, change_reason: null, publicity_start: '2025-01-06', publicity_end: '2025-01-12', items: null },
      { village: '东立村', year: 2025, score: 72, stars: 3, change_reason: '组织生活不规范', publicity_start: '2025-12-22', publicity_end: '2025-12-28', items: '规范“三会一课”|2026-06-30|王五' },
      { village: '西村', year: 2025, score: null, stars: 5, change_reason: null, publicity_start: null, publicity_end: null, items: null },
    ]);
    const list = await ok(core, 'stars.list', { year: 2025, page: 1, pageSize: 20 });
    expect(list.rows.map((x) => [x.villageName, x.previousStars, x.change])).toEqual([['东立村', 4, '降星'], ['西村', null, '首次评定']]);
  });

  it('names every bad row and column, and an all-or-nothing import writes nothing', async () => {
    const { core, v } = await township();
    await ok(core, 'stars.create', { villageId: v['西村']!, year: 2023, stars: 2 });
    const file = await workbook(HEADER, [
      ...good,
      [4, '南村', 2025, 80, '四星'],
      [5, '东立村', 2023, 101, '四星'],
      [6, '东立村', 2022, 60, '六星'],
      [7, '东立村', '', 60, '二星'],
      [8, '西村', 2024, 60, '四星'],
      [9, '西村', 2023, 60, '二星'],
      [10, '东立村', 2025, 60, '三星', '整改'],
      [11, '东立村', 2021, 95, '五星', '', '', '', '补齐台账'],
      [12, '东立村', 2020, 50, '二星', '', '2021-01-10', '2021-01-05'],
      [13, '东立村', 2019, 50, '二星', '', '', '', '', '', '', '已整改'],
    ]);
    const seq = currentSeq(core.db);
    for (const dryRun of [true, false]) {
      const r = await importStars(core, file, 'all-or-nothing', dryRun);
      expect(r).toMatchObject({ total: 13, valid: 3, written: 0, skippedRows: [6, 7, 8, 9, 10, 11, 12, 13, 14, 15] });
      expect(r.problems).toEqual([
        { row: 6, field: '村（社区）', message: '“南村”不在本乡镇村（社区）名册中，请先在“村（社区）”中登记' },
        { row: 7, field: '得分', message: '“101”不是有效的得分（应为0至100的整数）' },
        { row: 8, field: '星级', message: '“六星”应为一星、二星、三星、四星、五星之一（也可填1至5）' },
        { row: 9, field: '评定年度', message: '请填写评定年度' },
        { row: 10, field: '升降星原因', message: '上年为二星，本年升为四星，请填写升降星原因' },
        { row: 11, field: '评定年度', message: '该村（社区）2023年度已有评定记录，请编辑原记录' },
        { row: 12, field: '评定年度', message: '与第4行评定记录（同村、同年度）重复' },
        { row: 13, field: '整改事项', message: '四星及以上不列整改事项，请删除整改事项或调整星级' },
        { row: 14, field: '公示结束日期', message: '公示结束日期不能早于公示开始日期' },
        { row: 15, field: '整改事项', message: '填写了整改时限、责任人、结果或完成日期，请同时填写整改事项' },
      ]);
    }
    expect(currentSeq(core.db)).toBe(seq);
    expect(ratings(core)).toHaveLength(1);
    const only = await importStars(core, file, 'valid-only');
    expect(only).toMatchObject({ valid: 3, written: 3 });
    expect(ratings(core)).toHaveLength(4);
  });

  it('the downloaded template imports as it comes', async () => {
    const { core } = await township();
    const t = await ok(core, 'stars.template', {});
    const r = await importStars(core, t.base64);
    expect(r).toMatchObject({ total: 1, valid: 1, written: 1, problems: [] });
    expect(ratings(core)).toEqual([
      { village: '东立村', year: 2025, score: 72, stars: 3, change_reason: null, publicity_start: '2025-12-22', publicity_end: '2025-12-28', items: '规范“三会一课”|2026-06-30|王五' },
    ]);
  });
});
