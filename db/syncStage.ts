import type { Database } from 'better-sqlite3';
import { stmt, type SyncTable } from './sync';

/**
 * The district's staging of an incoming bundle: a TEMP table (this connection's only) holding
 * each row as JSON with the action applying it would take, filled while decrypting and read by
 * the preview, the checks and the apply.
 */

export interface ColumnInfo {
  name: string;
  type: string;
  notnull: boolean;
}

/** A table's columns as the store has them (not as declared): staging checks rows against these. */
export function storedColumns(db: Database, t: SyncTable): ColumnInfo[] {
  return (db.prepare(`PRAGMA table_info(${t.name})`).all() as { name: string; type: string; notnull: number }[]).map((c) => ({
    name: c.name,
    type: c.type.toUpperCase(),
    notnull: c.notnull === 1,
  }));
}

/**
 * Beside each row's JSON, what the checks and the apply look up most, taken from the parsed row
 * while staging (in the staging worker, off the import's thread) instead of from the JSON text:
 * its village (a village's own id; electron/sync/scope.ts) and its owner (ownerColumn below).
 */
const STAGE_TABLE = `n INTEGER PRIMARY KEY, tbl TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
    deleted INTEGER NOT NULL, village TEXT, owner TEXT, row TEXT NOT NULL, action TEXT`;

/**
 * The column naming the record a row belongs to: its first required reference (a contact
 * record's member, a work log's cadre, a member's village), if it has one.
 */
export function ownerColumn(t: SyncTable): string | undefined {
  return t.columns.find((c) => t.fields[c]!.kind === 'ref' && !t.fields[c]!.nullable);
}

/**
 * A row as `stageRows` takes it, from a row already checked against its table (electron/sync/
 * stage.ts checkRow, or a 驻村版 receipt's checked rows): its references are strings or null.
 * The JSON is written from the same object the village and owner are read from, so they agree.
 */
export function stagedRowOf(t: SyncTable, row: Record<string, unknown>): StagedRow {
  const owner = ownerColumn(t);
  const village = t.name === 'villages' ? row.id : row.village_id;
  const ownerId = owner ? row[owner] : null;
  return [
    t.name,
    row.id as string,
    row.version as number,
    row.deleted_at === null ? 0 : 1,
    typeof village === 'string' ? village : null,
    typeof ownerId === 'string' ? ownerId : null,
    JSON.stringify(row),
  ];
}

/**
 * The SQL for a staged row's (alias `s`) reference through `column`: the staged owner or village
 * where the column is one of those, its JSON otherwise.
 */
export function stagedRef(t: SyncTable, column: string): string {
  if (column === ownerColumn(t)) return 's.owner';
  if (column === 'village_id' && t.name !== 'villages') return 's.village';
  return `json_extract(s.row, '$.${column}')`;
}

/**
 * The TEMP schema has its own page cache, 2 MB by default: a district-sized bundle's staging
 * (tens of MB of JSON, rewritten as each row is classified) spilled to a temporary file and was
 * read back for every check. 32 MB: what spills beyond it stays in the OS's file cache, and a
 * township's bundle import peaked at 266 MB instead of 299 with 64 MB (the limit is 300),
 * in the same time (7.5 s against 7.6; 15 first bundles alike).
 */
const STAGE_CACHE_KIB = 32768;
const widened = new WeakMap<Database, number>();

/**
 * The staging's page cache `kib` for a run of imports on this connection (the multi-file import,
 * electron/sync/importMany.ts), until the returned function puts the usual one back.
 */
export function widenStageCache(db: Database, kib: number): () => void {
  widened.set(db, Math.trunc(kib));
  db.pragma(`temp.cache_size = -${Math.trunc(kib)}`);
  return () => {
    widened.delete(db);
    db.pragma(`temp.cache_size = -${STAGE_CACHE_KIB}`);
  };
}

