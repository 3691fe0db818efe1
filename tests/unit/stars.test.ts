import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';
import { reportSections } from '../../electron/domain/reportColumns';
import { craftBundle, townshipLines } from '../helpers/faultBundle';
import { district, exported, imported, refusedAtPreview, township, writeBundle } from '../helpers/trust';
import { readWorkbook, sheetRows } from '../helpers/xlsx';
import { ok } from './floating.helpers';
import { buildTownshipA, ratedTownship, buildTownshipB, FROM, POSTINGS_A, POSTINGS_B, rate, STARS_A, STARS_B, TO, village } from './stars.helpers';

const A = { code: '450311100', name: '雁山镇' };
const B = { code: '450311101', name: '柘木镇' };

const report = (core: Core, township: string | null = null) => ok(core, 'reports.get', { from: FROM, to: TO, township });

describe('评星定级 register', () => {
  it('keeps one rating per village and year, shows last year beside it, and asks why the stars changed', async () => {
    const t = await township(A.code, A.name, 'aa');
    const v = await village(t, '东立村', '450311100200', { years: [{ year: 2024, stars: 2 }] });
    const y2025 = await ok(t, 'stars.create', { villageId: v, year: 2025, stars: 2, score: 61 });
    expect(y2025).toMatchObject({ previousStars: 2, change: '持平', items: 0 }); // 2024 from the villages register

    const noReason = await dispatch(t, 'stars.create', { villageId: v, year: 2026, stars: 4 });
    expect(noReason).toMatchObject({ ok: false, error: { fields: [{ path: ['changeReason'], message: '上年为二星，本年升为四星，请填写升降星原因' }] } });
    const twice = await dispatch(t, 'stars.create', { villageId: v, year: 2025, stars: 2 });
    expect(twice).toMatchObject({ ok: false, error: { fields: [{ path: ['year'], message: '该村（社区）2025年度已有评定记录，请编辑原记录' }] } });
    const fourWithItems = await dispatch(t, 'stars.create', { villageId: v, year: 2026, stars: 4, changeReason: '升星', rectifications: [{ item: '整改' }] });
    expect(fourWithItems).toMatchObject({ ok: false, error: { fields: [{ path: ['rectifications'], message: '四星及以上不列整改事项，请删除整改事项或调整星级' }] } });
    const backwards = await dispatch(t, 'stars.create', { villageId: v, year: 2026, stars: 2, publicityStart: '2026-01-10', publicityEnd: '2026-01-09' });
    expect(backwards).toMatchObject({ ok: false, error: { fields: [{ path: ['publicityEnd'], message: '公示结束日期不能早于公示开始日期' }] } });
    const resultWithoutDay = await dispatch(t, 'stars.create', { villageId: v, year: 2026, stars: 2, rectifications: [{ item: '整改', result: '已完成' }] });
    expect(resultWithoutDay).toMatchObject({ ok: false, error: { fields: [{ path: ['rectifications', '0', 'doneDate'] }] } });
    expect((await ok(t, 'stars.list', { page: 1, pageSize: 20 })).total).toBe(1);

    // Three stars after four the year before, with its corrective item.
    const y2026 = await ok(t, 'stars.create', {
      villageId: v, year: 2026, stars: 3, score: 72, changeReason: '组织生活不规范', publicityStart: '2027-01-05', publicityEnd: '2027-01-11',
      rectifications: [{ item: '规范“三会一课”', deadline: '2027-06-30', responsible: '李四' }],
    });
    expect(y2026).toMatchObject({ previousStars: 2, change: '升星', items: 1, openItems: 1 });
    const four = await ok(t, 'stars.update', { id: y2025.id, version: y2025.version, villageId: v, year: 2025, stars: 4, changeReason: '集体经济增收' });
    expect(four).toMatchObject({ stars: 4, change: '升星' });
    expect(await ok(t, 'stars.get', { id: y2026.id })).toMatchObject({
      previousStars: 4, change: '降星', rectifications: [{ item: '规范“三会一课”', deadline: '2027-06-30', responsible: '李四', result: null, doneDate: null }],
    });
    // The register never writes the villages register's years: those stay what the clerk typed there.
    expect((await ok(t, 'villages.get', { id: v })).years.map((y) => [y.year, y.stars])).toEqual([[2024, 2]]);
    const open = await ok(t, 'stars.list', { openItems: true, page: 1, pageSize: 20 });
    expect(open.rows.map((r) => r.year)).toEqual([2026]);

    // Removing the rating tombstones its items with it.
    await ok(t, 'stars.remove', { id: y2026.id, version: (await ok(t, 'stars.get', { id: y2026.id })).version });
    expect(t.db.prepare('SELECT count(*) FROM star_rectifications WHERE deleted_at IS NULL').pluck().get()).toBe(0);
    expect(t.db.prepare('SELECT count(*) FROM star_rectifications').pluck().get()).toBe(1);
    expect((await ok(t, 'stars.list', { page: 1, pageSize: 20 })).rows.map((r) => r.year)).toEqual([2025]);
  });

  it('exports the ledger with last year’s stars, the change and the corrective items', async () => {
    const t = await township(A.code, A.name, 'aa');
    const v = await village(t, '东立村', '450311100200');
    await rate(t, v, 2025, 4, { score: 86 });
    await rate(t, v, 2026, 3, { score: 72, changeReason: '组织生活不规范', rectifications: [{ item: '规范“三会一课”' }] });
    const file = await ok(t, 'stars.exportXlsx', { year: 2026 });
    expect(file.fileName).toBe('雁山镇村级党组织评星定级台账.xlsx');
    const rows = sheetRows((await readWorkbook(file.base64)).getWorksheet('评星定级')!);
    expect(rows[0]![0]).toBe('雁山镇村级党组织评星定级台账');
    expect(rows[1]).toEqual(['序号', '村（社区）', '区划代码', '评定年度', '得分', '星级', '上年星级', '升降情况', '升降星原因', '公示开始', '公示结束', '整改事项', '未完成']);
    expect(rows[2]).toEqual([1, '东立村', '450311100200', 2026, 72, '三星', '四星', '降星', '组织生活不规范', undefined, undefined, 1, 1]);
    expect(rows.filter((r) => typeof r[0] === 'number')).toHaveLength(1); // the 2025 rating is not in a 2026 export
    expect(String(rows.at(-1)![0])).toContain('填表人');
  });

  it('lists one-star villages as 软弱涣散 by their latest rated year', async () => {
    const t = await township(A.code, A.name, 'aa');
    const weak = await village(t, '东立村', '450311100200');
    await rate(t, weak, 2026, 1);
    const better = await village(t, '西立村', '450311100201');
    await rate(t, better, 2025, 1);
    await rate(t, better, 2026, 3);
    expect(await ok(t, 'stars.weak', { township: null })).toEqual([{ villageId: weak, name: '东立村', code: '450311100200', year: 2026 }]);
  });
});

