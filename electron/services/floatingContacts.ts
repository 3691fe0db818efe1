import { ConflictError, NotFoundError } from '../../db/errors';
import {
  contactRecordsTable,
  currentContact,
  floatingMembersTable,
  latestContactDate,
  memberContactsTable,
  type ContactRecordItem,
  type FloatingMemberRow,
} from '../../db/floating';
import { deleteRow, getRow, insertRow, updateRow, type WriteContext } from '../../db/sync';
import type { FloatingDetail, ParsedInput, RecordSaved } from '../api/contract';
import type { Core } from '../core';
import { isOverdue } from '../domain/floating';
import { memberDetail, recordItem, today } from './floating';
import { readSettings } from './settings';
import { writeTx } from '../../db/tx';
import { cacheLastContact } from '../../db/villageSync';
import { checkMemberScope, checkRecordScope } from './villageScope';

/**
 * One-to-one contacts and contact records. The member's last_contact_date is derived here from
 * the live records on every record write, in the same transaction, so it is never typed and
 * never out of step (deleting the latest record moves it back).
 */

// On a 驻村版 the member is the township's row: the laptop keeps the date as a local cache (no
// version, no origin of its own), and the township derives it again when the records arrive.

/** Derives the member's last contact date again (records arrived by sync, or seeded). */
export function refreshLastContact(core: Core, memberId: string): void {
  const latest = latestContactDate(core.db, memberId);
  if (core.role() === 'village') cacheLastContact(core.db, memberId, latest);
  else updateRow(core.db, core.writer(), floatingMembersTable, memberId, { last_contact_date: latest });
}

/**
 * The same within a record's save, from the member's row as the save read it (`w` the save's
 * writer); returns the member's row as it now stands, for the answer.
 */
function moveLastContact(core: Core, member: FloatingMemberRow, w: WriteContext): FloatingMemberRow {
  const latest = latestContactDate(core.db, member.id);
  // A record older than the member's latest contact moves nothing (most saves at scale): updateRow
  // would read the member again only to write nothing.
  if (member.last_contact_date === latest) return member;
  if (core.role() === 'village') {
    cacheLastContact(core.db, member.id, latest);
    return { ...member, last_contact_date: latest };
  }
  return updateRow(core.db, w, floatingMembersTable, member.id, { last_contact_date: latest });
}

function liveMember(core: Core, id: string) {
  const m = getRow(core.db, floatingMembersTable, id);
  if (!m) throw new ConflictError('流动党员不存在或已被删除', [{ path: ['memberId'], message: '流动党员不存在或已被删除' }]);
  return m;
}

/** Reassigning ends the current contact the day the new one starts; the old one stays as history. */
export function assignContact(core: Core, input: ParsedInput<'floating.assignContact'>): FloatingDetail {
  return writeTx(core.db, () => {
    liveMember(core, input.memberId);
    if (input.startDate > today(core)) throw new ConflictError('联系开始日期不能晚于今天', [{ path: ['startDate'], message: '联系开始日期不能晚于今天' }]);
    const w = core.writer();
    const cur = currentContact(core.db, input.memberId);
    if (cur) {
      if (input.startDate < cur.start_date) {
        const message = `联系开始日期不能早于现联系人的开始日期（${cur.start_date}）`;
        throw new ConflictError(message, [{ path: ['startDate'], message }]);
      }
      updateRow(core.db, w, memberContactsTable, cur.id, { end_date: input.startDate });
    }
    insertRow(core.db, w, memberContactsTable, {
      member_id: input.memberId,
      cadre_name: input.cadreName,
      cadre_phone: input.cadrePhone,
      cadre_role: input.cadreRole,
      start_date: input.startDate,
      end_date: null,
    });
    return memberDetail(core, input.memberId);
  });
}

type RecordInput = ParsedInput<'floating.addRecord'>;

function checkRecord(core: Core, input: Omit<RecordInput, 'memberId'>, leftDate: string): void {
  if (input.contactDate > today(core)) throw new ConflictError('联系日期不能晚于今天', [{ path: ['contactDate'], message: '联系日期不能晚于今天' }]);
  if (input.contactDate < leftDate) {
    // Under the field (its label says 联系日期) the shorter text fits the narrow date column on
    // one line at 1366 px; the longer one broke inside the date.
    throw new ConflictError(`联系日期不能早于外出时间（${leftDate}）`, [{ path: ['contactDate'], message: `不能早于外出时间（${leftDate}）` }]);
  }
}

const recordColumns = (input: Omit<RecordInput, 'memberId'>) => ({
  contact_date: input.contactDate,
  way: input.way,
  made_by: input.madeBy,
  content: input.content,
  needs: input.needs,
});

/** A record write's answer: the record as stored (null once removed) and what it moved on the member. */
function recordSaved(core: Core, id: string, record: ContactRecordItem | null, m: FloatingMemberRow): RecordSaved {
  const lastContactDate = m.last_contact_date;
  const overdue = isOverdue({ status: m.status, lastContactDate, leftDate: m.left_date }, today(core), readSettings(core).contactIntervalDays);
  return { id, record: record && recordItem(record), member: { id: m.id, version: m.version, updatedAt: m.updated_at, lastContactDate, overdue } };
}

export function addRecord(core: Core, input: RecordInput): RecordSaved {
  return writeTx(core.db, () => {
    const m = liveMember(core, input.memberId);
    checkMemberScope(core, m.id);
    checkRecord(core, input, m.left_date);
    const w = core.writer();
    const rec = insertRow(core.db, w, contactRecordsTable, { member_id: input.memberId, ...recordColumns(input) });
    return recordSaved(core, rec.id, rec, moveLastContact(core, m, w));
  });
}

export function updateRecord(core: Core, input: ParsedInput<'floating.updateRecord'>): RecordSaved {
  return writeTx(core.db, () => {
    const old = getRow(core.db, contactRecordsTable, input.id);
    if (!old) throw new NotFoundError('联系记录');
    checkRecordScope(core, old.id);
    const m = liveMember(core, old.member_id);
    checkRecord(core, input, m.left_date);
    const w = core.writer();
    const rec = updateRow(core.db, w, contactRecordsTable, input.id, recordColumns(input), { expectedVersion: input.version });
    return recordSaved(core, rec.id, rec, moveLastContact(core, m, w));
  });
}

export function removeRecord(core: Core, input: ParsedInput<'floating.removeRecord'>): RecordSaved {
  return writeTx(core.db, () => {
    const rec = getRow(core.db, contactRecordsTable, input.id);
    if (!rec) throw new NotFoundError('联系记录');
    checkRecordScope(core, rec.id);
    const w = core.writer();
    deleteRow(core.db, w, contactRecordsTable, input.id, { expectedVersion: input.version });
    const m = getRow(core.db, floatingMembersTable, rec.member_id);
    if (!m) throw new NotFoundError(floatingMembersTable.label);
    return recordSaved(core, rec.id, null, moveLastContact(core, m, w));
  });
}
