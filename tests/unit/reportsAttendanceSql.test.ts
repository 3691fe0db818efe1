import { describe, expect, it } from 'vitest';
import { cadrePostingsTable, workLogsTable } from '../../db/cadres';
import { attendanceMonths } from '../../db/reports/attendance';
import { reportParams, type ReportParams } from '../../db/reports/period';
import { deleteRow, insertRow, updateRow } from '../../db/sync';
import { sectionsRecount } from '../../db/migrations/022_report_sections';
import { allLiveVillages } from '../../db/villages';
import { addDays } from '../../electron/domain/dates';
import { CADRE_ROLES } from '../../electron/domain/cadres';
import { cadreInput } from '../../electron/seed/cadres';
import { Rng } from '../../electron/seed/random';
import { seedVillages } from '../../electron/seed/villages';
import { createCadre } from '../../electron/services/cadres';
import type { Core } from '../../electron/core';
import { freshCore } from '../helpers/core';
import { oldAttendance } from './reportSections.oracle';

/**
 * 在村达标 in the report (db/reports/attendance.ts) against the form it had before it was tuned
 * for speed, kept here as the reference: the in-village days as a range lookup per posting and
 * month. Postings start and end on and around month boundaries, a cadre holds two postings in
 * one month, logs fall on the first and last day of months, out of the village, deleted; the
 * figures must be identical for several periods, thresholds and days of judging.
 */

const OLD = `WITH RECURSIVE months(first) AS (
    SELECT date(@from, 'start of month', CASE WHEN substr(@from, 9) = '01' THEN '+0 months' ELSE '+1 months' END)
    UNION ALL SELECT date(first, '+1 months') FROM months WHERE date(first, '+1 months') <= @to
  ),
  m AS (SELECT first, date(first, '+1 months', '-1 days') AS last FROM months
        WHERE date(first, '+1 months', '-1 days') <= @to AND date(first, '+1 months', '-1 days') < @today),
  pm AS (
    SELECT p.cadre_id, m.first, m.last, CAST(strftime('%d', m.last) AS INTEGER) AS days,
      max(m.first, p.start_date) AS s,
      CASE WHEN p.actual_end IS NOT NULL AND p.actual_end <= m.last THEN date(p.actual_end, '-1 days') ELSE m.last END AS e
    FROM cadre_postings p JOIN m ON p.start_date <= m.last AND (p.actual_end IS NULL OR p.actual_end > m.first)
    WHERE p.deleted_at IS NULL
  ),
  j AS (
    SELECT (SELECT count(*) FROM work_logs w WHERE w.cadre_id = pm.cadre_id AND w.deleted_at IS NULL AND w.in_village = 1
              AND w.log_date BETWEEN pm.first AND pm.last) AS inv,
      (CAST(@threshold AS INTEGER) * CAST(julianday(pm.e) - julianday(pm.s) + 1 AS INTEGER) + pm.days / 2) / pm.days AS req
    FROM pm WHERE pm.e >= pm.s
  )
  SELECT count(*) AS judged, ifnull(sum(inv >= req), 0) AS met FROM j`;

const old = (core: Core, p: ReportParams, threshold: number, today: string) => core.db.prepare(OLD).get({ ...p, threshold, today }) as { judged: number; met: number };

/** Dates a posting starts or ends on: month boundaries and days either side, or anywhere. */
function boundaryDay(rng: Rng): string {
  const month = `2025-${String(rng.int(1, 12)).padStart(2, '0')}`;
  const first = `${month}-01`;
  return rng.pick([first, addDays(first, -1), addDays(first, 1), addDays(first, rng.int(2, 27))]);
}

