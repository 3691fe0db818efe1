import type { Database } from 'better-sqlite3';
import { FLOAT_STATUSES } from '../../electron/domain/floating';
import { provinces } from '../divisions';
import { inScope, queries, type ReportParams } from './period';

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

/** The roster's members grouped by what the figures break down by. */
export interface RosterGroup {
  province: string;
  reason: string;
  village: string;
  n: number;
}

// Status on the last day: the latest live status change up to it; a member with none (rows from
// before status history existed) falls back to the member row's own status and date.
const STATUS_AT_END = `coalesce(
  (SELECT h.status FROM member_status_history h WHERE h.member_id = m.id AND h.deleted_at IS NULL AND h.date <= @to
    ORDER BY h.date DESC, h.created_at DESC LIMIT 1),
  CASE WHEN m.status <> '外出中' AND coalesce(m.status_date, m.left_date) <= @to THEN m.status ELSE '外出中' END)`;

// Away on the last day. A member whose row says 外出中 and who has no live status change other than
// 外出中 dated on or before it is away whatever the latest change is (every one is 外出中, or there
// is none and the row's own 外出中 decides), so only the others are looked up in the history. The
// members with such a change are one set read once from member_status_history_status, not a
// lookup per member: on the scale-1 bench (91,000 members away, none returned) the status
// condition took 36–55 ms of CPU against 67–135 ms with a history lookup for every member.
const OUT_AT_END = `((m.status = '外出中' AND m.id NOT IN (SELECT h.member_id FROM member_status_history h
    WHERE h.deleted_at IS NULL AND h.status <> '外出中' AND h.date <= @to))
  OR ${STATUS_AT_END} = '外出中')`;

/**
 * Live contact records of live members dated in the period, summed from migration 017's
 * per-day counts (kept by triggers; tests/unit/reportCounts.test.ts holds them to a recount).
 */
export function contactRecordCount(db: Database, params: ReportParams): number {
  return queries(db, params).one(`SELECT sum(d.n) AS n FROM contact_record_days d WHERE d.day BETWEEN @from AND @to AND ${inScope(params, 'd.')}`);
}

/** 期末在册: the roster's members by the figures' breakdowns, and its two contact totals. */
export interface Roster {
  groups: RosterGroup[];
  withContact: number;
  contacted: number;
}

/**
 * 期末在册 in two passes over the same members, each in the order its work needs (both in the
 * report's one read transaction, so they judge the same rows):
 *
 * - the totals: the members in id order (floating_members_roster, migration 015, which holds
 *   every column read here), each roster member's contact cadre and records looked up in the
 *   covering indexes of migration 013. Those indexes are keyed by member_id first, so members
 *   taken in id order walk them front to back, where the table's rowid order (or any grouped
 *   order) lands each lookup on a random page: 1,050–1,210 ms of CPU at scale 1 in rowid order.
 * - the groups: the members in group order (floating_members_roster_groups, migration 017:
 *   village, province, reason, then every column the roster condition reads), so GROUP BY
 *   streams without a sort and the member rows are not read. The contact figures are totals,
 *   never per group, so no lookup happens here. Until 2026-11-30 one pass in id order did both,
 *   and sorting its 91,000 rows into groups took 100–220 ms of CPU on the scale-1 bench; the two
 *   passes take 240 against 345 ms.
 *
 * Why not set-based (each of the three grouped per member in one pass over its index, then
 * joined): SQLite has no merge join, so the three per-member sets are materialized and given
 * automatic indexes, and the status history's newest-first window needs a sort (348–386 ms of
 * CPU at scale 0.3, more than these lookups took then in rowid order).
 * tests/unit/reportsRosterSql.test.ts pins the answers to the earlier form at every boundary.
 *
 * Where the time goes (scale-1 bench, 2026-12-01, CPU): the roster condition alone 34 ms a pass;
 * the contact-cadre lookups 43 ms and the contact-record lookups 98 ms on top of it in the totals
 * pass; the groups 68 ms with the status condition, 42 ms without it (rosterGroups). The contact
 * cadres as one set (m.id IN the members with a cadre on the last day, read once from
 * member_contacts: 9 ms to read) took 84 ms against 77 ms for the lookups, the set's probes
 * costing what the index's do.
 */
