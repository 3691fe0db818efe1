import type { Database, Statement } from 'better-sqlite3';
import { hasHiddenChars, hasLoneSurrogate } from '../electron/domain/textRules';
import { checkValue, type Columns, type RowCheck, type ValuesOf } from './columns';
import { NotFoundError, StoreError } from './errors';
import { writeTx } from './tx';

/**
 * The one write path for domain rows. A register declares its table once with
 * `defineSyncTable`; every insert, update and delete through here gets a UUID, timestamps, the
 * next change sequence, a row version, a tombstone instead of a physical delete, the id of the
 * installation that made the change, and an audit entry with the values before and after.
 * Sync export and `stats` walk the list in tables.ts, so a new register needs nothing else.
 */

export const SYNC_COLUMNS = ['id', 'created_at', 'updated_at', 'seq', 'version', 'deleted_at', 'origin'] as const;

export type SqlValue = string | number | bigint | null;

export interface SyncColumns {
  id: string;
  created_at: string;
  updated_at: string;
  seq: number;
  version: number;
  deleted_at: string | null;
  origin: string;
}

export interface SyncTable<S extends Columns = Columns> {
  readonly name: string;
  /** Domain columns, in schema order. Identifiers only ever come from here. */
  readonly columns: readonly (keyof S & string)[];
  /** Each domain column's declaration (db/columns.ts): SQL type, nullability, rule, label. */
  readonly fields: Readonly<S>;
  /** What a clerk calls one row, for messages ("村（社区）"). */
  readonly label: string;
  /** Rules across columns the forms also keep (dates run forward, derived values agree). */
  readonly rowChecks: readonly RowCheck[];
}

export interface SyncTableOptions {
  rowChecks?: readonly RowCheck[];
}

/** A stored row of a table with these column declarations, typed precisely. */
export type RowOf<S extends Columns> = SyncColumns & ValuesOf<S>;
/** The row type of a registered table: `TableRow<typeof villagesTable>`. */
export type TableRow<T> = T extends SyncTable<infer S> ? RowOf<S> : never;
/** The domain columns of a registered table with their types, as a service writes them. */
export type TableValues<T> = T extends SyncTable<infer S> ? ValuesOf<S> : never;

type Patch<S extends Columns> = Partial<ValuesOf<S>>;

/**
 * Registers a synced table from its column declarations, in schema order (the schema test holds
 * them equal to the migrations).
 */
export function defineSyncTable<S extends Columns>(name: string, label: string, fields: S, opts: SyncTableOptions = {}): SyncTable<S> {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`bad table name ${name}`);
  const columns = Object.keys(fields) as (keyof S & string)[];
  for (const c of columns) {
    if (!/^[a-z][a-z0-9_]*$/.test(c) || (SYNC_COLUMNS as readonly string[]).includes(c)) throw new Error(`bad column ${name}.${c}`);
  }
  return Object.freeze({ name, label, columns: Object.freeze(columns), fields: Object.freeze({ ...fields }), rowChecks: Object.freeze([...(opts.rowChecks ?? [])]) });
}

/**
 * A time the write path stamps (`now().toISOString()`: created, updated, deleted), as UTC.
 * Anything else in a bundle — a formula, direction marks, a megabyte of text — is not a time
 * any installation wrote (FORMAT.md: "UTC times").
 */
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const SYNC_TIMES = [
  ['created_at', '创建时间'],
  ['updated_at', '修改时间'],
  ['deleted_at', '删除时间'],
] as const;

/**
 * Why a row received from elsewhere (a sync bundle) breaks its table's declarations, naming the
 * record and the column ("记录 … 的“名称”（name）不能超过50个字"), or null. Checks that the
 * record id is printable and its times are times, then every domain column's SQL type, emptiness
 * and field rule, then the table's rule across columns.
 */
