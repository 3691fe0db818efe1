import type { Database } from 'better-sqlite3';

/**
 * Runs `write` with the store's triggers matching `where` (an expression over sqlite_master's
 * name and tbl_name) dropped, then creates them again from the text the store holds. For a large
 * import whose kept figures are then worked out set-based (db/reports/rosterBulk.ts,
 * workLogBulk.ts, db/searchGramsBulk.ts). Inside the caller's transaction only: a failed or
 * killed apply rolls back to the triggers it started with, and no other connection ever sees
 * them missing. Returns how many triggers were set aside.
 */
export function withTriggersAside(db: Database, where: string, write: () => void): number {
  if (!db.inTransaction) throw new Error('triggers are set aside only inside a transaction');
  const triggers = db.prepare(`SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND (${where}) ORDER BY name`).all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER main."${t.name}"`);
  write();
  for (const t of triggers) db.exec(t.sql);
  return triggers.length;
}

/** `name LIKE` each of `prefixes` (underscores taken literally). */
export const namedLike = (prefixes: readonly string[]) =>
  prefixes.map((p) => `name LIKE '${p.replace(/_/g, '\\_')}%' ESCAPE '\\'`).join(' OR ');
