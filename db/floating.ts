import type { Database } from 'better-sqlite3';
import { defineSyncTable, type RowOf } from './sync';
import { filterTownship } from './townships';

export const floatingMembersTable = defineSyncTable('floating_members', '流动党员', [
  'village_id',
  'name',
  'id_number',
  'birth_date',
  'gender',
  'ethnicity',
  'education',
  'joined_party_date',
  'member_type',
  'left_date',
  'dest_province_code',
  'dest_city_code',
  'dest_county_code',
  'dest_text',
  'workplace',
  'reason',
  'occupation',
  'mobile',
  'wechat',
  'activity_card_no',
  'dest_org_joined',
  'dest_org_name',
  'status',
  'status_date',
  'transfer_to',
  'note',
  'last_contact_date',
] as const);

export const memberContactsTable = defineSyncTable('member_contacts', '一对一联系人', [
  'member_id',
  'cadre_name',
  'cadre_phone',
  'cadre_role',
  'start_date',
  'end_date',
] as const);

export const contactRecordsTable = defineSyncTable('contact_records', '联系记录', [
  'member_id',
  'contact_date',
  'way',
  'made_by',
  'content',
  'needs',
] as const);

export const memberStatusHistoryTable = defineSyncTable('member_status_history', '状态变更记录', [
  'member_id',
  'status',
  'date',
  'transfer_to',
  'note',
] as const);

export type FloatingMemberRow = RowOf<(typeof floatingMembersTable.columns)[number]>;
export type MemberContactRow = RowOf<(typeof memberContactsTable.columns)[number]>;
export type ContactRecordRow = RowOf<(typeof contactRecordsTable.columns)[number]>;
export type MemberStatusRow = RowOf<(typeof memberStatusHistoryTable.columns)[number]>;

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

// The overdue expression matches the partial index floating_members_due exactly, so SQLite uses it.
const DUE = 'coalesce(m.last_contact_date, m.left_date)';
const OUT = "m.status = '外出中'";
const HAS_CONTACT = 'EXISTS (SELECT 1 FROM member_contacts c WHERE c.member_id = m.id AND c.deleted_at IS NULL AND c.end_date IS NULL)';

function whereOf(q: Omit<FloatingListQuery, 'page' | 'pageSize'>): { sql: string; params: Record<string, unknown> } {
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
    // ID numbers match by prefix; names, phones and places by substring.
    where.push(
      '(m.id_number >= @idFrom AND m.id_number < @idTo OR instr(m.name, @search) > 0 OR instr(ifnull(m.mobile, \'\'), @search) > 0 OR instr(m.dest_text, @search) > 0 OR instr(ifnull(m.workplace, \'\'), @search) > 0)',
    );
    params.search = search;
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
    where.push(`${OUT} AND ${DUE} < @cutoff`);
    params.cutoff = q.cutoff;
  }
  if (q.flag === 'noContact') where.push(`${OUT} AND NOT ${HAS_CONTACT}`);
  return { sql: where.join(' AND '), params };
}

/** Paging, search, filters and the overdue rule all run in SQL; a page holds one page of rows. */
export function listFloatingMembers(db: Database, q: FloatingListQuery): { rows: FloatingListRow[]; total: number } {
  const { sql, params } = whereOf(q);
  const total = (db.prepare(`SELECT count(*) AS n FROM floating_members m WHERE ${sql}`).get(params) as { n: number }).n;
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

/** Counts for the summary: members out, out and overdue, out with no contact cadre (one pass). */
export function floatingAlerts(db: Database, cutoff: string): { overdue: number; noContact: number; out: number } {
  const r = db
    .prepare(
      `SELECT count(*) AS out, ifnull(sum(${DUE} < @cutoff), 0) AS overdue, ifnull(sum(NOT ${HAS_CONTACT}), 0) AS noContact
       FROM floating_members m WHERE m.deleted_at IS NULL AND ${OUT}`,
    )
    .get({ cutoff }) as { out: number; overdue: number; noContact: number };
  return { overdue: r.overdue, noContact: r.noContact, out: r.out };
}

export function findLiveMemberByIdNumber(db: Database, idNumber: string): FloatingMemberRow | undefined {
  return db.prepare('SELECT * FROM floating_members WHERE id_number = ? AND deleted_at IS NULL').get(idNumber) as FloatingMemberRow | undefined;
}

/** The derived last-contact date: the latest live record's date, or null with none. */
export function latestContactDate(db: Database, memberId: string): string | null {
  const r = db
    .prepare('SELECT max(contact_date) AS d FROM contact_records WHERE member_id = ? AND deleted_at IS NULL')
    .get(memberId) as { d: string | null };
  return r.d;
}

export function memberContacts(db: Database, memberId: string): MemberContactRow[] {
  return db
    .prepare('SELECT * FROM member_contacts WHERE member_id = ? AND deleted_at IS NULL ORDER BY end_date IS NULL DESC, start_date DESC, seq DESC')
    .all(memberId) as MemberContactRow[];
}

export function currentContact(db: Database, memberId: string): MemberContactRow | undefined {
  return db
    .prepare('SELECT * FROM member_contacts WHERE member_id = ? AND deleted_at IS NULL AND end_date IS NULL')
    .get(memberId) as MemberContactRow | undefined;
}

export function contactRecords(db: Database, memberId: string): ContactRecordRow[] {
  return db
    .prepare('SELECT * FROM contact_records WHERE member_id = ? AND deleted_at IS NULL ORDER BY contact_date DESC, seq DESC')
    .all(memberId) as ContactRecordRow[];
}

export function statusHistory(db: Database, memberId: string): MemberStatusRow[] {
  return db
    .prepare('SELECT * FROM member_status_history WHERE member_id = ? AND deleted_at IS NULL ORDER BY date DESC, seq DESC')
    .all(memberId) as MemberStatusRow[];
}
