import type { Database } from 'better-sqlite3';

/** A live project of the same village, year and name (one per village and year). */
export const projectExists = (db: Database, villageId: string, year: number, name: string) =>
  db.prepare('SELECT 1 FROM projects WHERE village_id = ? AND year = ? AND name = ? AND deleted_at IS NULL').get(villageId, year, name) !== undefined;
