import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations, LATEST_VERSION, type Migration } from '../../db/migrations';
import { openStore } from '../../db/open';
import { insertRow } from '../../db/sync';
import { villagesTable } from '../../db/villages';
import { tempDir } from '../helpers/tmp';
import { FIXTURE, FIXTURE_SEQ } from './migrations.fixtures';

type Row = Record<string, unknown>;
type Db = Database.Database;

const tablesOf = (db: Db) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
const columnsOf = (db: Db, table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
const rowsOf = (db: Db, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all() as Row[];
const only = (row: Row, cols: readonly string[]) => Object.fromEntries(cols.map((c) => [c, row[c]]));

/**
 * Inserts the fixture rows of every table the file has, with the columns that version has, and
 * returns them as inserted. Throws naming a table the fixture has no rows for, or a column its
 * rows leave out (every column gets a real value, not its default).
 */
function fillFixture(db: Db): Record<string, Row[]> {
  const tables = tablesOf(db);
  const bare = tables.filter((t) => !FIXTURE[t]?.length);
  if (bare.length) throw new Error(`no rows in migrations.fixtures.ts for: ${bare.join(', ')}`);
  const expected: Record<string, Row[]> = {};
  db.transaction(() => {
    for (const [table, rows] of Object.entries(FIXTURE)) {
      if (!tables.includes(table)) continue;
      const cols = columnsOf(db, table);
      const insert = db.prepare(`INSERT OR REPLACE INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`);
      const lacking = rows.flatMap((r) => cols.filter((c) => !(c in r)));
      if (lacking.length) throw new Error(`migrations.fixtures.ts: ${table} rows lack ${[...new Set(lacking)].join(', ')}`);
      expected[table] = rows.map((r) => only(r, cols));
      // The fixture is the table's whole content, also where a migration seeds rows (dev_rules' defaults).
      db.prepare(`DELETE FROM ${table}`).run();
      for (const row of expected[table]) insert.run(row);
    }
  })();
  for (const [table, rows] of Object.entries(expected)) expect(rowsOf(db, table), `${table} as inserted`).toEqual(rows);
  return expected;
}

/**
 * Builds a file at version `from` holding the fixture, opens it with `list` (migrating it to the
 * list's latest version) and returns the tables whose rows did not come back with the same values
 * in the columns they had before.
 */
async function migrateFixture(from: number, list: readonly Migration[] = migrations) {
  const file = path.join(tempDir(), `v${from}.db`);
  const old = await openStore(file, { target: from, migrations: list });
  expect(old.version).toBe(from);
  const expected = fillFixture(old.db);
  old.db.close();

  const store = await openStore(file, { migrations: list });
  expect(store.migratedFrom).toBe(from);
  const changed = Object.entries(expected)
    .filter(([table, rows]) => {
      const after = rowsOf(store.db, table).map((r) => only(r, Object.keys(rows[0]!)));
      return JSON.stringify(after) !== JSON.stringify(rows);
    })
    .map(([table]) => table);
  return { db: store.db, version: store.version, expected, changed };
}

describe('migrating from every landed version to the latest', () => {
  const older = migrations.map((m) => m.version).filter((v) => v < LATEST_VERSION);

  it.each(older)('from version %i, every row of every table comes back with the same values', async (from) => {
    const { db, version, expected, changed } = await migrateFixture(from);
    expect(version).toBe(LATEST_VERSION);
    expect(Object.keys(expected).sort()).toEqual(tablesOfVersion(from));
    expect(changed, `tables whose rows changed migrating from ${from}`).toEqual([]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // The migrated file takes the next write: the clock continues and live-row rules still hold.
    if (expected.villages) {
      const ctx = { installationId: 'inst-after', operator: '张三', now: () => '2026-01-01T00:00:00.000Z', newId: () => 'after-1' };
      const village = { kind: '行政村', key_village: 0, relocation: 0 };
      expect(() => insertRow(db, ctx, villagesTable, { ...village, name: '重码村', code: '450311100200' })).toThrow(/UNIQUE/);
      expect(insertRow(db, ctx, villagesTable, { ...village, name: '新枫林村', code: '450311100201' }).seq).toBe(FIXTURE_SEQ + 1);
    }
    db.close();
  });

  it('the fixture names only columns the latest schema has (a misspelt column would go untested)', () => {
    const db = new Database(':memory:');
    for (const m of migrations) db.exec(m.sql);
    const strays = Object.entries(FIXTURE).flatMap(([table, rows]) => {
      const cols = columnsOf(db, table);
      return rows.flatMap((r) => Object.keys(r).filter((c) => !cols.includes(c)).map((c) => `${table}.${c}`));
    });
    db.close();
    expect(strays).toEqual([]);
  });

  it('catches a migration that loses or rewrites a row, and a table the fixture has no rows for', async () => {
    const lossy: Migration = { version: LATEST_VERSION + 1, name: 'lossy', sql: "UPDATE contact_records SET needs = NULL; DELETE FROM sync_refused WHERE code = 'bad_magic';" };
    const { db, changed } = await migrateFixture(LATEST_VERSION, [...migrations, lossy]);
    db.close();
    expect(changed).toEqual(['contact_records', 'sync_refused']);

    const newTable: Migration = { version: LATEST_VERSION + 1, name: 'future_register', sql: 'CREATE TABLE future_register (id TEXT PRIMARY KEY) STRICT;' };
    const file = path.join(tempDir(), 'new.db');
    const store = await openStore(file, { migrations: [...migrations, newTable] });
    expect(() => fillFixture(store.db)).toThrow('no rows in migrations.fixtures.ts for: future_register');
    store.db.close();
  });
});

/** The tables a file has at `version`, straight from the migrations. */
function tablesOfVersion(version: number): string[] {
  const db = new Database(':memory:');
  for (const m of migrations.filter((m) => m.version <= version)) db.exec(m.sql);
  const names = tablesOf(db);
  db.close();
  return names;
}
