import type { Database } from 'better-sqlite3';
import { inScope, queries, type ReportParams } from './period';

/** 驻村干部 figures for one period and scope. Rows count for the township whose installation made them. */
export interface CadreReport {
  /** 选派: live postings whose start date falls in the period, by role. */
  sent: number;
  sentByRole: Record<string, number>;
  /** 其中35岁以下: of those, cadres under 35 on the posting's start date. */
  youngSent: number;
  /**
   * 增派乡村振兴重点村驻村第一书记: of those, 第一书记 postings to a village flagged 乡村振兴重点村
   * (the village's flag as it stands now; the register keeps no flag history).
   */
  keyVillageFirstSecretaries: number;
  /**
   * 增派易地安置社区工作队员: of those, work-team postings (工作队长 or 工作队员: every role but
   * 第一书记) to a village flagged 易地扶贫搬迁安置社区 (its flag as it stands now).
   */
  relocationTeamMembers: number;
  /** 调整: live postings that ended (actual end in the period, status no longer 在岗), by end status. */
  adjusted: number;
  adjustedByStatus: Record<string, number>;
  /** 期末在岗: postings started on or before the last day and not ended by it (an end on the last day counts as ended). */
  inPost: number;
  inPostByRole: Record<string, number>;
  /** The same postings by the cadre's dispatching-unit level (派出单位级别). */
  inPostByUnitLevel: Record<string, number>;
  /** 督查: live inspections dated in the period; found absent = inspections recording 不在岗. */
  inspections: number;
  foundAbsent: number;
  /** Distinct cadres found absent at least once in the period. */
  absentCadres: number;
  absentList: AbsentEntry[];
  /** 季度考评 of every quarter the period touches, by result. */
  evaluations: Record<string, number>;
  /** 年终考核 of every year the period touches, by result. */
  assessments: Record<string, number>;
}

export interface AbsentEntry {
  name: string;
  date: string;
  inspector: string;
  notes: string | null;
}

/**
 * The postings' figures come from migration 022's tables, kept by triggers equal to the live
 * postings and their cadres (tests/unit/reportCadreCounts.test.ts compares every figure with the
 * queries over the postings they replaced): 选派 from cadre_post_starts (one row per start day,
 * origin, role and under-35), 期末在岗 from the running sum of cadre_post_spans up to the last
 * day (+1 on a start, −1 on an actual end). Until 2026-12-01 each was a pass over every posting,
 * the under-35 and unit-level ones with a probe of its cadre: 17–26 ms of CPU at scale 1.
 *
 * In post at the period's last day: started on or before it and not ended by it (an end on the
 * last day counts as ended); 在岗 without an end is still running, any other status without an
 * end never in post (the service requires the end).
 */
export function cadreReport(db: Database, params: ReportParams): CadreReport {
  const q = queries(db, params);
  const P = inScope(params, 'p.');
  const I = inScope(params, 'i.');
  const starts = q.all<{ role: string; n: number; young: number }>(`SELECT s.role, sum(s.n) AS n, sum(s.n * s.young) AS young FROM cadre_post_starts s
    WHERE s.day BETWEEN @from AND @to AND ${inScope(params, 's.')} GROUP BY s.role HAVING sum(s.n) <> 0 ORDER BY s.role`);
  const sentByRole = Object.fromEntries(starts.map((r) => [r.role, r.n]));
  const adjustedByStatus = q.grouped(`SELECT p.status AS k, count(*) AS n FROM cadre_postings p INDEXED BY cadre_postings_ended
    WHERE p.deleted_at IS NULL AND ${P} AND p.status <> '在岗' AND p.actual_end BETWEEN @from AND @to GROUP BY p.status`);
  const { inPostByRole, inPostByUnitLevel } = inPostAt(q);
  const absentList = q.all<AbsentEntry>(`SELECT c.name, i.inspect_date AS date, i.inspector, i.notes
    FROM cadre_inspections i JOIN cadres c ON c.id = i.cadre_id
    WHERE i.deleted_at IS NULL AND ${I} AND i.in_post = 0 AND i.inspect_date BETWEEN @from AND @to
    ORDER BY i.inspect_date, c.name, i.id`);
  return {
    sent: sum(sentByRole),
    sentByRole,
    youngSent: starts.reduce((a, r) => a + r.young, 0),
    keyVillageFirstSecretaries: q.one(`SELECT count(*) AS n FROM cadre_postings p JOIN villages v ON v.id = p.village_id
      WHERE p.deleted_at IS NULL AND ${P} AND p.start_date BETWEEN @from AND @to AND p.role = '第一书记' AND v.key_village = 1`),
    relocationTeamMembers: q.one(`SELECT count(*) AS n FROM cadre_postings p JOIN villages v ON v.id = p.village_id
      WHERE p.deleted_at IS NULL AND ${P} AND p.start_date BETWEEN @from AND @to AND p.role <> '第一书记' AND v.relocation = 1`),
    adjusted: sum(adjustedByStatus),
    adjustedByStatus,
    inPost: sum(inPostByRole),
    inPostByRole,
    inPostByUnitLevel,
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

/** 期末在岗 by role (every posting) and by the cadre's unit level (postings whose cadre row exists), in key order. */
function inPostAt(q: ReturnType<typeof queries>) {
  const rows = q.all<{ role: string; cadre: number; level: string; n: number }>(`SELECT s.role, s.cadre, s.unit_level AS level, sum(s.n) AS n
    FROM cadre_post_spans s WHERE s.day <= @to AND ${inScope(q.params, 's.')} GROUP BY s.role, s.cadre, s.unit_level HAVING sum(s.n) <> 0`);
  const add = (out: Map<string, number>, k: string, n: number) => out.set(k, (out.get(k) ?? 0) + n);
  const byRole = new Map<string, number>();
  const byLevel = new Map<string, number>();
  for (const r of rows) {
    add(byRole, r.role, r.n);
    if (r.cadre) add(byLevel, r.level, r.n);
  }
  // The order of GROUP BY over the postings (byte order; the keys are in the Basic Multilingual Plane).
  const sorted = (m: Map<string, number>) => Object.fromEntries([...m].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { inPostByRole: sorted(byRole), inPostByUnitLevel: sorted(byLevel) };
}

export const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