export function ensureStage(db: Database): void {
  db.pragma(`temp.cache_size = -${widened.get(db) ?? STAGE_CACHE_KIB}`);
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS sync_stage (${STAGE_TABLE})`);
  clearStage(db);
  // The lookup index is built once the rows are in (indexStage), in one sorted pass, rather than
  // kept up to date through every staged row's insert.
  db.exec('DROP INDEX IF EXISTS temp.sync_stage_id; DROP INDEX IF EXISTS temp.sync_stage_action;');
}

export const clearStage = (db: Database) => db.exec('DELETE FROM temp.sync_stage');

/**
 * The staging written out to a new file `file`, for another connection to take (loadStage): a
 * staging worker's (electron/sync/stageWorker.ts). Written without a journal: a file cut short
 * is discarded, never repaired.
 */
export function saveStage(db: Database, file: string): void {
  db.prepare('ATTACH ? AS tl_stage_out').run(file);
  try {
    db.exec(`PRAGMA tl_stage_out.journal_mode = OFF; PRAGMA tl_stage_out.synchronous = OFF;
      CREATE TABLE tl_stage_out.sync_stage (${STAGE_TABLE});
      INSERT INTO tl_stage_out.sync_stage SELECT * FROM temp.sync_stage ORDER BY n;`);
  } finally {
    db.exec('DETACH tl_stage_out');
  }
}

/** A staging saved by saveStage, copied into this connection's empty one (ensureStage) in one statement. */
export function loadStage(db: Database, file: string): void {
  db.prepare('ATTACH ? AS tl_stage_in').run(file);
  try {
    // Deferred: it writes only the TEMP table (see electron/sync/stage.ts).
    // eslint-disable-next-line no-restricted-syntax
    db.transaction(() => db.exec('INSERT INTO temp.sync_stage SELECT * FROM tl_stage_in.sync_stage ORDER BY n'))();
  } finally {
    db.exec('DETACH tl_stage_in');
  }
}

/**
 * The staged rows by table and id, for the checks' lookups: built after staging (ensureStage).
 * `unique` for a bundle, which holds each record once: the build then fails on a record staged
 * twice (repeatedRow names it).
 */
export const indexStage = (db: Database, opts: { unique?: boolean } = {}) =>
  db.exec(`CREATE ${opts.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS temp.sync_stage_id ON sync_stage (tbl, id);
    -- The apply's filters and counts by action (set aside, count, audit, the roster's members)
    -- read the index, not each row's JSON beside its action: some 6 s of a district's 15 first
    -- bundles (bench, 2026-12-01).
    CREATE INDEX IF NOT EXISTS temp.sync_stage_action ON sync_stage (tbl, action);`);

/** The first staged row repeating an earlier one's table and id, with the earlier one's number (line). */
export const repeatedRow = (db: Database) =>
  stmt(
    db,
    `SELECT tbl, id, n, prev FROM (SELECT tbl, id, n, lag(n) OVER (PARTITION BY tbl, id ORDER BY n) AS prev FROM temp.sync_stage)
       WHERE prev IS NOT NULL ORDER BY n LIMIT 1`,
  ).get() as { tbl: string; id: string; n: number; prev: number } | undefined;

export type StagedRow = [tbl: string, id: string, version: number, deleted: 0 | 1, village: string | null, owner: string | null, row: string];

const STAGE_COLUMNS = '(tbl, id, version, deleted, village, owner, row, action)';
const STAGE_VALUES = "(?, ?, ?, ?, ?, ?, ?, CASE WHEN ? = 1 THEN 'deleted' ELSE 'new' END)";
/** Rows per INSERT: one statement step per 100 rows rather than per row (binding and stepping cost). */
const STAGE_CHUNK = 100;

/**
 * Staged as new (or deleted), the action every row starts with (db/syncDiff.ts markAllNew), so
 * classifying a bundle rewrites only the rows the district already holds. In staging order.
 */
export function stageRows(db: Database, rows: readonly StagedRow[]): void {
  let i = 0;
  if (rows.length >= STAGE_CHUNK) {
    const many = stmt(db, `INSERT INTO temp.sync_stage ${STAGE_COLUMNS} VALUES ${Array(STAGE_CHUNK).fill(STAGE_VALUES).join(', ')}`);
    const args: unknown[] = [];
    for (; i + STAGE_CHUNK <= rows.length; i += STAGE_CHUNK) {
      args.length = 0;
      for (let k = i; k < i + STAGE_CHUNK; k++) args.push(...rows[k]!, rows[k]![3]);
      many.run(args);
    }
  }
  const one = stmt(db, `INSERT INTO temp.sync_stage ${STAGE_COLUMNS} VALUES ${STAGE_VALUES}`);
  for (; i < rows.length; i++) one.run(...rows[i]!, rows[i]![3]);
}

export const stageRow = (db: Database, r: StagedRow): void => stageRows(db, [r]);

/** The tables the bundle has rows for: a small bundle is checked table by table only where it has rows. */
export const stagedTables = (db: Database) => new Set((stmt(db, 'SELECT DISTINCT tbl FROM temp.sync_stage').all() as { tbl: string }[]).map((r) => r.tbl));

/** The village a message names: the district's copy, else the bundle's. */
export function villageName(db: Database, id: string | null): string | null {
  if (!id) return null;
  const here = stmt(db, 'SELECT name FROM main.villages WHERE id = ?').get(id) as { name: string } | undefined;
  if (here) return here.name;
  // A refusal worded before anything was staged (a pin's village, checked first) has no staging.
  if (!stmt(db, "SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = 'sync_stage'").get()) return null;
  const staged = stmt(db, "SELECT json_extract(row, '$.name') AS name FROM temp.sync_stage WHERE tbl = 'villages' AND id = ?").get(id) as { name: string | null } | undefined;
  return staged?.name ?? null;
}

export type StageAction = 'new' | 'changed' | 'deleted' | 'unchanged';

/** Staged rows per table and action; rows the township no longer has count as deleted. */
export const stagedActions = (db: Database) =>
  stmt(
    db,
    `SELECT tbl, action, count(*) AS c FROM temp.sync_stage GROUP BY tbl, action
       UNION ALL SELECT tbl, 'deleted', count(*) FROM temp.sync_missing GROUP BY tbl`,
  ).all() as { tbl: string; action: StageAction; c: number }[];

/** Changes per village, in the order the bundle first names each village. */
export const stagedVillages = (db: Database) =>
  stmt(
    db,
    `SELECT village, sum(action = 'new') AS new, sum(action = 'changed') AS changed, sum(action = 'deleted') AS deleted
       FROM (SELECT village, action, n FROM temp.sync_stage UNION ALL SELECT village, 'deleted', NULL FROM temp.sync_missing)
       WHERE village IS NOT NULL AND action <> 'unchanged' GROUP BY village ORDER BY min(ifnull(n, 9e18)), village`,
  ).all() as { village: string; new: number; changed: number; deleted: number }[];

/**
 * Whether anything could have changed what the checks found since: every row this connection
 * changed (total_changes(): the staging and classification tables too, pins, imports) and every
 * commit by another connection (data_version: the CLI's import, another process on the file).
 * Equal stamps mean the district, the staging and its classification are as they were.
 */
export function changeStamp(db: Database): string {
  const changes = (stmt(db, 'SELECT total_changes() AS n').get() as { n: number }).n;
  return `${changes}:${String(db.pragma('data_version', { simple: true }))}`;
}
