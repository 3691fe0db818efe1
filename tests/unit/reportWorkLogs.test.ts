import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { periodMonths } from '../../db/reports/workLogs';
import { trustDistrict } from '../helpers/sync';
import { insertDeletedLog, logOf, sendBundle } from '../helpers/recount';
import { DISTRICT, YANSHAN, ZHEMU, cadre, coreOn, logDays, post, village } from './dashboard.helpers';
import { ok } from './floating.helpers';
import { countedFigure, keptFigure, workLogFiguresAgree } from '../helpers/workLogFigures';

/**
 * Migration 020's work_log_days and work_log_months, and 022's work_log_firsts, answer the 统计报表's 驻村日志 figures. They
 * must always say what the registers say (the live work logs, per day and origin, per month,
 * cadre and origin), whoever wrote the logs, and the report must equal counting the logs of the
 * period for any period: whole months, parts of months, a single day, across a year's end.
 */

const keptDays = (core: Core) => keptFigure(core, 'days');
const countedDays = (core: Core) => countedFigure(core, 'days');
const countedMonths = (core: Core) => countedFigure(core, 'months');
const agreeTables = (core: Core) => workLogFiguresAgree(core, ['days', 'months', 'firsts']);

/** The report's figures against reading the period's logs (the form before migration 020). */
function rawFigures(core: Core, from: string, to: string, township: string | null) {
  return core.db
    .prepare(
      `SELECT count(*) AS logDays, ifnull(sum(w.in_village), 0) AS daysInVillage, ifnull(sum(w.households), 0) AS householdsVisited,
         count(DISTINCT w.cadre_id) AS cadresLogging,
         ifnull(sum(w.origin IN (SELECT installation_id FROM sync_pins WHERE village_id IS NOT NULL)), 0) AS villageDays
       FROM work_logs w WHERE w.deleted_at IS NULL AND w.log_date BETWEEN @from AND @to
         AND (@township IS NULL OR w.origin IN (SELECT installation_id FROM sync_pins WHERE township_code = @township))`,
    )
    .get({ from, to, township });
}

// Whole months, a month's part at either end or both, one day, parts of two months, a year's end.
const PERIODS: [string, string][] = [
  ['2025-01-01', '2025-12-31'],
  ['2025-11-01', '2025-11-30'],
  ['2025-11-15', '2026-01-31'],
  ['2025-11-01', '2026-01-10'],
  ['2025-11-20', '2025-12-05'],
  ['2025-12-02', '2025-12-02'],
  ['2025-12-01', '2025-12-31'],
  ['2025-12-31', '2026-01-01'],
  ['2025-11-02', '2025-11-29'],
  ['2026-02-01', '2026-06-30'],
];

async function reportAgrees(core: Core) {
  for (const [from, to] of PERIODS) {
    const report = await ok(core, 'reports.get', { from, to, township: null });
    for (const scope of report.scopes) {
      const township = report.role === 'township' ? null : scope.code;
      expect(scope.figures.workLogs, `${scope.name} ${from}–${to}`).toEqual(rawFigures(core, from, to, township));
    }
  }
}

