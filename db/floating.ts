import type { Database } from 'better-sqlite3';
import { CADRE_ROLES as CONTACT_ROLES, CONTACT_WAYS, FLOAT_REASONS, FLOAT_STATUSES, MEMBER_TYPES } from '../electron/domain/floating';
import { EDUCATIONS } from '../electron/domain/person';
import * as c from './columns';
import { optional } from './columns';
import { defineSyncTable, stmt, type TableRow } from './sync';
import { filterTownship } from './townships';
import { readTx } from './tx';

export const floatingMembersTable = defineSyncTable('floating_members', '流动党员', {
  village_id: c.ref('所属村（社区）', 'villages'),
  ...c.personColumns(),
  education: optional(c.oneOf('学历', EDUCATIONS)),
  joined_party_date: optional(c.date('入党时间')),
  member_type: c.oneOf('党员类型', MEMBER_TYPES),
  left_date: c.date('外出时间'),
  dest_province_code: c.code('流入地（省）', 2),
  dest_city_code: optional(c.code('流入地（市）', 4)),
  dest_county_code: optional(c.code('流入地（县区）', 6)),
  // Written by the service from the division names of the three codes.
  dest_text: c.text('流入地', 100),
  workplace: optional(c.text('工作单位（地点）', 100)),
  reason: c.oneOf('外出原因', FLOAT_REASONS),
  occupation: optional(c.text('从事职业', 50)),
  mobile: optional(c.mobile('手机号码')),
  wechat: optional(c.text('微信号', 50)),
  activity_card_no: optional(c.text('流动党员活动证编号', 40)),
  dest_org_joined: c.flag('已参加流入地党组织'),
  dest_org_name: optional(c.text('流入地党组织名称', 100)),
  status: c.oneOf('状态', FLOAT_STATUSES),
  status_date: optional(c.date('状态变更日期')),
  transfer_to: optional(c.text('转往党组织', 100)),
  note: optional(c.text('备注', 500)),
  // Derived from contact_records on every record write, never typed.
  last_contact_date: optional(c.date('最近联系日期')),
}, { rowChecks: [c.agreesWithIdNumber] });

export const memberContactsTable = defineSyncTable('member_contacts', '一对一联系人', {
  member_id: c.ref('流动党员', 'floating_members'),
  cadre_name: c.personName('联系人姓名'),
  cadre_phone: optional(c.mobile('联系人电话')),
  cadre_role: optional(c.oneOf('联系人职务', CONTACT_ROLES)),
  start_date: c.date('联系开始日期'),
  end_date: optional(c.date('联系结束日期')),
}, { rowChecks: [c.notBefore('end_date', 'start_date')] });

export const contactRecordsTable = defineSyncTable('contact_records', '联系记录', {
  member_id: c.ref('流动党员', 'floating_members'),
  contact_date: c.date('联系日期'),
  way: c.oneOf('联系方式', CONTACT_WAYS),
  made_by: c.text('联系人员', 30),
  content: c.text('联系内容', 1000),
  needs: optional(c.text('党员诉求', 500)),
});

export const memberStatusHistoryTable = defineSyncTable('member_status_history', '状态变更记录', {
  member_id: c.ref('流动党员', 'floating_members'),
  status: c.oneOf('状态', FLOAT_STATUSES),
  date: c.date('变更日期'),
  transfer_to: optional(c.text('转往党组织', 100)),
  note: optional(c.text('说明', 500)),
});

export type FloatingMemberRow = TableRow<typeof floatingMembersTable>;
export type MemberContactRow = TableRow<typeof memberContactsTable>;
export type ContactRecordRow = TableRow<typeof contactRecordsTable>;
export type MemberStatusRow = TableRow<typeof memberStatusHistoryTable>;

/** A list row: the member plus their village's name and current contact cadre (joined, not stored). */
export type FloatingListRow = FloatingMemberRow & {
  village_name: string;
  village_code: string | null;
  contact_name: string | null;
  contact_phone: string | null;
};

