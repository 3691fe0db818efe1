import type { Database } from 'better-sqlite3';

/**
 * Every row of every table of the main schema, by table name, in a stable order: by rowid, or for
 * a WITHOUT ROWID table (migration 016's counts) in its primary key's order, the order it is
 * stored in.
 */
export function everyRow(db: Database): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string; wr: number }[];
  return Object.fromEntries(tables.map(({ name, wr }) => [name, db.prepare(`SELECT * FROM "${name}"${wr ? '' : ' ORDER BY rowid'}`).all()]));
}