function seed(core: Core, rng: Rng, cadres: number): void {
  seedVillages(core, rng, 4, 2025);
  const villages = allLiveVillages(core.db).map((v) => v.id as string);
  const w = core.writer();
  const used = new Set<string>();
  core.db.transaction(() => {
    for (let i = 0; i < cadres; i++) {
      const cadre = createCadre(core, cadreInput(rng, rng.pick(CADRE_ROLES), used)).id;
      const village = rng.pick(villages);
      // One or two postings (as team members: a village has one running first secretary); a
      // second one may start in the month the first ended.
      let start = boundaryDay(rng);
      for (let k = rng.int(1, 2); k > 0; k--) {
        const end = rng.chance(0.5) ? addDays(start, rng.int(0, 150)) : null;
        const p = insertRow(core.db, w, cadrePostingsTable, {
          cadre_id: cadre, village_id: village, role: '工作队员', start_date: start, planned_end: null,
          actual_end: end, status: end ? '期满轮换' : '在岗', reason: null, replaced_by_cadre_id: null,
        });
        if (rng.chance(0.05)) deleteRow(core.db, w, cadrePostingsTable, p.id);
        if (!end) break;
        start = addDays(end, rng.int(0, 20));
      }
      // Logs on most days of a stretch, first and last days of months included.
      const from = addDays('2025-01-01', rng.int(0, 200));
      for (let d = from, n = rng.int(30, 200); n > 0; n--, d = addDays(d, rng.int(1, 2))) {
        const log = insertRow(core.db, w, workLogsTable, {
          cadre_id: cadre, village_id: village, log_date: d, in_village: rng.chance(0.8) ? 1 : 0, work_kind: '走访农户',
          households: 1, content: null, problems: null, follow_up: null,
        });
        if (rng.chance(0.05)) deleteRow(core.db, w, workLogsTable, log.id);
      }
    }
  })();
}