export function checkSyncRow(table: SyncTable, row: Record<string, unknown>): string | null {
  const id = row.id;
  if (typeof id !== 'string' || id.length < 1 || id.length > 64 || hasHiddenChars(id) || hasLoneSurrogate(id)) return '记录编号无效';
  for (const [c, label] of SYNC_TIMES) {
    const v = row[c];
    if (!(v === null && c === 'deleted_at') && !(typeof v === 'string' && STAMP.test(v))) return `记录 ${id} 的${label}（${c}）不是有效的时间`;
  }
  for (const c of table.columns) {
    const why = checkValue(c, table.fields[c]!, row[c]);
    if (why) return `记录 ${id} 的${why}`;
  }
  for (const rule of table.rowChecks) {
    const why = rule.check(row, table.fields);
    if (why) return `记录 ${id} 的${why}`;
  }
  return null;
}

/** Who is writing and how ids and times are made; injectable so tests are deterministic. */
export interface WriteContext {
  installationId: string;
  operator: string;
  now: () => string;
  newId: () => string;
}

const statementCache = new WeakMap<Database, Map<string, Statement>>();

/** A statement prepared once per connection: the hot write paths run the same SQL per row. */
export function stmt(db: Database, sql: string): Statement {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}

export function nextSeq(db: Database): number {
  // An UPDATE and a read rather than UPDATE … RETURNING: the same value under the write lock, and
  // RETURNING cost some 0.05 ms of CPU per committed save (measured on 3,000 commits), a few
  // per cent of a clerk's save.
  if (stmt(db, 'UPDATE sync_clock SET seq = seq + 1 WHERE id = 1').run().changes !== 1) {
    throw new StoreError('store_broken', '数据库缺少变更序号记录，无法写入。');
  }
  return currentSeq(db);
}

export function currentSeq(db: Database): number {
  return (stmt(db, 'SELECT seq FROM sync_clock WHERE id = 1').get() as { seq: number }).seq;
}

