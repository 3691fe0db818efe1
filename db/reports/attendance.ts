import type { Database } from 'better-sqlite3';
import { stmt } from '../sync';
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
 * Read from migration 022's tables, kept by triggers equal to the postings and the in-village
 * days: attendance_pairs holds the posting-months by days in post and in-village days (every
 * month covered in part, and the months covered whole that have in-village days on record), and
 * the running sum of attendance_whole up to a month is the postings in post that whole month; the
 * difference are whole months without in-village days. A half year reads a few hundred rows.
 *
 * Until 2026-12-01 every posting was joined to every judged month and the cadre's in-village days
 * looked up in migration 016's work_log_month_days (31–35 ms of CPU for a half year of the scale-1
 * bench, 39,000 posting-months); tests/unit/reportsAttendanceSql.test.ts keeps that form and the
 * range lookup before it as the references the answers must equal.
 */
export function attendanceMonths(db: Database, params: ReportParams, threshold: number, today: string): AttendanceFigures {
  const req = (posted: string, dim: string) => `(CAST(@threshold AS INTEGER) * ${posted} + ${dim} / 2) / ${dim}`;
  const row = stmt(
    db,
      `WITH RECURSIVE months(first) AS (
         SELECT date(@from, 'start of month', CASE WHEN substr(@from, 9) = '01' THEN '+0 months' ELSE '+1 months' END)
         UNION ALL SELECT date(first, '+1 months') FROM months WHERE date(first, '+1 months') <= @to
       ),
       m AS MATERIALIZED (
         SELECT substr(first, 1, 7) AS month, CAST(substr(last, 9) AS INTEGER) AS dim
         FROM (SELECT first, date(first, '+1 months', '-1 days') AS last FROM months) WHERE last <= @to AND last < @today
       ),
       h AS MATERIALIZED (
         SELECT m.month, m.dim, h.posted, h.days, sum(h.n) AS n FROM m JOIN attendance_pairs h ON h.month = m.month
         WHERE ${inScope(params, 'h.')} GROUP BY m.month, h.posted, h.days
       ),
       whole AS (
         SELECT m.month, m.dim,
           (SELECT ifnull(sum(d.n), 0) FROM attendance_whole d WHERE d.month <= m.month AND ${inScope(params, 'd.')})
           - (SELECT ifnull(sum(h.n), 0) FROM h WHERE h.month = m.month AND h.posted = h.dim) AS without
         FROM m
       )
       SELECT (SELECT ifnull(sum(n), 0) FROM h) + (SELECT ifnull(sum(without), 0) FROM whole) AS judged,
         (SELECT ifnull(sum(n), 0) FROM h WHERE days >= ${req('posted', 'dim')})
         + (SELECT ifnull(sum(without), 0) FROM whole WHERE 0 >= ${req('dim', 'dim')}) AS met`,
    )
    .get({ ...params, threshold, today }) as AttendanceFigures;
  return { judged: row.judged, met: row.met };
}
