import Database from 'better-sqlite3';
import type { Database as DB } from 'better-sqlite3';
import { quotedName } from './errors';
import { migrate } from './migrate';
import { migrations as allMigrations, type Migration } from './migrations';

/**
 * The schema a file of a given version must have: exactly what migrations 1..v create in a fresh
 * database, nothing more. A restore candidate is compared against it object by object, because a
 * file can carry more than data: a trigger, a view or an extra table runs or lingers with the
 * app's own rights once the file becomes the live store (a trigger rewriting the district key on
 * every later save). Comparing all of sqlite_master, not a list of known-bad kinds, also refuses
 * what nobody has thought of yet.
 */

export interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

export interface SchemaDiff {
  extra: SchemaObject[];
  missing: SchemaObject[];
  changed: SchemaObject[];
}

/**
 * Whitespace outside quotes collapsed to one space, so a difference of layout alone is not a
 * difference; quoted names and literals are compared as written.
 */
export function normalizeSql(sql: string | null): string | null {
  if (sql === null) return null;
  let out = '';
  let quote: string | null = null;
  let space = false;
  for (const ch of sql) {
    if (quote) {
      out += ch;
      if (ch === quote) quote = null;
      continue;
    }
    if (/\s/.test(ch)) {
      space = true;
      continue;
    }
    if (space && out) out += ' ';
    space = false;
    out += ch;
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '[') quote = ']';
  }
  return out;
}

/**
 * SQLite's own planner-statistics tables, as ANALYZE creates them (the app runs it after
 * migrations and bulk writes, db/open.ts), so a file has them or not depending on its history.
 * They hold only statistics and are rewritten by the next ANALYZE; any other definition under
 * these names is still compared (and refused) like every other object.
 */
const STAT_TABLES = new Map([
  ['sqlite_stat1', 'CREATE TABLE sqlite_stat1(tbl,idx,stat)'],
  ['sqlite_stat4', 'CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)'],
]);

export function schemaOf(db: DB): SchemaObject[] {
  const all = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all() as SchemaObject[];
  return all.filter((o) => !(o.type === 'table' && o.tbl_name === o.name && STAT_TABLES.get(o.name) === o.sql));
}

const cache = new Map<number, SchemaObject[]>();

/** What migrations 1..version create, from a fresh in-memory database (cached per version). */
export function expectedSchema(version: number, list: readonly Migration[] = allMigrations): SchemaObject[] {
  const hit = list === allMigrations ? cache.get(version) : undefined;
  if (hit) return hit;
  const db = new Database(':memory:');
  try {
    migrate(db, list, version);
    const schema = schemaOf(db);
    if (list === allMigrations) cache.set(version, schema);
    return schema;
  } finally {
    db.close();
  }
}

const keyOf = (o: SchemaObject) => `${o.type}\u0000${o.name.toLowerCase()}`;

export function schemaDiff(actual: readonly SchemaObject[], expected: readonly SchemaObject[]): SchemaDiff {
  const want = new Map(expected.map((o) => [keyOf(o), o]));
  const diff: SchemaDiff = { extra: [], missing: [], changed: [] };
  const seen = new Set<string>();
  for (const o of actual) {
    const k = keyOf(o);
    seen.add(k);
    const w = want.get(k);
    if (!w) diff.extra.push(o);
    else if (w.tbl_name.toLowerCase() !== o.tbl_name.toLowerCase() || normalizeSql(w.sql) !== normalizeSql(o.sql)) diff.changed.push(o);
  }
  for (const [k, w] of want) if (!seen.has(k)) diff.missing.push(w);
  return diff;
}

export const sameSchema = (d: SchemaDiff) => !d.extra.length && !d.missing.length && !d.changed.length;

const KIND: Record<string, string> = { table: '表', index: '索引', trigger: '触发器', view: '视图' };

function listed(label: string, objs: readonly SchemaObject[]): string | null {
  if (!objs.length) return null;
  const names = objs.slice(0, 5).map((o) => `${KIND[o.type] ?? o.type}${quotedName(o.name)}`);
  return `${label}${names.join('、')}${objs.length > 5 ? ` 等 ${objs.length} 项` : ''}`;
}

/** The difference in Chinese, naming each object (extra first: that is what an attack adds). */
export function describeDiff(d: SchemaDiff): string {
  return [listed('多出', d.extra), listed('缺少', d.missing), listed('定义不同的', d.changed)].filter(Boolean).join('；');
}
