import type { Database } from 'better-sqlite3';
import { COVERS_YEAR } from '../../db/projects';
import { sum, type AbsentEntry, type CadreReport } from '../../db/reports/cadres';
import { inScope, queries, type ReportParams } from '../../db/reports/period';
import type { ProjectReport } from '../../db/reports/projects';
import type { AttendanceFigures } from '../../db/reports/attendance';
import { fromTownship } from '../../db/townships';

/**
 * The 统计报表's 驻村干部 and 一村一项目 figures as they were computed before migration 022
 * (2026-12-01): queries over the live postings, cadres and projects, and 在村达标 over the postings
 * and migration 016's in-village days. Kept as the reference the
 * figures from the kept tables must equal (reportCadreCounts.test.ts).
 */
// In post at the period's last day: an ended posting always has its actual end (the service
// requires it); 在岗 without an end is still running.
const IN_POST_AT_END = `p.deleted_at IS NULL AND p.start_date <= @to
  AND ((p.status = '在岗' AND p.actual_end IS NULL) OR p.actual_end > @to)`;

export function oldCadreReport(db: Database, params: ReportParams): CadreReport {
  const q = queries(db, params);
  const P = inScope(params, 'p.');
  const I = inScope(params, 'i.');
  const sentByRole = q.grouped(`SELECT p.role AS k, count(*) AS n FROM cadre_postings p
    WHERE p.deleted_at IS NULL AND ${P} AND p.start_date BETWEEN @from AND @to GROUP BY p.role`);
  const adjustedByStatus = q.grouped(`SELECT p.status AS k, count(*) AS n FROM cadre_postings p
    WHERE p.deleted_at IS NULL AND ${P} AND p.status <> '在岗' AND p.actual_end BETWEEN @from AND @to GROUP BY p.status`);
  const inPostByRole = q.grouped(`SELECT p.role AS k, count(*) AS n FROM cadre_postings p WHERE ${IN_POST_AT_END} AND ${P} GROUP BY p.role`);
  const absentList = q.all<AbsentEntry>(`SELECT c.name, i.inspect_date AS date, i.inspector, i.notes
    FROM cadre_inspections i JOIN cadres c ON c.id = i.cadre_id
    WHERE i.deleted_at IS NULL AND ${I} AND i.in_post = 0 AND i.inspect_date BETWEEN @from AND @to
    ORDER BY i.inspect_date, c.name, i.id`);
  return {
    sent: sum(sentByRole),
    sentByRole,
    youngSent: q.one(`SELECT count(*) AS n FROM cadre_postings p JOIN cadres c ON c.id = p.cadre_id
      WHERE p.deleted_at IS NULL AND ${P} AND p.start_date BETWEEN @from AND @to AND p.start_date < date(c.birth_date, '+35 years')`),
    keyVillageFirstSecretaries: q.one(`SELECT count(*) AS n FROM cadre_postings p JOIN villages v ON v.id = p.village_id
      WHERE p.deleted_at IS NULL AND ${P} AND p.start_date BETWEEN @from AND @to AND p.role = '第一书记' AND v.key_village = 1`),
    relocationTeamMembers: q.one(`SELECT count(*) AS n FROM cadre_postings p JOIN villages v ON v.id = p.village_id
      WHERE p.deleted_at IS NULL AND ${P} AND p.start_date BETWEEN @from AND @to AND p.role <> '第一书记' AND v.relocation = 1`),
    adjusted: sum(adjustedByStatus),
    adjustedByStatus,
    inPost: sum(inPostByRole),
    inPostByRole,
    inPostByUnitLevel: q.grouped(`SELECT c.unit_level AS k, count(*) AS n FROM cadre_postings p JOIN cadres c ON c.id = p.cadre_id
      WHERE ${IN_POST_AT_END} AND ${P} GROUP BY c.unit_level`),
    inspections: q.one(`SELECT count(*) AS n FROM cadre_inspections i
      WHERE i.deleted_at IS NULL AND ${I} AND i.inspect_date BETWEEN @from AND @to`),
    foundAbsent: absentList.length,
    absentCadres: q.one(`SELECT count(DISTINCT i.cadre_id) AS n FROM cadre_inspections i
      WHERE i.deleted_at IS NULL AND ${I} AND i.in_post = 0 AND i.inspect_date BETWEEN @from AND @to`),
    absentList,
    evaluations: q.grouped(`SELECT e.result AS k, count(*) AS n FROM cadre_evaluations e WHERE e.deleted_at IS NULL AND ${inScope(params, 'e.')}
      AND e.year * 10 + e.quarter BETWEEN @fromYear * 10 + @fromQ AND @toYear * 10 + @toQ GROUP BY e.result`),
    assessments: q.grouped(`SELECT a.result AS k, count(*) AS n FROM cadre_assessments a WHERE a.deleted_at IS NULL AND ${inScope(params, 'a.')}
      AND a.year BETWEEN @fromYear AND @toYear GROUP BY a.result`),
  };
}

