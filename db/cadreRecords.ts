import type { Database } from 'better-sqlite3';
import type { AssessmentRow, EvaluationRow, InspectionRow, PostingRow, WorkLogRow } from './cadres';
import { stmt } from './sync';

/** Reads of a cadre's postings, logs and reviews; every one filters live rows on an index. */

export type PostingWithNames = PostingRow & { village_name: string; replaced_by_name: string | null };

export function postingsOf(db: Database, cadreId: string): PostingWithNames[] {
  return stmt(
    db,
    `SELECT p.*, v.name AS village_name, r.name AS replaced_by_name FROM cadre_postings p
      JOIN villages v ON v.id = p.village_id LEFT JOIN cadres r ON r.id = p.replaced_by_cadre_id
      WHERE p.cadre_id = ? AND p.deleted_at IS NULL ORDER BY p.start_date DESC, p.created_at DESC`,
  ).all(cadreId) as PostingWithNames[];
}

/** The cadre's posting in post (status 在岗, no actual end), if any. */
export function openPostingOf(db: Database, cadreId: string): PostingRow | undefined {
  return stmt(db, "SELECT * FROM cadre_postings WHERE cadre_id = ? AND deleted_at IS NULL AND status = '在岗' AND actual_end IS NULL").get(
    cadreId,
  ) as PostingRow | undefined;
}

/** The first secretary in post in a village, if any, with their name. */
export function openSecretaryOf(db: Database, villageId: string): (PostingRow & { cadre_name: string }) | undefined {
  return stmt(
    db,
    `SELECT p.*, c.name AS cadre_name FROM cadre_postings p JOIN cadres c ON c.id = p.cadre_id
      WHERE p.village_id = ? AND p.role = '第一书记' AND p.status = '在岗' AND p.actual_end IS NULL AND p.deleted_at IS NULL`,
  ).get(villageId) as (PostingRow & { cadre_name: string }) | undefined;
}

/**
 * The posting that covers `day`: started on or before it and not ended before it. An open
 * posting covers every day from its start.
 */
export function postingOn(db: Database, cadreId: string, day: string): PostingRow | undefined {
  return postingWithin(db, cadreId, day, day);
}

/** The latest posting that covers some day from `first` to `last` (a quarter, a year). */
export function postingWithin(db: Database, cadreId: string, first: string, last: string): PostingRow | undefined {
  return stmt(
    db,
    `SELECT * FROM cadre_postings WHERE cadre_id = ? AND deleted_at IS NULL AND start_date <= ?
      AND (actual_end IS NULL OR actual_end >= ?) ORDER BY start_date DESC LIMIT 1`,
  ).get(cadreId, last, first) as PostingRow | undefined;
}

export function logOn(db: Database, cadreId: string, day: string): WorkLogRow | undefined {
  return stmt(db, 'SELECT * FROM work_logs WHERE cadre_id = ? AND log_date = ? AND deleted_at IS NULL').get(cadreId, day) as
    | WorkLogRow
    | undefined;
}

/** The latest entry before `day`: the quick-entry form's defaults. */
export function logBefore(db: Database, cadreId: string, day: string): WorkLogRow | undefined {
  return db
    .prepare('SELECT * FROM work_logs WHERE cadre_id = ? AND log_date < ? AND deleted_at IS NULL ORDER BY log_date DESC LIMIT 1')
    .get(cadreId, day) as WorkLogRow | undefined;
}

export function logsBetween(db: Database, cadreId: string, first: string, last: string): WorkLogRow[] {
  return db
    .prepare('SELECT * FROM work_logs WHERE cadre_id = ? AND log_date BETWEEN ? AND ? AND deleted_at IS NULL ORDER BY log_date')
    .all(cadreId, first, last) as WorkLogRow[];
}

export interface MonthDays {
  month: string;
  inVillage: number;
  logged: number;
}

/**
 * Days in the village per calendar month: distinct log days with in_village = 1, grouped by
 * the YYYY-MM of log_date, on the (cadre_id, log_date, in_village) index. A week that spans
 * two months counts in each month for its own days.
 */
export function monthlyAttendance(db: Database, cadreId: string, first = '0000-00-00', last = '9999-99-99'): MonthDays[] {
  return db
    .prepare(
      `SELECT substr(log_date, 1, 7) AS month,
              count(DISTINCT CASE WHEN in_village = 1 THEN log_date END) AS inVillage,
              count(DISTINCT log_date) AS logged
       FROM work_logs WHERE cadre_id = ? AND log_date BETWEEN ? AND ? AND deleted_at IS NULL
       GROUP BY month ORDER BY month`,
    )
    .all(cadreId, first, last) as MonthDays[];
}

export function inspectionsOf(db: Database, cadreId: string): InspectionRow[] {
  return db
    .prepare('SELECT * FROM cadre_inspections WHERE cadre_id = ? AND deleted_at IS NULL ORDER BY inspect_date DESC')
    .all(cadreId) as InspectionRow[];
}

export function evaluationsOf(db: Database, cadreId: string): EvaluationRow[] {
  return db
    .prepare('SELECT * FROM cadre_evaluations WHERE cadre_id = ? AND deleted_at IS NULL ORDER BY year DESC, quarter DESC')
    .all(cadreId) as EvaluationRow[];
}

export function evaluationFor(db: Database, cadreId: string, year: number, quarter: number): EvaluationRow | undefined {
  return db
    .prepare('SELECT * FROM cadre_evaluations WHERE cadre_id = ? AND year = ? AND quarter = ? AND deleted_at IS NULL')
    .get(cadreId, year, quarter) as EvaluationRow | undefined;
}

export function assessmentsOf(db: Database, cadreId: string): AssessmentRow[] {
  return db
    .prepare('SELECT * FROM cadre_assessments WHERE cadre_id = ? AND deleted_at IS NULL ORDER BY year DESC')
    .all(cadreId) as AssessmentRow[];
}

export function assessmentFor(db: Database, cadreId: string, year: number): AssessmentRow | undefined {
  return db.prepare('SELECT * FROM cadre_assessments WHERE cadre_id = ? AND year = ? AND deleted_at IS NULL').get(cadreId, year) as
    | AssessmentRow
    | undefined;
}

/** Live child rows of a cadre, for removing the cadre with everything recorded about them. */
export function childIdsOf(db: Database, table: string, cadreId: string): string[] {
  if (!/^[a-z_]+$/.test(table)) throw new Error('bad table');
  return (db.prepare(`SELECT id FROM ${table} WHERE cadre_id = ? AND deleted_at IS NULL`).all(cadreId) as { id: string }[]).map((r) => r.id);
}
