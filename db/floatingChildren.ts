import type { Database } from 'better-sqlite3';
import type { SyncTable } from './sync';

/** The live rows hanging off a floating member (contacts, contact records, status history). */
export const liveChildIds = (db: Database, t: SyncTable, memberId: string) =>
  db.prepare(`SELECT id FROM ${t.name} WHERE member_id = ? AND deleted_at IS NULL`).all(memberId) as { id: string }[];
