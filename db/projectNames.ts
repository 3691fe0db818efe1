import type { Database } from 'better-sqlite3';
import { stmt } from './sync';

/** A live project of the same village, year and name (one per village and year). */
export const projectExists = (db: Database, villageId: string, year: number, name: string) =>
  stmt(db, 'SELECT 1 FROM projects WHERE village_id = ? AND year = ? AND name = ? AND deleted_at IS NULL').get(villageId, year, name) !== undefined;