describe('work logs per day and per month (work_log_days, work_log_months)', () => {
  it('cuts a period into whole months and the parts of months', () => {
    expect(periodMonths('2026-01-01', '2026-06-30')).toEqual({ firstMonth: '2026-01', lastMonth: '2026-06', partial: [] });
    expect(periodMonths('2026-01-15', '2026-06-10')).toEqual({
      firstMonth: '2026-02',
      lastMonth: '2026-05',
      partial: [
        ['2026-01-15', '2026-01-31'],
        ['2026-06-01', '2026-06-10'],
      ],
    });
    expect(periodMonths('2026-02-03', '2026-02-03').partial).toEqual([['2026-02-03', '2026-02-03']]);
    expect(periodMonths('2025-12-31', '2026-01-01').partial).toEqual([
      ['2025-12-31', '2025-12-31'],
      ['2026-01-01', '2026-01-01'],
    ]);
    expect(periodMonths('2024-02-01', '2024-02-29')).toEqual({ firstMonth: '2024-02', lastMonth: '2024-02', partial: [] });
  });

  it('equal the live logs after every kind of write, and the report equals reading the logs', async () => {
    const { core } = await coreOn('2026-01-20', YANSHAN);
    const v = await village(core, '东立村');
    const [a, b, c] = [await cadre(core, '李明'), await cadre(core, '王芳'), await cadre(core, '赵强')];
    for (const x of [a, b, c]) await post(core, x, v, x === a ? '第一书记' : '工作队员', '2025-11-01');
    await logDays(core, a, '2025-11-25', 10);
    await logDays(core, b, '2025-12-01', 5);
    await logDays(core, b, '2025-12-10', 3, false);
    await logDays(core, c, '2026-01-01', 2);
    agreeTables(core);
    await reportAgrees(core);

    // Edited through the form: moved to another month, out of the village, households changed.
    const save = async (cadreId: string, day: string, to: { logDate: string; inVillage: boolean; households?: number }) => {
      const { id, version } = logOf(core, cadreId, day);
      await ok(core, 'cadres.saveLog', { id, version, cadreId, workKind: '走访农户', ...to });
    };
    await save(a, '2025-11-25', { logDate: '2026-01-05', inVillage: true, households: 4 });
    await save(b, '2025-12-01', { logDate: '2025-12-01', inVillage: false, households: 7 });
    await save(b, '2025-12-10', { logDate: '2025-12-10', inVillage: true });
    const { id, version } = logOf(core, a, '2025-12-01');
    await ok(core, 'cadres.removeLog', { id, version });
    agreeTables(core);
    await reportAgrees(core);

    // Writes that bypass the services: a log handed to another cadre, its origin changed (a
    // laptop's log the township corrected), households changed, one soft-deleted and brought
    // back, one removed outright, one inserted deleted.
    core.db.prepare('UPDATE work_logs SET cadre_id = ? WHERE id = ?').run(b, logOf(core, a, '2025-11-27').id);
    // Moved within the gap to its cadre's next log (the log's old neighbours found without it).
    core.db.prepare('UPDATE work_logs SET log_date = ? WHERE id = ?').run('2025-12-20', logOf(core, a, '2025-12-04').id);
    // Every log of a cadre removed and brought back in one statement each (the triggers run row by row).
    core.db.prepare("UPDATE work_logs SET deleted_at = '2026-01-20T00:00:00.000Z' WHERE cadre_id = ? AND deleted_at IS NULL").run(b);
    agreeTables(core);
    core.db.prepare("UPDATE work_logs SET deleted_at = NULL WHERE cadre_id = ? AND deleted_at = '2026-01-20T00:00:00.000Z'").run(b);
    core.db.prepare("UPDATE work_logs SET origin = 'a-laptop', households = 9 WHERE id = ?").run(logOf(core, c, '2026-01-02').id);
    const gone = logOf(core, a, '2025-11-26').id;
    core.db.prepare("UPDATE work_logs SET deleted_at = '2026-01-20T00:00:00.000Z' WHERE id = ?").run(gone);
    agreeTables(core);
    await reportAgrees(core);
    core.db.prepare('UPDATE work_logs SET deleted_at = NULL WHERE id = ?').run(gone);
    core.db.prepare('DELETE FROM work_logs WHERE id = ?').run(logOf(core, b, '2025-12-03').id);
    insertDeletedLog(core);
    agreeTables(core);
    await reportAgrees(core);
    expect(countedMonths(core).length).toBeGreaterThan(4);
    expect(keptDays(core).some((d) => (d as { origin: string }).origin === 'a-laptop')).toBe(true);
  });

  it('equal the live logs after random writes, edits, deletions and undeletions', async () => {
    const { core } = await coreOn('2026-03-01', YANSHAN);
    const v = await village(core, '东立村');
    const cadres = [await cadre(core, '李明'), await cadre(core, '王芳'), await cadre(core, '赵强')];
    for (const x of cadres) await post(core, x, v, x === cadres[0] ? '第一书记' : '工作队员', '2025-09-01');
    let seed = 20261201;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const day = () => `2025-${String(10 + rnd(3)).padStart(2, '0')}-${String(1 + rnd(28)).padStart(2, '0')}`;
    const logs = () => core.db.prepare('SELECT id, cadre_id, log_date, deleted_at FROM work_logs ORDER BY id').all() as { id: string; cadre_id: string; log_date: string; deleted_at: string | null }[];
    for (let i = 0; i < 120; i++) {
      const cadreId = cadres[rnd(3)]!;
      const all = logs();
      const pick = all[rnd(Math.max(all.length, 1))];
      const op = rnd(8);
      const freeDay = (x: string) => {
        const d = day();
        return core.db.prepare('SELECT 1 FROM work_logs WHERE cadre_id = ? AND log_date = ? AND deleted_at IS NULL').get(x, d) ? null : d;
      };
      if (op <= 3 || !pick) {
        const d = freeDay(cadreId);
        if (d) await ok(core, 'cadres.saveLog', { id: null, version: null, cadreId, logDate: d, inVillage: rnd(3) > 0, workKind: '走访农户', households: rnd(5) });
      } else if (op === 4 && pick.deleted_at === null) {
        const d = freeDay(pick.cadre_id);
        const { version } = core.db.prepare('SELECT version FROM work_logs WHERE id = ?').get(pick.id) as { version: number };
        if (d) await ok(core, 'cadres.saveLog', { id: pick.id, version, cadreId: pick.cadre_id, logDate: d, inVillage: rnd(2) > 0, workKind: '走访农户', households: rnd(9) });
      } else if (op === 5) {
        // Brought back onto a day the cadre has logged again, the one-log-a-day index refuses it.
        const taken = pick.deleted_at && core.db.prepare('SELECT 1 FROM work_logs WHERE cadre_id = ? AND log_date = ? AND deleted_at IS NULL').get(pick.cadre_id, pick.log_date);
        if (!taken) core.db.prepare('UPDATE work_logs SET deleted_at = ? WHERE id = ?').run(pick.deleted_at ? null : '2026-03-01T00:00:00.000Z', pick.id);
      } else if (op === 6) {
        core.db.prepare('DELETE FROM work_logs WHERE id = ?').run(pick.id);
      } else {
        core.db.prepare('UPDATE work_logs SET households = ?, in_village = ? WHERE id = ?').run(rnd(20), rnd(2), pick.id);
      }
      if (i % 20 === 19) {
        agreeTables(core);
        await reportAgrees(core);
      }
    }
    expect(countedDays(core).length).toBeGreaterThan(10);
  });

  it('at the district: equal the recount after each township bundle, first and incremental, per township and in all', async () => {
    const { core } = await coreOn('2026-01-20', DISTRICT);
    const yanshan = (await coreOn('2026-01-20', YANSHAN)).core;
    const zhemu = (await coreOn('2026-01-20', ZHEMU)).core;
    const [ya, zh] = [await village(yanshan, '东立村'), await village(zhemu, '柘木一村')];
    const [a, b] = [await cadre(yanshan, '李明'), await cadre(zhemu, '王芳')];
    await post(yanshan, a, ya, '第一书记', '2025-11-01');
    await post(zhemu, b, zh, '第一书记', '2025-11-01');
    await logDays(yanshan, a, '2025-11-20', 20);
    await logDays(zhemu, b, '2025-12-15', 10, false);
    const send = (town: Core) => sendBundle(town, core);
    for (const town of [yanshan, zhemu]) trustDistrict(town);
    await send(yanshan);
    await send(zhemu);
    agreeTables(core);
    await reportAgrees(core);
    const total = (await ok(core, 'reports.get', { from: '2025-11-01', to: '2025-12-31', township: null })).scopes.find((s) => s.name === '合计')!;
    expect(total.figures.workLogs.logDays).toBe(30);
    expect(total.figures.workLogs.cadresLogging).toBe(2);

    // The townships edit and remove logs, then send their incremental bundles.
    const moved = logOf(yanshan, a, '2025-11-30');
    await ok(yanshan, 'cadres.saveLog', { id: moved.id, version: moved.version, cadreId: a, logDate: '2026-01-03', inVillage: false, workKind: '走访农户', households: 3 });
    const gone = logOf(zhemu, b, '2025-12-20');
    await ok(zhemu, 'cadres.removeLog', { id: gone.id, version: gone.version });
    await send(yanshan);
    await send(zhemu);
    agreeTables(core);
    await reportAgrees(core);
  });
});