export function roster(db: Database, params: ReportParams): Roster {
  const live = `m.deleted_at IS NULL AND ${inScope(params, 'm.')} AND m.left_date <= @to`;
  const totals = db
    .prepare(
      `SELECT ifnull(sum(EXISTS (SELECT 1 FROM member_contacts c
           WHERE c.member_id = m.id AND c.deleted_at IS NULL AND c.start_date <= @to AND (c.end_date IS NULL OR c.end_date > @to))), 0) AS withContact,
         ifnull(sum(EXISTS (SELECT 1 FROM contact_records cr
           WHERE cr.member_id = m.id AND cr.deleted_at IS NULL AND cr.contact_date BETWEEN @cutoff AND @to)), 0) AS contacted
       FROM floating_members m INDEXED BY floating_members_roster WHERE ${live} AND ${OUT_AT_END}`,
    )
    .get(params) as { withContact: number; contacted: number };
  return { groups: rosterGroups(db, params, live), ...totals };
}

const NOT_AWAY = FLOAT_STATUSES.filter((s) => s !== '外出中')
  .map((s) => `'${s}'`)
  .join(', ');

/**
 * The roster's groups: every live member who had left by the last day, grouped, less those of
 * them not away on it. A member not away has a row status other than 外出中 or a status change
 * other than 外出中 dated on or before the last day (OUT_AT_END), so only those few are judged;
 * the grouping pass reads no status at all. On the scale-1 bench this took the groups from 68 to
 * ~45 ms of CPU (the status condition cost 26 ms over 100,000 members).
 */
function rosterGroups(db: Database, params: ReportParams, live: string): RosterGroup[] {
  const grouped = (sql: string) => db.prepare(sql).all(params) as RosterGroup[];
  const all = grouped(`SELECT m.village_id AS village, m.dest_province_code AS province, m.reason, count(*) AS n
    FROM floating_members m INDEXED BY floating_members_roster_groups WHERE ${live}
    GROUP BY m.village_id, m.dest_province_code, m.reason`);
  const notAway = grouped(`SELECT m.village_id AS village, m.dest_province_code AS province, m.reason, count(*) AS n
    FROM floating_members m WHERE m.id IN (
        SELECT s.id FROM floating_members s WHERE s.deleted_at IS NULL AND s.status IN (${NOT_AWAY})
        UNION SELECT h.member_id FROM member_status_history h WHERE h.deleted_at IS NULL AND h.status IN (${NOT_AWAY}) AND h.date <= @to)
      AND ${live} AND NOT ${OUT_AT_END}
    GROUP BY m.village_id, m.dest_province_code, m.reason`);
  if (!notAway.length) return all;
  const key = (g: RosterGroup) => `${g.village}\u0000${g.province}\u0000${g.reason}`;
  const less = new Map(notAway.map((g) => [key(g), g.n]));
  return all.map((g) => ({ ...g, n: g.n - (less.get(key(g)) ?? 0) })).filter((g) => g.n > 0);
}

export function floatingReport(db: Database, params: ReportParams): FloatingReport {
  const q = queries(db, params);
  const changed = (status: string) =>
    q.one(`SELECT count(DISTINCT h.member_id) AS n FROM member_status_history h JOIN floating_members m ON m.id = h.member_id
      WHERE h.deleted_at IS NULL AND m.deleted_at IS NULL AND ${inScope(params, 'm.')} AND h.status = '${status}' AND h.date BETWEEN @from AND @to`);
  // The roster is judged once, not once per figure; its breakdowns are sums over its groups.
  const { groups, withContact, contacted } = roster(db, params);
  const total = (key: 'province' | 'reason') => {
    const out = new Map<string, number>();
    for (const g of groups) out.set(g[key], (out.get(g[key]) ?? 0) + g.n);
    return out;
  };
  const names = new Map(provinces().map((p) => [p.code, p.name]));
  // Most members first, then by province code.
  const byProvinceCode = [...total('province')].sort(([a, n], [b, m]) => m - n || (a < b ? -1 : a > b ? 1 : 0));
  return {
    onRoster: groups.reduce((a, g) => a + g.n, 0),
    villagesWithRoster: new Set(groups.map((g) => g.village)).size,
    byProvince: Object.fromEntries(byProvinceCode.map(([k, n]) => [names.get(k) ?? k, n])),
    byReason: Object.fromEntries([...total('reason')].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    withContactCadre: withContact,
    contactedInInterval: contacted,
    contactRecords: contactRecordCount(db, params),
    returned: changed('已返回'),
    transferredOut: changed('组织关系转出'),
  };
}