const ON_REGISTER = `p.deleted_at IS NULL AND p.year <= @toYear AND NOT (p.status = '终止' AND p.actual_end IS NOT NULL AND p.actual_end < @from)`;

export function oldProjectReport(db: Database, params: ReportParams): ProjectReport {
  const q = queries(db, params);
  const P = inScope(params, 'p.');
  const V = inScope(params, 'v.');
  // One pass over the period's projects, grouped by status and category: the counts by each and
  // the sums are added up from the groups (at scale 1, 20,000 projects: 33–48 ms of CPU against
  // 41–76 ms for the three scans it replaces, a sum and a count by each). Read from migration
  // 020's projects_report alone, which holds every column named here: 10–11 ms.
  const groups = db
    .prepare(
      `SELECT p.status, p.category, count(*) AS n, ifnull(sum(p.total_fen), 0) AS total, ifnull(sum(p.fiscal_fen), 0) AS fiscal,
         ifnull(sum(p.aid_fen), 0) AS aid, ifnull(sum(p.village_fen), 0) AS village, ifnull(sum(p.social_fen), 0) AS social,
         ifnull(sum(p.other_fen), 0) AS other, ifnull(sum(p.households), 0) AS households
       FROM projects p WHERE ${ON_REGISTER} AND ${P} GROUP BY p.status, p.category`,
    )
    .all(params) as (ProjectReport['investment'] & { status: string; category: string; n: number; households: number })[];
  const add = (key: 'n' | 'households' | keyof ProjectReport['investment']) => groups.reduce((a, g) => a + g[key], 0);
  const by = (key: 'status' | 'category') => {
    const out: Record<string, number> = {};
    for (const g of groups) out[g[key]] = (out[g[key]] ?? 0) + g.n;
    return out;
  };
  const investment = { total: add('total'), fiscal: add('fiscal'), aid: add('aid'), village: add('village'), social: add('social'), other: add('other') };
  const villages = q.all<{ name: string; code: string | null; covered: number }>(`SELECT v.name, v.code,
      EXISTS (SELECT 1 FROM projects p WHERE p.village_id = v.id AND ${COVERS_YEAR}) AS covered
    FROM villages v WHERE v.deleted_at IS NULL AND ${V} ORDER BY v.code IS NULL, v.code, v.name`);
  const uncoveredList = villages.filter((v) => !v.covered).map(({ name, code }) => ({ name, code }));
  return {
    projects: add('n'),
    byStatus: by('status'),
    byCategory: by('category'),
    investment,
    households: add('households'),
    projectIncome: q.one(`SELECT sum(pi.income_fen) AS n FROM project_incomes pi JOIN projects p ON p.id = pi.project_id
      WHERE pi.deleted_at IS NULL AND p.deleted_at IS NULL AND ${P} AND pi.year BETWEEN @fromYear AND @toYear`),
    villageIncome: q.one(`SELECT sum(vy.income_fen) AS n FROM village_years vy JOIN villages v ON v.id = vy.village_id
      WHERE vy.deleted_at IS NULL AND v.deleted_at IS NULL AND ${V} AND vy.year BETWEEN @fromYear AND @toYear`),
    villages: villages.length,
    coveredVillages: villages.length - uncoveredList.length,
    uncoveredVillages: uncoveredList.length,
    uncoveredList,
  };
}

// The form before migration 022 (2026-12-01): every posting joined to every judged month, the
// in-village days looked up in migration 016's work_log_month_days; with the township scope.
const PRE = (township: boolean) => `WITH RECURSIVE months(first) AS (
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
         WHERE p.deleted_at IS NULL AND ${township ? fromTownship('p.') : '1'}
       ),
       j AS (
         SELECT ifnull(inv.days, 0) AS inv,
           (CAST(@threshold AS INTEGER) * (pm.e - pm.s + 1) + pm.days / 2) / pm.days AS req
         FROM pm LEFT JOIN work_log_month_days inv ON inv.cadre_id = pm.cadre_id AND inv.month = pm.month WHERE pm.e >= pm.s
       )
       SELECT count(*) AS judged, ifnull(sum(inv >= req), 0) AS met FROM j`;

export const oldAttendance = (db: Database, params: ReportParams, threshold: number, today: string) =>
  db.prepare(PRE(params.township !== null)).get({ ...params, threshold, today }) as AttendanceFigures;
