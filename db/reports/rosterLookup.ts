import type { Database } from 'better-sqlite3';
import { FLOAT_STATUSES } from '../../electron/domain/floating';
import { inScope, type ReportParams } from './period';

/**
 * The 期末在册 roster judged member by member (the report's form until migration 021): the
 * oracle the kept counts (floating.ts rosterCounts) are tested against, and the report's
 * contacted figure when its contact interval is not the one the counts were kept for.
 */

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

/** Members on the roster at period end with a contact record within the interval before it, each looked up. */
export function contactedByLookup(db: Database, params: ReportParams): number {
  const live = `m.deleted_at IS NULL AND ${inScope(params, 'm.')} AND m.left_date <= @to`;
  const row = db
    .prepare(
      `SELECT ifnull(sum(EXISTS (SELECT 1 FROM contact_records cr
           WHERE cr.member_id = m.id AND cr.deleted_at IS NULL AND cr.contact_date BETWEEN @cutoff AND @to)), 0) AS n
       FROM floating_members m INDEXED BY floating_members_roster WHERE ${live} AND ${OUT_AT_END}`,
    )
    .get(params) as { n: number };
  return row.n;
}