export const FLOATING_SORTS = {
  name: 'm.name',
  left_date: 'm.left_date',
  last_contact_date: 'coalesce(m.last_contact_date, m.left_date)',
  updated_at: 'm.updated_at',
} as const;

export interface FloatingListQuery {
  search?: string;
  /** Only this member (a dashboard row opening the list on one person). */
  id?: string;
  villageId?: string;
  /** District mode: only rows from this township's installations. */
  township?: string | null;
  status?: string;
  /** 'overdue': out and not contacted since the cutoff; 'noContact': no current contact cadre. */
  flag?: 'overdue' | 'noContact';
  /** Last day that still counts as contacted in time (today − interval); see domain/floating.ts. */
  cutoff: string;
  sort?: keyof typeof FLOATING_SORTS;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const OUT = "m.status = '外出中'";
/**
 * Out and not contacted since the cutoff, read from floating_members_due by range. Named: a
 * sampled statistic can make the planner prefer reading every member out through another index.
 */
export const OVERDUE = `m.rowid IN (SELECT rowid FROM floating_members INDEXED BY floating_members_due
  WHERE deleted_at IS NULL AND status = '外出中' AND coalesce(last_contact_date, left_date) < @cutoff)`;
/**
 * Live, out and without a current contact cadre: the rows of floating_no_contact (migration 016,
 * kept by triggers). As a list (IN) the page reads those members and sorts them; as a test per
 * member (EXISTS) the page walks the sort's index and stops at the 20th: the better of the two
 * when many members are without one (see listFloatingMembers).
 */
const NO_CONTACT = {
  in: 'm.id IN (SELECT t.member_id FROM floating_no_contact t)',
  exists: 'EXISTS (SELECT 1 FROM floating_no_contact t WHERE t.member_id = m.id)',
};
/** From this many members without a contact cadre, the page walks the sort's index (NO_CONTACT). */
const NO_CONTACT_WALK = 1000;

/** The text columns searched by any part: field in floating_search_grams (migration 010), column, its index. */
const SEARCHED = [
  ['name', 'name', 'floating_members_name'],
  ['dest', 'dest_text', 'floating_members_dest'],
  ['workplace', 'workplace', 'floating_members_workplace'],
] as const;

/**
 * Members whose `col` contains the search text: the values holding its first one or two
 * characters (@gram, one index range of floating_search_grams), kept when they hold the whole
 * text, then the members with those values through the column's own index. The cost follows
 * the matches, not the roster's size.
 */
const partOf = (field: string, col: string) =>
  `${col} IN (SELECT g.value FROM floating_search_grams g WHERE g.gram = @gram AND g.field = '${field}' AND instr(g.value, @search) > 0)`;

function whereOf(q: Omit<FloatingListQuery, 'page' | 'pageSize'>, noContact: keyof typeof NO_CONTACT = 'in'): { sql: string; params: Record<string, unknown> } {
  const where = ['m.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  filterTownship(where, params, 'm.', q.township);
  if (q.id) {
    where.push('m.id = @id');
    params.id = q.id;
  }
  const search = q.search?.trim();
  if (search && /^\d{12,17}[\dXx]?$/.test(search)) {
    // Too long for a phone or a name: an ID number prefix, answered from the unique index.
    where.push('m.id_number >= @idFrom AND m.id_number < @idTo');
    params.idFrom = search.toUpperCase();
    params.idTo = search.toUpperCase() + '\uffff';
  } else if (search) {
    // ID numbers match by prefix; names, places and workplaces by any part (partOf); phones by
    // substring, looked for only when the text could be part of one. Each way finds its members
    // on its own index and the union is read by rowid: an OR of them in one WHERE could not use
    // the partial (live rows only) indexes, and would read every member instead. The indexes are
    // named: the planner cannot know that a few values match, and for a destination (a dozen
    // values across the roster) it would guess a scan of every member.
    const live = (index: string) => `SELECT rowid FROM floating_members INDEXED BY ${index} WHERE deleted_at IS NULL`;
    const ways = [
      `${live('floating_members_id_live')} AND id_number >= @idFrom AND id_number < @idTo`,
      ...SEARCHED.map(([field, col, index]) => `${live(index)} AND ${partOf(field, col)}`),
    ];
    if (/^[\d-]+$/.test(search)) ways.push(`${live('floating_members_mobile')} AND instr(mobile, @search) > 0`);
    where.push(`m.rowid IN (${ways.join(' UNION ')})`);
    params.search = search;
    params.gram = [...search].slice(0, 2).join('');
    params.idFrom = search.toUpperCase();
    params.idTo = search.toUpperCase() + '\uffff';
  }
  if (q.villageId) {
    where.push('m.village_id = @villageId');
    params.villageId = q.villageId;
  }
  if (q.status) {
    where.push('m.status = @status');
    params.status = q.status;
  }
  if (q.flag === 'overdue') {
    where.push(OVERDUE);
    params.cutoff = q.cutoff;
  }
  if (q.flag === 'noContact') where.push(NO_CONTACT[noContact]);
  return { sql: where.join(' AND '), params };
}

const count = (db: Database, sql: string, params: Record<string, unknown> = {}) => (db.prepare(sql).get(params) as { n: number }).n;

/**
 * The totals the summary and the 首页 ask for (every member, one status, one flag, nothing
 * else), read without visiting 100,000 members one by one: the live rows' index counted whole
 * (SQLite counts an index's pages, not its entries, when nothing else filters), the members out
 * as those live less the other two statuses (status is one of three, migration 005's CHECK),
 * overdue on floating_members_due alone, no contact cadre as floating_no_contact's size. Null
 * for any other query: its count runs on the list's own WHERE.
 */
function bareTotal(db: Database, q: Omit<FloatingListQuery, 'page' | 'pageSize'>): number | null {
  if (q.township || q.id || q.search?.trim() || q.villageId) return null;
  const live = () => count(db, 'SELECT count(*) AS n FROM floating_members m WHERE m.deleted_at IS NULL');
  if (q.flag === 'noContact') return q.status ? null : count(db, 'SELECT count(*) AS n FROM floating_no_contact');
  if (q.flag === 'overdue') {
    if (q.status) return null;
    return count(
      db,
      `SELECT count(*) AS n FROM floating_members m INDEXED BY floating_members_due
       WHERE m.deleted_at IS NULL AND ${OUT} AND coalesce(m.last_contact_date, m.left_date) < @cutoff`,
      { cutoff: q.cutoff },
    );
  }
  if (!q.status) return live();
  if (q.status !== '外出中') return null;
  return live() - count(db, "SELECT count(*) AS n FROM floating_members m WHERE m.deleted_at IS NULL AND m.status IN ('已返回', '组织关系转出')");
}

/** Paging, search, filters and the overdue rule all run in SQL; a page holds one page of rows. */
/** The list's total for these filters (the list's own count, also the 首页's and the summary's figures). */
export function countFloatingMembers(db: Database, q: Omit<FloatingListQuery, 'page' | 'pageSize'>): number {
  const bare = bareTotal(db, q);
  if (bare !== null) return bare;
  const { sql, params } = whereOf(q);
  return count(db, `SELECT count(*) AS n FROM floating_members m WHERE ${sql}`, params);
}

export function listFloatingMembers(db: Database, q: FloatingListQuery): { rows: FloatingListRow[]; total: number } {
  const total = countFloatingMembers(db, q);
  const { sql, params } = whereOf(q, total >= NO_CONTACT_WALK ? 'exists' : 'in');
  const sortCol = FLOATING_SORTS[q.sort ?? 'name'];
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  const rows = db
    .prepare(
      `SELECT m.*, v.name AS village_name, v.code AS village_code, c.cadre_name AS contact_name, c.cadre_phone AS contact_phone
       FROM (SELECT m.* FROM floating_members m WHERE ${sql} ORDER BY ${sortCol} ${dir}, m.id LIMIT @limit OFFSET @offset) m
       JOIN villages v ON v.id = m.village_id
       LEFT JOIN member_contacts c ON c.member_id = m.id AND c.deleted_at IS NULL AND c.end_date IS NULL
       ORDER BY ${sortCol} ${dir}, m.id`,
    )
    .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as FloatingListRow[];
  return { rows, total };
}

/** Every live member matching the list's filters, in roster order, for the Excel export. */
export function rosterRows(db: Database, q: Omit<FloatingListQuery, 'page' | 'pageSize' | 'sort' | 'order'>): FloatingListRow[] {
  const { sql, params } = whereOf(q);
  return db
    .prepare(
      `SELECT m.*, v.name AS village_name, v.code AS village_code, c.cadre_name AS contact_name, c.cadre_phone AS contact_phone
       FROM floating_members m
       JOIN villages v ON v.id = m.village_id
       LEFT JOIN member_contacts c ON c.member_id = m.id AND c.deleted_at IS NULL AND c.end_date IS NULL
       WHERE ${sql}
       ORDER BY v.code IS NULL, v.code, v.name, m.left_date, m.name, m.id`,
    )
    .all(params) as FloatingListRow[];
}

/**
 * Counts for the summary: members out, out and overdue, out with no contact cadre. Three counts
 * in one snapshot, each the list's own total for that filter (bareTotal), so a card's number is
 * the list it opens. `township` (district mode) counts only the members that township's
 * installations sent.
 */
export function floatingAlerts(db: Database, cutoff: string, township: string | null = null): { overdue: number; noContact: number; out: number } {
  const total = (q: Pick<FloatingListQuery, 'status' | 'flag'>) => countFloatingMembers(db, { ...q, township, cutoff });
  return readTx(db, () => ({ overdue: total({ flag: 'overdue' }), noContact: total({ flag: 'noContact' }), out: total({ status: '外出中' }) }));
}

export function findLiveMemberByIdNumber(db: Database, idNumber: string): FloatingMemberRow | undefined {
  return stmt(db, 'SELECT * FROM floating_members WHERE id_number = ? AND deleted_at IS NULL').get(idNumber) as FloatingMemberRow | undefined;
}

/** The derived last-contact date: the latest live record's date, or null with none. */
export function latestContactDate(db: Database, memberId: string): string | null {
  const r = stmt(db, 'SELECT max(contact_date) AS d FROM contact_records WHERE member_id = ? AND deleted_at IS NULL').get(memberId) as { d: string | null };
  return r.d;
}

export function memberContacts(db: Database, memberId: string): MemberContactRow[] {
  return stmt(db, 'SELECT * FROM member_contacts WHERE member_id = ? AND deleted_at IS NULL ORDER BY end_date IS NULL DESC, start_date DESC, seq DESC').all(memberId) as MemberContactRow[];
}

export function currentContact(db: Database, memberId: string): MemberContactRow | undefined {
  return stmt(db, 'SELECT * FROM member_contacts WHERE member_id = ? AND deleted_at IS NULL AND end_date IS NULL').get(memberId) as MemberContactRow | undefined;
}

/** A member's records as the drawer lists them: the columns it shows, not the sync columns. */
export type ContactRecordItem = Pick<ContactRecordRow, 'id' | 'version' | 'contact_date' | 'way' | 'made_by' | 'content' | 'needs'>;

// The drawer's lists (floating.get): only the columns shown, not the sync columns.
export function contactRecords(db: Database, memberId: string): ContactRecordItem[] {
  return stmt(
    db,
    'SELECT id, version, contact_date, way, made_by, content, needs FROM contact_records WHERE member_id = ? AND deleted_at IS NULL ORDER BY contact_date DESC, seq DESC',
  ).all(memberId) as ContactRecordItem[];
}

export type StatusHistoryItem = Pick<MemberStatusRow, 'status' | 'date' | 'transfer_to' | 'note'>;

export function statusHistory(db: Database, memberId: string): StatusHistoryItem[] {
  return stmt(db, 'SELECT status, date, transfer_to, note FROM member_status_history WHERE member_id = ? AND deleted_at IS NULL ORDER BY date DESC, seq DESC').all(memberId) as StatusHistoryItem[];
}
