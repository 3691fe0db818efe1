import { citiesOf, countiesOf, destinationNames, provinces } from '../../db/divisions';
import { ConflictError, NotFoundError } from '../../db/errors';
import {
  contactRecords,
  contactRecordsTable,
  findLiveMemberByIdNumber,
  floatingAlerts,
  floatingMembersTable,
  listFloatingMembers,
  memberContacts,
  memberContactsTable,
  memberStatusHistoryTable,
  statusHistory,
  type ContactRecordItem,
  type FloatingListRow,
  type FloatingMemberRow,
} from '../../db/floating';
import { deleteRow, getRow, insertRow, updateRow, type SyncTable, type TableValues } from '../../db/sync';
import { villagesTable } from '../../db/villages';
import { firstRecordDay, liveChildIds } from '../../db/floatingChildren';
import type { ContactRecord, FloatingDetail, FloatingListItem, ParsedInput } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import type { Core } from '../core';
import { localDay } from '../domain/dates';
import { checkIdNumber, maskIdNumber } from '../domain/idNumber';
import { destinationText, isOverdue, overdueCutoff } from '../domain/floating';
import { maskMobile } from '../domain/phone';
import { addRecord, assignContact, removeRecord, updateRecord } from './floatingContacts';
import { exportRoster, importRoster, rosterTemplate } from './floatingXlsx';
import { readSettings } from './settings';
import { writeTx } from '../../db/tx';

export type MemberInput = ParsedInput<'floating.create'>;
type Field = { path: string[]; message: string };

export const today = (core: Core) => localDay(core.now());

function listItem(r: FloatingListRow, day: string, interval: number): FloatingListItem {
  const lastContactDate = r.last_contact_date;
  const status = r.status;
  return {
    id: r.id,
    version: r.version,
    villageId: r.village_id,
    villageName: r.village_name,
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    idNumber: maskIdNumber(r.id_number),
    memberType: r.member_type,
    leftDate: r.left_date,
    destText: r.dest_text,
    workplace: r.workplace,
    reason: r.reason,
    mobile: maskMobile(r.mobile),
    status,
    statusDate: r.status_date,
    contactName: r.contact_name,
    contactPhone: maskMobile(r.contact_phone),
    lastContactDate,
    overdue: isOverdue({ status, lastContactDate, leftDate: r.left_date }, day, interval),
    noContact: status === '外出中' && !r.contact_name,
    updatedAt: r.updated_at,
  };
}

/** A contact record as the drawer lists it. */
export const recordItem = (x: ContactRecordItem): ContactRecord => ({
  id: x.id,
  version: x.version,
  contactDate: x.contact_date,
  way: x.way,
  madeBy: x.made_by,
  content: x.content,
  needs: x.needs,
});

/** The member's ledger as the drawer shows it. */
export function memberDetail(core: Core, id: string): FloatingDetail {
  const r = getRow(core.db, floatingMembersTable, id);
  if (!r) throw new NotFoundError('流动党员');
  const v = getRow(core.db, villagesTable, r.village_id, { includeDeleted: true });
  const contacts = memberContacts(core.db, id);
  // The current contact is the live one without an end date (at most one: member_contacts_current).
  const c = contacts.find((x) => x.end_date === null);
  const joined = { ...r, village_name: v?.name ?? '', village_code: v?.code ?? null, contact_name: c?.cadre_name ?? null, contact_phone: c?.cadre_phone ?? null };
  const item = listItem(joined, today(core), readSettings(core).contactIntervalDays);
  return {
    // idNumber stays masked as in the list: the full number only through floating.revealId.
    ...item,
    mobile: r.mobile,
    contactPhone: joined.contact_phone,
    ethnicity: r.ethnicity,
    education: r.education,
    joinedPartyDate: r.joined_party_date,
    destProvince: r.dest_province_code,
    destCity: r.dest_city_code,
    destCounty: r.dest_county_code,
    occupation: r.occupation,
    wechat: r.wechat,
    activityCardNo: r.activity_card_no,
    destOrgJoined: r.dest_org_joined === 1,
    destOrgName: r.dest_org_name,
    transferTo: r.transfer_to,
    note: r.note,
    createdAt: r.created_at,
    contacts: contacts.map((x) => ({
      id: x.id,
      version: x.version,
      cadreName: x.cadre_name,
      cadrePhone: x.cadre_phone,
      cadreRole: x.cadre_role,
      startDate: x.start_date,
      endDate: x.end_date,
    })),
    records: contactRecords(core.db, id).map(recordItem),
    history: statusHistory(core.db, id).map((x) => ({
      status: x.status,
      date: x.date,
      transferTo: x.transfer_to,
      note: x.note,
    })),
  };
}

