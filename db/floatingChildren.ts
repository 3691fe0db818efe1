import type { Database } from 'better-sqlite3';
import { stmt, type SyncTable } from './sync';

/** The live rows hanging off a floating member (contacts, contact records, status history). */
export const liveChildIds = (db: Database, t: SyncTable, memberId: string) =>
  db.prepare(`SELECT id FROM ${t.name} WHERE member_id = ? AND deleted_at IS NULL`).all(memberId) as { id: string }[];

/** The day of the member's earliest live contact record, if any. */
export const firstRecordDay = (db: Database, memberId: string) =>
  (stmt(db, 'SELECT min(contact_date) AS day FROM contact_records WHERE member_id = ? AND deleted_at IS NULL').get(memberId) as { day: string | null }).day;
