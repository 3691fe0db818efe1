import { describe, expect, it } from 'vitest';
import { cadrePostingsTable, workLogsTable } from '../../db/cadres';
import { attendanceMonths } from '../../db/reports/attendance';
import { reportParams, type ReportParams } from '../../db/reports/period';
import { deleteRow, insertRow } from '../../db/sync';
import { allLiveVillages } from '../../db/villages';
import { addDays } from '../../electron/domain/dates';
import { CADRE_ROLES } from '../../electron/domain/cadres';
import { cadreInput } from '../../electron/seed/cadres';
import { Rng } from '../../electron/seed/random';
import { seedVillages } from '../../electron/seed/villages';
import { createCadre } from '../../electron/services/cadres';
import type { Core } from '../../electron/core';
import { freshCore } from '../helpers/core';

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
});