describe('在村达标 in the report', () => {
  it('gives the figures of the per-posting lookups it replaced, for several periods, thresholds and days of judging', async () => {
    const core = await freshCore();
    seed(core, new Rng('attendance-sql'), 60);
    let judged = 0;
    let met = 0;
    for (const [from, to, today] of [
      ['2025-01-01', '2025-06-30', '2026-01-05'],
      ['2025-07-01', '2025-12-31', '2026-01-05'],
      ['2025-01-15', '2025-12-31', '2025-09-01'],
      ['2025-03-01', '2025-03-31', '2025-04-01'],
      ['2025-03-01', '2025-03-31', '2025-03-31'],
      ['2024-01-01', '2026-12-31', '2026-01-05'],
    ] as const) {
      for (const threshold of [1, 15, 20, 31]) {
        const p = reportParams({ from, to, contactIntervalDays: 90 }, null);
        const want = old(core, p, threshold, today);
        expect(attendanceMonths(core.db, p, threshold, today)).toEqual(want);
        judged += want.judged;
        met += want.met;
      }
    }
    // Real comparisons: many cadre-months judged, some met and some not.
    expect(judged).toBeGreaterThan(500);
    expect(met).toBeGreaterThan(0);
    expect(met).toBeLessThan(judged);
  });

  it('keeps attendance_pairs and attendance_whole equal to a recount after random edits, and the figures equal the forms before', async () => {
    const core = await freshCore();
    const rng = new Rng('attendance-edits');
    seed(core, rng, 40);
    const w = core.writer();
    const rows = (table: string) => core.db.prepare(`SELECT id, cadre_id, deleted_at FROM ${table} ORDER BY id`).all() as { id: string; cadre_id: string; deleted_at: string | null }[];
    const cadres = [...new Set(rows('cadre_postings').map((r) => r.cadre_id))];
    // A write the one-live-log-a-day or one-running-posting index refuses is rolled back whole, triggers included.
    const refusable = (write: () => unknown) => {
      try {
        write();
      } catch (e) {
        if (!String(e).includes('UNIQUE')) throw e;
      }
    };
    const raw = (sql: string, ...args: unknown[]) => refusable(() => core.db.prepare(sql).run(...args));
    const edit = () => {
      const posting = rng.pick(rows('cadre_postings'));
      const log = rng.pick(rows('work_logs'));
      const start = boundaryDay(rng);
      const end = rng.chance(0.5) ? addDays(start, rng.int(0, 90)) : null;
      switch (rng.int(0, 9)) {
        case 0: // a posting moved or ended through the write path (a restore or an import writes the same columns)
          if (posting.deleted_at) return raw('UPDATE cadre_postings SET start_date = ?, actual_end = ? WHERE id = ?', start, end, posting.id);
          return refusable(() => updateRow(core.db, w, cadrePostingsTable, posting.id, { start_date: start, actual_end: end, status: end ? '召回调整' : '在岗' }));
        case 1:
          return raw('UPDATE cadre_postings SET deleted_at = ? WHERE id = ?', posting.deleted_at ? null : '2026-01-05T00:00:00.000Z', posting.id);
        case 2:
          return raw('UPDATE cadre_postings SET cadre_id = ?, origin = ? WHERE id = ?', rng.pick(cadres), rng.pick(['a-laptop', w.installationId]), posting.id);
        case 3:
          return raw('DELETE FROM cadre_postings WHERE id = ?', posting.id);
        case 4:
          return refusable(() =>
            insertRow(core.db, w, cadrePostingsTable, {
              cadre_id: rng.pick(cadres), village_id: allLiveVillages(core.db)[0]!.id as string, role: '工作队员', start_date: start, planned_end: null,
              actual_end: end, status: end ? '期满轮换' : '在岗', reason: null, replaced_by_cadre_id: null,
            }),
          );
        case 5:
          return raw('UPDATE work_logs SET in_village = 1 - in_village WHERE id = ?', log.id);
        case 6:
          return raw('UPDATE work_logs SET log_date = ?, cadre_id = ? WHERE id = ?', boundaryDay(rng), rng.pick(cadres), log.id);
        case 7:
          return raw('UPDATE work_logs SET deleted_at = ? WHERE id = ?', log.deleted_at ? null : '2026-01-05T00:00:00.000Z', log.id);
        case 8:
          return raw('DELETE FROM work_logs WHERE id = ?', log.id);
        default:
          return raw(
            `INSERT INTO work_logs (id, created_at, updated_at, seq, version, deleted_at, origin, cadre_id, village_id, log_date, in_village, work_kind)
             SELECT ?, created_at, updated_at, ?, 1, NULL, origin, ?, village_id, ?, 1, work_kind FROM work_logs LIMIT 1`,
            `raw-${rng.int(0, 1e9)}`, 100_000 + rng.int(0, 1e9), rng.pick(cadres), boundaryDay(rng),
          );
      }
    };
    const order = { pairs: 'month, origin, posted, days', whole: 'month, origin' };
    const kept = (table: 'pairs' | 'whole') => core.db.prepare(`SELECT ${order[table]}, n FROM attendance_${table} WHERE n <> 0 ORDER BY ${order[table]}`).all();
    const recounted = (table: 'pairs' | 'whole') => core.db.prepare(`SELECT * FROM (${sectionsRecount[table]}) WHERE n <> 0 ORDER BY ${order[table]}`).all();
    let judged = 0;
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < 25; i++) edit();
      expect(kept('pairs')).toEqual(recounted('pairs'));
      expect(kept('whole')).toEqual(recounted('whole'));
      for (let k = 0; k < 6; k++) {
        const from = addDays('2024-12-01', rng.int(0, 420));
        const to = addDays(from, rng.pick([0, 30, 90, 180, 400]));
        const today = addDays(from, rng.int(0, 500));
        const threshold = rng.pick([0, 1, 15, 20, 31]);
        const p = reportParams({ from, to, contactIntervalDays: 90 }, null);
        const want = oldAttendance(core.db, p, threshold, today);
        expect(attendanceMonths(core.db, p, threshold, today), `${from}–${to} ${today} ${threshold}`).toEqual(want);
        expect(old(core, p, threshold, today)).toEqual(want);
        judged += (want as { judged: number }).judged;
      }
    }
    expect(judged).toBeGreaterThan(1000);
  });
});