/**
 * Rules that need the database or today: the village exists, the ID is not on the roster twice
 * and its birth date is past, the destination codes exist and nest, dates are not in the future.
 * Returns the derived and display columns, or the problems with their input keys as paths.
 */
export function checkMember(core: Core, input: MemberInput, selfId: string | null): { fields: Field[]; derived: { birth_date: string; gender: string; dest_text: string } | null } {
  const fields: Field[] = [];
  const day = today(core);
  if (!getRow(core.db, villagesTable, input.villageId)) fields.push({ path: ['villageId'], message: '所属村（社区）不存在或已被删除' });
  const id = checkIdNumber(input.idNumber, day);
  if (!id.ok) fields.push({ path: ['idNumber'], message: id.message });
  const same = findLiveMemberByIdNumber(core.db, input.idNumber);
  if (same && same.id !== selfId) fields.push({ path: ['idNumber'], message: `身份证号已在名册中（${same.name}）` });
  const names = destinationNames(input.destProvince, input.destCity, input.destCounty);
  if (!names) fields.push({ path: ['destProvince'], message: '流入地区划代码不存在或上下级不对应，请重新选择' });
  if (input.leftDate > day) fields.push({ path: ['leftDate'], message: '外出时间不能晚于今天' });
  // A record is refused before 外出时间 (floatingContacts.ts); moving 外出时间 past one left it so.
  const firstRecord = selfId ? firstRecordDay(core.db, selfId) : null;
  if (firstRecord && input.leftDate > firstRecord) fields.push({ path: ['leftDate'], message: `外出时间不能晚于已有联系记录的日期（${firstRecord}）` });
  if (input.joinedPartyDate && input.joinedPartyDate > day) fields.push({ path: ['joinedPartyDate'], message: '入党时间不能晚于今天' });
  if (id.ok && input.joinedPartyDate && input.joinedPartyDate < id.birthDate) fields.push({ path: ['joinedPartyDate'], message: '入党时间不能早于出生日期' });
  if (fields.length || !id.ok || !names) return { fields, derived: null };
  return { fields, derived: { birth_date: id.birthDate, gender: id.gender, dest_text: destinationText(names.province, names.city, names.county) } };
}

function columns(input: MemberInput, derived: NonNullable<ReturnType<typeof checkMember>['derived']>): Partial<TableValues<typeof floatingMembersTable>> {
  return {
    village_id: input.villageId,
    name: input.name,
    id_number: input.idNumber,
    ...derived,
    ethnicity: input.ethnicity,
    education: input.education,
    joined_party_date: input.joinedPartyDate,
    member_type: input.memberType,
    left_date: input.leftDate,
    dest_province_code: input.destProvince,
    dest_city_code: input.destCity,
    dest_county_code: input.destCounty,
    workplace: input.workplace,
    reason: input.reason,
    occupation: input.occupation,
    mobile: input.mobile,
    wechat: input.wechat,
    activity_card_no: input.activityCardNo,
    dest_org_joined: input.destOrgJoined ? 1 : 0,
    dest_org_name: input.destOrgJoined ? input.destOrgName : null,
    note: input.note,
  };
}

function throwIf(fields: Field[]): void {
  if (fields.length) throw new ConflictError(fields.map((f) => f.message).join('；'), fields);
}

/** Inserts a checked member as 外出中 from their left date, with that first status in the history. */
export function insertMember(core: Core, input: MemberInput, derived: NonNullable<ReturnType<typeof checkMember>['derived']>): FloatingMemberRow {
  const w = core.writer();
  const row = insertRow(core.db, w, floatingMembersTable, { ...columns(input, derived), status: '外出中', status_date: input.leftDate });
  insertRow(core.db, w, memberStatusHistoryTable, { member_id: row.id, status: '外出中', date: input.leftDate, note: null, transfer_to: null });
  return row;
}

export function createMember(core: Core, input: MemberInput): FloatingDetail {
  return writeTx(core.db, () => {
    const { fields, derived } = checkMember(core, input, null);
    throwIf(fields);
    return memberDetail(core, insertMember(core, input, derived!).id);
  });
}

export function updateMember(core: Core, input: ParsedInput<'floating.update'>): FloatingDetail {
  return writeTx(core.db, () => {
    if (!getRow(core.db, floatingMembersTable, input.id)) throw new NotFoundError('流动党员');
    const { fields, derived } = checkMember(core, input, input.id);
    throwIf(fields);
    updateRow(core.db, core.writer(), floatingMembersTable, input.id, columns(input, derived!), { expectedVersion: input.version });
    return memberDetail(core, input.id);
  });
}

