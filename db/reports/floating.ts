import type { Database } from 'better-sqlite3';
import { provinces } from '../divisions';
import { inScope, queries, type ReportParams } from './period';
import { contactedByLookup } from './rosterLookup';

/** 流动党员 figures for one period and scope. */
export interface FloatingReport {
  /**
   * 期末在册: live members away (外出中) on the period's last day: left on or before it, and their
   * status on that day (the latest status change dated on or before it) is 外出中.
   */
  onRoster: number;
  /** Villages with at least one member on the roster at period end. */
  villagesWithRoster: number;
  /** Members on the roster by destination province (name), most first. */
  byProvince: Record<string, number>;
  /** Members on the roster by reason (务工, 经商, 学习, 其他). */
  byReason: Record<string, number>;
  /** Members on the roster with a one-to-one contact cadre assigned on the last day. */
  withContactCadre: number;
  /** Members on the roster with a contact record dated within contactIntervalDays before the last day (inclusive). */
  contactedInInterval: number;
  /** Live contact records dated in the period. */
  contactRecords: number;
  /** Distinct members recorded as 已返回 on a day in the period. */
  returned: number;
  /** Distinct members whose organizational relation was transferred out (组织关系转出) in the period. */
  transferredOut: number;
}

/**
 * Live contact records of live members dated in the period, summed from migration 017's
 * per-day counts (kept by triggers; tests/unit/reportCounts.test.ts holds them to a recount).
 */
export function contactRecordCount(db: Database, params: ReportParams): number {
  return queries(db, params).one(`SELECT sum(d.n) AS n FROM contact_record_days d WHERE d.day BETWEEN @from AND @to AND ${inScope(params, 'd.')}`);
}

/** 期末在册: the roster's size per village, province and reason, and its two contact totals. */
export interface Roster {
  byVillage: Map<string, number>;
  byProvince: Map<string, number>;
  byReason: Map<string, number>;
  withContact: number;
  contacted: number;
}

/**
 * 期末在册 at the period's last day, from migration 021's kept steps: the months before the last
 * day's month and that month's days up to it, per breakdown (some 50 months of a few hundred keys
 * at scale 1, where judging each of 91,000 members took ~220 ms of CPU). The contacted figure is
 * kept for one contact interval (floating_roster_interval, rebuilt when the setting changes); for
 * any other it is looked up member by member as before (rosterLookup.ts).
 */
export function rosterCounts(db: Database, params: ReportParams): Roster {
  const rows = db
    .prepare(
      `SELECT dim, key, sum(n) AS n FROM (
         SELECT dim, key, n FROM floating_roster_months WHERE month < substr(@to, 1, 7) AND ${inScope(params, '')}
         UNION ALL
         SELECT dim, key, n FROM floating_roster_days WHERE day BETWEEN substr(@to, 1, 7) || '-01' AND @to AND ${inScope(params, '')})
       GROUP BY dim, key HAVING sum(n) <> 0`,
    )
    .all(params) as { dim: string; key: string; n: number }[];
  const of = (dim: string) => new Map(rows.filter((r) => r.dim === dim).map((r) => [r.key, r.n]));
  const total = (dim: string) => rows.filter((r) => r.dim === dim).reduce((a, r) => a + r.n, 0);
  const kept = (db.prepare('SELECT days FROM floating_roster_interval').get() as { days: number } | undefined)?.days;
  // The period's interval, as its cutoff was worked out from it (period.ts).
  const interval = Math.round((Date.parse(`${params.to}T00:00:00Z`) - Date.parse(`${params.cutoff}T00:00:00Z`)) / 86_400_000);
  return {
    byVillage: of('v'),
    byProvince: of('p'),
    byReason: of('r'),
    withContact: total('c'),
    contacted: kept === interval ? total('k') : contactedByLookup(db, params),
  };
}

export function floatingReport(db: Database, params: ReportParams): FloatingReport {
  const q = queries(db, params);
  const changed = (status: string) =>
    q.one(`SELECT count(DISTINCT h.member_id) AS n FROM member_status_history h JOIN floating_members m ON m.id = h.member_id
      WHERE h.deleted_at IS NULL AND m.deleted_at IS NULL AND ${inScope(params, 'm.')} AND h.status = '${status}' AND h.date BETWEEN @from AND @to`);
  const r = rosterCounts(db, params);
  const names = new Map(provinces().map((p) => [p.code, p.name]));
  // Most members first, then by province code.
  const byProvinceCode = [...r.byProvince].sort(([a, n], [b, m]) => m - n || (a < b ? -1 : a > b ? 1 : 0));
  return {
    onRoster: [...r.byReason.values()].reduce((a, n) => a + n, 0),
    villagesWithRoster: r.byVillage.size,
    byProvince: Object.fromEntries(byProvinceCode.map(([k, n]) => [names.get(k) ?? k, n])),
    byReason: Object.fromEntries([...r.byReason].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    withContactCadre: r.withContact,
    contactedInInterval: r.contacted,
    contactRecords: contactRecordCount(db, params),
    returned: changed('已返回'),
    transferredOut: changed('组织关系转出'),
  };
}
