import type { Database } from 'better-sqlite3';
import { stmt, type SyncTable } from './sync';

/** Every village's name by id, deleted ones included (rows may still name them). */
export function villageNamesById(db: Database): Map<string, string> {
  const rows = db.prepare('SELECT id, name FROM villages').all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** One village's name by id (deleted included), as the map above holds it: a saved row names only its own village. */
export function villageNameOf(db: Database, id: string): Map<string, string> {
  const row = stmt(db, 'SELECT name FROM villages WHERE id = ?').get(id) as { name: string } | undefined;
  return new Map(row ? [[id, row.name]] : []);
}

/** How many live rows of a table belong to a village. */
export const liveRowsInVillage = (db: Database, t: SyncTable, villageId: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${t.name} WHERE village_id = ? AND deleted_at IS NULL`).get(villageId) as { n: number }).n;