/** Tombstones the member and everything hanging off them, so sync carries one consistent deletion. */
export function removeMember(core: Core, id: string, version: number): { id: string } {
  return writeTx(core.db, () => {
    const w = core.writer();
    deleteRow(core.db, w, floatingMembersTable, id, { expectedVersion: version });
    for (const table of [memberContactsTable, contactRecordsTable, memberStatusHistoryTable] as SyncTable[]) {
      for (const x of liveChildIds(core.db, table, id)) deleteRow(core.db, w, table, x.id);
    }
    return { id };
  });
}

/** 外出中 → 已返回 (date) or 组织关系转出 (date, where to); every change goes into the history. */
export function changeStatus(core: Core, input: ParsedInput<'floating.changeStatus'>): FloatingDetail {
  return writeTx(core.db, () => {
    const row = getRow(core.db, floatingMembersTable, input.id);
    if (!row) throw new NotFoundError('流动党员');
    const fields: Field[] = [];
    if (input.status === row.status) fields.push({ path: ['status'], message: `当前状态已是“${input.status}”` });
    if (input.date > today(core)) fields.push({ path: ['date'], message: '变更日期不能晚于今天' });
    if (input.date < row.left_date) fields.push({ path: ['date'], message: '变更日期不能早于外出时间' });
    // The history reads in order: a change dated before the current status's date contradicted it
    // (已返回 on 11-01 above 外出中 on 10-15, the member shown 外出中).
    else if (row.status_date && input.date < row.status_date) fields.push({ path: ['date'], message: `变更日期不能早于当前状态“${row.status}”的日期（${row.status_date}）` });
    if (input.status === '组织关系转出' && !input.transferTo) fields.push({ path: ['transferTo'], message: '请填写转往党组织' });
    throwIf(fields);
    const transferTo = input.status === '组织关系转出' ? input.transferTo : null;
    const w = core.writer();
    updateRow(core.db, w, floatingMembersTable, input.id, { status: input.status, status_date: input.date, transfer_to: transferTo }, { expectedVersion: input.version });
    insertRow(core.db, w, memberStatusHistoryTable, { member_id: input.id, status: input.status, date: input.date, transfer_to: transferTo, note: input.note });
    return memberDetail(core, input.id);
  });
}

export function listMembers(core: Core, q: ParsedInput<'floating.list'>) {
  const interval = readSettings(core).contactIntervalDays;
  const day = today(core);
  const { rows, total } = listFloatingMembers(core.db, {
    id: q.id ?? undefined,
    search: q.search ?? undefined,
    township: q.township,
    villageId: q.villageId ?? undefined,
    status: q.status ?? undefined,
    flag: q.flag ?? undefined,
    cutoff: overdueCutoff(day, interval),
    sort: q.sort ?? undefined,
    order: q.order ?? undefined,
    page: q.page,
    pageSize: q.pageSize,
  });
  return { rows: rows.map((r) => listItem(r, day, interval)), total };
}

export function alerts(core: Core, township: string | null = null) {
  const interval = readSettings(core).contactIntervalDays;
  return { ...floatingAlerts(core.db, overdueCutoff(today(core), interval), township), intervalDays: interval };
}

export const floatingHandlers = {
  'floating.list': (core, q) => listMembers(core, q),
  'floating.alerts': (core, { township }) => alerts(core, township ?? null),
  'floating.get': (core, { id }) => memberDetail(core, id),
  'floating.create': (core, input) => createMember(core, input),
  'floating.update': (core, input) => updateMember(core, input),
  'floating.remove': (core, { id, version }) => removeMember(core, id, version),
  'floating.changeStatus': (core, input) => changeStatus(core, input),
  'floating.assignContact': (core, input) => assignContact(core, input),
  'floating.addRecord': (core, input) => addRecord(core, input),
  'floating.updateRecord': (core, input) => updateRecord(core, input),
  'floating.removeRecord': (core, input) => removeRecord(core, input),
  'floating.divisions': (_core, { parent }) => (parent === null ? provinces() : parent.length === 2 ? citiesOf(parent) : countiesOf(parent)),
  'floating.exportXlsx': (core, q) => exportRoster(core, q),
  'floating.template': () => rosterTemplate(),
  'floating.importXlsx': (core, input) => importRoster(core, input),
} satisfies Partial<Handlers>;