export function appendAudit(
  db: Database,
  ctx: WriteContext,
  entry: { table: string; rowId: string; action: string; seq: number | null; before: unknown; after: unknown },
): void {
  stmt(
    db,
    `INSERT INTO audit_log (at, operator, installation_id, table_name, row_id, action, seq, before, after)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    ctx.now(),
    ctx.operator,
    ctx.installationId,
    entry.table,
    entry.rowId,
    entry.action,
    entry.seq,
    entry.before === null ? null : JSON.stringify(entry.before),
    entry.after === null ? null : JSON.stringify(entry.after),
  );
}

function pick<S extends Columns>(table: SyncTable<S>, values: Patch<S>): Record<keyof S & string, SqlValue> {
  const out = {} as Record<keyof S & string, SqlValue>;
  for (const c of table.columns) out[c] = values[c] ?? null;
  return out;
}

function domainValues<S extends Columns>(table: SyncTable<S>, row: RowOf<S>): Record<keyof S & string, SqlValue> & { version: number } {
  return { ...pick(table, row as Patch<S>), version: row.version };
}

/**
 * A row's write (its change sequence, the row, its audit entry) as one unit. Called alone it is a
 * transaction of its own. Inside a caller's transaction it runs in that one without a savepoint of
 * its own: every caller there is a service whose writeTx (the transaction, or a savepoint of an
 * import's row) undoes it with the rest when anything throws, and a savepoint per row copied each
 * page the row touched into SQLite's sub-journal (some 0.05 ms of a 1-2 ms save at district scale).
 * A failure before the row's statements (not found, stale) has written nothing either way.
 */
function rowTx<T>(db: Database, fn: () => T): T {
  return db.inTransaction ? fn() : writeTx(db, fn);
}

export function getRow<S extends Columns>(
  db: Database,
  table: SyncTable<S>,
  id: string,
  opts: { includeDeleted?: boolean } = {},
): RowOf<S> | undefined {
  const row = stmt(db, `SELECT * FROM ${table.name} WHERE id = ?`).get(id) as RowOf<S> | undefined;
  if (!row || (row.deleted_at !== null && !opts.includeDeleted)) return undefined;
  return row;
}

export function insertRow<S extends Columns>(
  db: Database,
  ctx: WriteContext,
  table: SyncTable<S>,
  values: Patch<S>,
): RowOf<S> {
  return rowTx(db, () => {
    const seq = nextSeq(db);
    const at = ctx.now();
    const row = {
      id: ctx.newId(),
      created_at: at,
      updated_at: at,
      seq,
      version: 1,
      deleted_at: null,
      origin: ctx.installationId,
      ...pick(table, values),
    } as RowOf<S>;
    const cols = [...SYNC_COLUMNS, ...table.columns];
    stmt(db, `INSERT INTO ${table.name} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`).run(row);
    appendAudit(db, ctx, { table: table.name, rowId: row.id, action: 'insert', seq, before: null, after: domainValues(table, row) });
    return row;
  });
}

/**
 * Changes the given domain columns. A patch that changes nothing writes nothing (no sequence,
 * no audit). With `expectedVersion`, a row edited elsewhere in the meantime is refused rather
 * than silently overwritten.
 */
export function updateRow<S extends Columns>(
  db: Database,
  ctx: WriteContext,
  table: SyncTable<S>,
  id: string,
  patch: Patch<S>,
  opts: { expectedVersion?: number } = {},
): RowOf<S> {
  return rowTx(db, () => {
    const before = getRow(db, table, id);
    if (!before) throw new NotFoundError(table.label);
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== before.version) {
      throw new StoreError('stale', `该${table.label}已被修改（可能在另一窗口），请刷新后重试。`);
    }
    const changed = table.columns.filter((c) => c in patch && patch[c] !== undefined && (patch[c] ?? null) !== before[c]);
    if (!changed.length) return before;
    const seq = nextSeq(db);
    const after = { ...before } as RowOf<S>;
    for (const c of changed) (after as Record<string, SqlValue>)[c] = patch[c] ?? null;
    Object.assign(after, { updated_at: ctx.now(), seq, version: before.version + 1, origin: ctx.installationId });
    const sets = ['updated_at', 'seq', 'version', 'origin', ...changed].map((c) => `${c} = @${c}`).join(', ');
    stmt(db, `UPDATE ${table.name} SET ${sets} WHERE id = @id`).run(after);
    appendAudit(db, ctx, {
      table: table.name,
      rowId: id,
      action: 'update',
      seq,
      before: domainValues(table, before),
      after: domainValues(table, after),
    });
    return after;
  });
}

/** Soft delete: the row stays as a tombstone so the deletion itself can be synced. */
export function deleteRow<S extends Columns>(
  db: Database,
  ctx: WriteContext,
  table: SyncTable<S>,
  id: string,
  opts: { expectedVersion?: number } = {},
): RowOf<S> {
  return rowTx(db, () => {
    const before = getRow(db, table, id);
    if (!before) throw new NotFoundError(table.label);
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== before.version) {
      throw new StoreError('stale', `该${table.label}已被修改（可能在另一窗口），请刷新后重试。`);
    }
    const seq = nextSeq(db);
    const at = ctx.now();
    const after = { ...before, updated_at: at, deleted_at: at, seq, version: before.version + 1, origin: ctx.installationId };
    stmt(db, `UPDATE ${table.name} SET updated_at = @updated_at, deleted_at = @deleted_at, seq = @seq, version = @version, origin = @origin WHERE id = @id`).run(after);
    appendAudit(db, ctx, { table: table.name, rowId: id, action: 'delete', seq, before: domainValues(table, before), after: null });
    return after;
  });
}

/**
 * Makes a record's child rows (a village's years, a project's yearly incomes) match `wanted`,
 * matched by key: a new key is inserted, an existing one updated (unchanged, it writes nothing),
 * and a key no longer wanted becomes a tombstone, so each change syncs on its own.
 */
export function matchChildRows<S extends Columns, K>(
  db: Database,
  ctx: WriteContext,
  table: SyncTable<S>,
  existing: ReadonlyMap<K, { id: string }>,
  wanted: readonly (readonly [K, Patch<S>])[],
): void {
  const left = new Map(existing);
  for (const [key, values] of wanted) {
    const old = left.get(key);
    if (old) updateRow(db, ctx, table, old.id, values);
    else insertRow(db, ctx, table, values);
    left.delete(key);
  }
  for (const gone of left.values()) deleteRow(db, ctx, table, gone.id);
}
