import type { Database } from 'better-sqlite3';
import { inScope, type ReportParams } from './period';

/** 在村达标 over a report period, in cadre-months (人次): how many were judged, how many met the standard. */
export interface AttendanceFigures {
  judged: number;
  met: number;
}

/**
 * The months judged are the calendar months wholly inside the period that are already over (their
 * last day before `today`). Each posting in post on at least one day of such a month is judged
 * once for it: met when the cadre's in-village days that month reach the threshold prorated to the
 * days posted that month, rounded half up (the rule of the cadres list and the dashboard,
 * domain/cadres.ts requiredDays). A posting ended on day D was in post until D − 1.
 *
 * The in-village days per cadre and month are migration 016's work_log_month_days (kept by
 * triggers equal to the live in-village logs, tests/unit/listCounts.test.ts), joined to the
 * postings by key. Until 2026-11-30 they were counted from the judged months' logs in one pass
 * (35 ms of CPU at scale 0.3 against 47–60 ms for a range lookup per posting and month); on the
 * scale-1 bench database a half year whose two finished months hold 427,000 logs took 310–400 ms
 * that way and 43–56 ms from the table, the same answers. tests/unit/reportsAttendanceSql.test.ts
 * keeps the lookup form as the reference the answers must equal.
 *
 * The months are materialized: left as a view, SQLite ran the recursive months CTE again for every
 * posting it joined. A posting's days in a month are counted from the day-of-month digits (its
 * first and last day in post there are always in that month) rather than with julianday and
 * date(). On the scale-1 bench database (10,000 cadres, 39,000 posting-months in a half year)
 * the two took the figure from 121 to 37 ms of CPU for a half year without logs.
 */
export function attendanceMonths(db: Database, params: ReportParams, threshold: number, today: string): AttendanceFigures {
  const row = db
    .prepare(
      `WITH RECURSIVE months(first) AS (
         SELECT date(@from, 'start of month', CASE WHEN substr(@from, 9) = '01' THEN '+0 months' ELSE '+1 months' END)
         UNION ALL SELECT date(first, '+1 months') FROM months WHERE date(first, '+1 months') <= @to
       ),
       m AS MATERIALIZED (
         SELECT first, last, substr(first, 1, 7) AS month, CAST(substr(last, 9) AS INTEGER) AS days
         FROM (SELECT first, date(first, '+1 months', '-1 days') AS last FROM months) WHERE last <= @to AND last < @today
       ),
       pm AS (
         SELECT p.cadre_id, m.month, m.days,
           CASE WHEN p.start_date > m.first THEN CAST(substr(p.start_date, 9) AS INTEGER) ELSE 1 END AS s,
           CASE WHEN p.actual_end IS NOT NULL AND p.actual_end <= m.last THEN CAST(substr(p.actual_end, 9) AS INTEGER) - 1 ELSE m.days END AS e
         FROM cadre_postings p JOIN m ON p.start_date <= m.last AND (p.actual_end IS NULL OR p.actual_end > m.first)
         WHERE p.deleted_at IS NULL AND ${inScope(params, 'p.')}
       ),
       j AS (
         SELECT ifnull(inv.days, 0) AS inv,
           (CAST(@threshold AS INTEGER) * (pm.e - pm.s + 1) + pm.days / 2) / pm.days AS req
         FROM pm LEFT JOIN work_log_month_days inv ON inv.cadre_id = pm.cadre_id AND inv.month = pm.month WHERE pm.e >= pm.s
       )
       SELECT count(*) AS judged, ifnull(sum(inv >= req), 0) AS met FROM j`,
    )
    .get({ ...params, threshold, today }) as AttendanceFigures;
  return { judged: row.judged, met: row.met };
}