describe('评星定级 and 增派 report figures', () => {
  it('counts each figure of a township from its registers', async () => {
    const t = await ratedTownship(A.code, A.name, 'aa');
    await buildTownshipA(t, A.code);
    const f = (await report(t)).scopes[0]!.figures;
    expect(f.stars).toEqual(STARS_A);
    expect(f.cadres).toMatchObject({ ...POSTINGS_A, sent: 6 });
    // 2025 against 2024 (when nothing was rated): 丙 and 丁 (from the villages register) five, 甲 and 己
    // four, 辛 (register) three; 戊's two stars carry the year's one corrective item.
    const y2025 = (await ok(t, 'reports.get', { from: '2025-01-01', to: '2025-12-31', township: null })).scopes[0]!.figures.stars;
    expect(y2025).toMatchObject({ newFive: 2, newFour: 2, newThree: 1, rated: 6, weak: 0, rectifications: 1, rectified: 0 });
  });

  it('adds two townships imported through real bundles up to 合计, each as the township counts itself', async () => {
    const d = await district();
    const a = await ratedTownship(A.code, A.name, 'aa');
    const b = await ratedTownship(B.code, B.name, 'bb');
    await buildTownshipA(a, A.code);
    await buildTownshipB(b, B.code);
    await imported(d, await exported(a));
    await imported(d, await exported(b));
    const r = await report(d);
    const by = (code: string | null) => r.scopes.find((s) => s.code === code)!.figures;
    expect(by(A.code).stars).toEqual(STARS_A);
    expect(by(B.code).stars).toEqual(STARS_B);
    expect(by(A.code).stars).toEqual((await report(a)).scopes[0]!.figures.stars);
    expect(by(B.code).stars).toEqual((await report(b)).scopes[0]!.figures.stars);
    expect(by(A.code).cadres).toMatchObject(POSTINGS_A);
    expect(by(B.code).cadres).toMatchObject(POSTINGS_B);
    expect(by(null).stars).toMatchObject({ newFive: 3, newFour: 1, newThree: 2, rated: 10, weak: 1, rectifications: 5, rectified: 2 });
    expect(by(null).cadres).toMatchObject({ keyVillageFirstSecretaries: 2, relocationTeamMembers: 4 });
    const section = reportSections(r).find((s) => s.key === 'stars')!;
    const cadres = reportSections(r).find((s) => s.key === 'cadres')!.columns.filter((c) => c.group === '其中增派');
    expect(cadres.map((c) => c.label)).toEqual(['重点村第一书记', '安置社区工作队员']);
    for (const c of [...section.columns, ...cadres]) {
      expect(c.value(by(null)), c.label).toBe(c.value(by(A.code)) + c.value(by(B.code)));
      expect(c.value(by('450311200')), c.label).toBe(0); // 大埠乡 sent nothing
    }
    // The district's list and 软弱涣散 per township.
    expect((await ok(d, 'stars.list', { township: B.code, page: 1, pageSize: 50 })).total).toBe(3);
    expect((await ok(d, 'stars.weak', { township: A.code })).map((v) => v.name)).toEqual(['庚村']);
    expect(await ok(d, 'stars.weak', { township: B.code })).toEqual([]);
  });

  it('refuses a bundle carrying a rating of another township’s village, or an item of its rating', async () => {
    const d = await district();
    const a = await township(A.code, A.name, 'aa');
    const b = await township(B.code, B.name, 'bb');
    const aVillage = await village(a, '东立村', '450311100200');
    const aRating = await rate(a, aVillage, 2026, 3, { rectifications: [{ item: '整改' }] });
    const bVillage = await village(b, '柘木村', '450311101200');
    await rate(b, bVillage, 2026, 2, { rectifications: [{ item: '整改' }] });
    await imported(d, await exported(a));
    await imported(d, await exported(b));
    type Line = { table: string; row: Record<string, unknown> };
    const lines = townshipLines(b).map((l) => JSON.parse(l) as Line);
    const seq = (b.db.prepare('SELECT seq FROM sync_clock').get() as { seq: number }).seq;
    const origin = b.installation()!.installationId;
    const hostile = (table: string, row: Record<string, unknown>) =>
      writeBundle(craftBundle(b, { payload: [...lines, { table, row: { ...row, origin, seq } }].map((l) => JSON.stringify(l)).join('\n') + '\n' }));
    const rating = lines.find((l) => l.table === 'star_ratings')!.row;
    const item = lines.find((l) => l.table === 'star_rectifications')!.row;

    const onA = hostile('star_ratings', { ...rating, id: 'bb000000-0000-4000-8000-000000009001', village_id: aVillage, year: 2025 });
    await refusedAtPreview(d, onA, 'out_of_scope', /^评星定级记录 bb000000-0000-4000-8000-000000009001 属于 雁山镇 的 东立村，不在本乡镇范围内，未导入任何数据$/);
    const onARating = hostile('star_rectifications', { ...item, id: 'bb000000-0000-4000-8000-000000009002', rating_id: aRating.id });
    await refusedAtPreview(d, onARating, 'out_of_scope', /属于 雁山镇/);
    const overwrite = hostile('star_ratings', { ...(townshipLines(a).map((l) => JSON.parse(l) as Line).find((l) => l.table === 'star_ratings')!.row), stars: 5, version: 2 });
    await refusedAtPreview(d, overwrite, 'out_of_scope', /属于 雁山镇 的 东立村/);
    const sixStars = hostile('star_ratings', { ...rating, stars: 6, version: 2 });
    await refusedAtPreview(d, sixStars, 'bad_row', /“星级”（stars）不能大于5/);
    expect(d.db.prepare('SELECT stars FROM star_ratings ORDER BY stars').pluck().all()).toEqual([2, 3]);
  });
});
