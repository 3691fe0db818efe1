import type { Database } from 'better-sqlite3';
import { stmt } from '../sync';
import { COVERS_YEAR } from '../projects';
import { inScope, queries, type ReportParams } from './period';

/** 一村一项目 figures for one period and scope. Money is integer fen. */
export interface ProjectReport {
  /**
   * 项目数: live projects on the register during the period: 年度 no later than the period's end
   * year, except 终止 projects whose actual end is before the period. Status is the current one
   * (the register keeps no status history).
   */
  projects: number;
  byStatus: Record<string, number>;
  byCategory: Record<string, number>;
  /** Total investment of those projects and its split by source (fen). */
  investment: { total: number; fiscal: number; aid: number; village: number; social: number; other: number };
  /** 带动户数 summed over those projects. */
  households: number;
  /** Project income recorded for the years the period touches (fen), over all live projects. */
  projectIncome: number;
  /** 村级集体经济收入 from the villages register for the years the period touches (fen). */
  villageIncome: number;
  /** Live villages, and those covered / not covered in the period's end year (COVERS_YEAR rule). */
  villages: number;
  coveredVillages: number;
  uncoveredVillages: number;
  uncoveredList: { name: string; code: string | null }[];
}

export function projectReport(db: Database, params: ReportParams): ProjectReport {
  const q = queries(db, params);
  const P = inScope(params, 'p.');
  const V = inScope(params, 'v.');
  // The projects on the register in the period, grouped by status and category: the counts by
  // each and the sums are added up from the groups. Read from migration 022's project_groups,
  // kept by triggers equal to the live projects grouped by every column the rule names (some 50
  // rows at scale 1; tests/unit/reportCadreCounts.test.ts compares it with the query over the
  // projects). Until 2026-12-01 the groups streamed 20,000 entries of an index: 10–11 ms of CPU.
  const groups = stmt(
    db,
      `SELECT g.status, g.category, sum(g.n) AS n, sum(g.total) AS total, sum(g.fiscal) AS fiscal, sum(g.aid) AS aid, sum(g.village) AS village,
         sum(g.social) AS social, sum(g.other) AS other, sum(g.households) AS households
       FROM project_groups g WHERE g.year <= @toYear AND NOT (g.status = '终止' AND g.end_day <> '' AND g.end_day < @from) AND ${inScope(params, 'g.')}
       GROUP BY g.status, g.category HAVING sum(g.n) <> 0`,
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
