import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { reportShares } from '../../electron/domain/shares';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { districtKeys, trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { readWorkbook, sheetRows } from '../helpers/xlsx';
import { DISTRICT, YANSHAN, ZHEMU, cadre, coreOn, logDays, post, project, village } from './dashboard.helpers';
import { ok } from './floating.helpers';

/**
 * Issue 18, item 5: the report's 在村达标率 in cadre-months, worked by hand for 2025年下半年 with
 * the threshold at 20 days:
 * - 甲 in post all along, 20 in-village days in July and in August, none after: 6 judged, 2 met;
 * - 乙 posted 2025-12-17 (15 of 31 days: round(20 × 15 / 31) = 10 required), 10 days logged: 1 met;
 * - 丙 posted 2025-05-01, ended 2025-08-01 (in post until 07-31): July judged, not met.
 * So 8 judged, 3 met. Read on 2025-10-15 only July–September are over: 甲 3 (2 met), 丙 1: 4, 2.
 */
async function yanshan(core: Core) {
  const v = await village(core, '东立村');
  const w = await village(core, '西村');
  const a = await cadre(core, '甲书记');
  await post(core, a, v, '第一书记', '2025-06-01');
  await logDays(core, a, '2025-07-01', 20);
  await logDays(core, a, '2025-08-01', 20);
  const b = await cadre(core, '乙队员');
  await post(core, b, v, '工作队员', '2025-12-17');
  await logDays(core, b, '2025-12-17', 10);
  const c = await cadre(core, '丙队员');
  const p = (await post(core, c, w, '工作队员', '2025-05-01')) as unknown as { id: string; version: number };
  await ok(core, 'cadres.endPosting', { id: p.id, version: p.version, status: '期满轮换', actualEnd: '2025-08-01', reason: '期满' });
  await project(core, v, { name: '百香果基地', year: 2025, status: '运营' });
}

const HALF = { from: '2025-07-01', to: '2025-12-31' };

describe('report ranking', () => {
  it('counts 在村达标 in cadre-months over the finished months of the period', async () => {
    const { core, clock } = await coreOn('2026-01-05', YANSHAN);
    await yanshan(core);
    const r = await ok(core, 'reports.get', { ...HALF, township: null });
    expect(r.scopes[0]!.attendance).toEqual({ judged: 8, met: 3 });
    expect(reportShares(r.scopes[0]!)).toEqual({ contacted: null, inVillage: 3 / 8, coverage: 1 / 2 });
    clock.jump('2025-10-15');
    expect((await ok(core, 'reports.get', { ...HALF, township: null })).scopes[0]!.attendance).toEqual({ judged: 4, met: 2 });
    // A period starting mid-month judges only the whole months after it.
    clock.jump('2026-01-05');
    expect((await ok(core, 'reports.get', { from: '2025-07-15', to: '2025-08-31', township: null })).scopes[0]!.attendance).toEqual({ judged: 1, met: 1 });
  });

  it('ranks the district\'s townships in the report and its workbook, the totals adding up', async () => {
    const { core: district } = await coreOn('2026-01-05', DISTRICT);
    const a = await coreOn('2026-01-05', YANSHAN);
    await yanshan(a.core);
    const b = await coreOn('2026-01-05', ZHEMU);
    const z = await village(b.core, '柘木一村');
    const c = await cadre(b.core, '柘木书记');
    await post(b.core, c, z, '第一书记', '2025-11-01');
    await logDays(b.core, c, '2025-11-01', 20);
    await logDays(b.core, c, '2025-12-01', 20);
    for (const town of [a.core, b.core]) {
      trustDistrict(town);
      const { file } = await exportBundle(town, { dir: tempDir() });
      applyStaged(district, await stageBundle(district, file, districtKeys().keys));
    }
    const r = await ok(district, 'reports.get', { ...HALF, township: null });
    const by = (name: string) => r.scopes.find((s) => s.name === name)!;
    expect(by('柘木镇').attendance).toEqual({ judged: 2, met: 2 });
    expect(by('合计').attendance).toEqual({ judged: 10, met: 5 });
    expect(by('大埠乡').attendance).toEqual({ judged: 0, met: 0 });

    const file = await ok(district, 'reports.exportXlsx', { ...HALF, township: null });
    const wb = await readWorkbook(file.base64);
    expect(wb.worksheets.map((w) => w.name).slice(0, 2)).toEqual(['报送情况', '排名']);
    const rows = sheetRows(wb.getWorksheet('排名')!);
    expect(rows[1]!.slice(0, 5)).toEqual(['乡镇（街道）', '联系及时率', '联系及时率', '联系及时率', '联系及时率']);
    expect(rows[2]!.slice(5, 9)).toEqual(['分子', '分母', '比率', '排名']);
    const row = (name: string) => Array.from(rows.find((x) => x[0] === name)!, (v) => v ?? null);
    // 在村达标率: 柘木镇 2/2 first, 雁山镇 3/8 second; 合计 5/10, unranked.
    expect(row('柘木镇').slice(5, 9)).toEqual([2, 2, 1, 1]);
    expect(row('雁山镇').slice(5, 9)).toEqual([3, 8, 3 / 8, 2]);
    expect(row('合计').slice(5, 8)).toEqual([5, 10, 0.5]);
    expect(row('合计')[8] ?? null).toBeNull();
    expect(row('大埠乡（未报送）')[8] ?? null).toBeNull();
  });
});
