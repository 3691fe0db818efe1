import { describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import type { Column } from '../../db/columns';
import { SYNC_COLUMNS, type SyncTable } from '../../db/sync';
import { SYNC_TABLES } from '../../db/tables';
import { freshCore } from '../helpers/core';

/**
 * The column declarations of the table registrations are the one description of the synced data
 * (typed rows, the import check, the FORMAT.md appendix): they must say exactly what the migrations
 * built, and never allow what the schema's own CHECKs refuse.
 */

interface Info {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}
interface Fk {
  table: string;
  from: string;
  to: string;
}

/** What the declarations say a freshly migrated table looks like. */
function declared(t: SyncTable) {
  const sync = [
    { name: 'id', type: 'TEXT', notnull: 1, pk: 1 },
    { name: 'created_at', type: 'TEXT', notnull: 1, pk: 0 },
    { name: 'updated_at', type: 'TEXT', notnull: 1, pk: 0 },
    { name: 'seq', type: 'INTEGER', notnull: 1, pk: 0 },
    { name: 'version', type: 'INTEGER', notnull: 1, pk: 0 },
    { name: 'deleted_at', type: 'TEXT', notnull: 0, pk: 0 },
    { name: 'origin', type: 'TEXT', notnull: 1, pk: 0 },
  ];
  expect(sync.map((c) => c.name)).toEqual([...SYNC_COLUMNS]);
  const domain = t.columns.map((name) => {
    const c = t.fields[name]!;
    return { name, type: c.sql, notnull: c.nullable ? 0 : 1, pk: 0 };
  });
  const fks = t.columns.flatMap((name) => {
    const ref = t.fields[name]!.references;
    return ref ? [{ table: ref, from: name, to: 'id' }] : [];
  });
  return { columns: [...sync, ...domain], fks };
}

function actual(db: Database, table: string) {
  const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as Info[]).map(({ name, type, notnull, pk }) => ({ name, type, notnull, pk }));
  const fks = (db.prepare(`PRAGMA foreign_key_list(${table})`).all() as Fk[]).map(({ table, from, to }) => ({ table, from, to }));
  return { columns, fks };
}

/** `col IN ('a', 'b')` and `col BETWEEN a AND b` / `col >= a` of the table's CHECK constraints. */
function schemaChecks(sql: string): { values: Map<string, string[]>; ranges: Map<string, { min?: number; max?: number }> } {
  const values = new Map<string, string[]>();
  const ranges = new Map<string, { min?: number; max?: number }>();
  for (const m of sql.matchAll(/CHECK \((\w+) IN \(([^)]*)\)\)/g)) {
    values.set(m[1]!, m[2]!.split(',').map((v) => v.trim().replace(/^'|'$/g, '')));
  }
  for (const m of sql.matchAll(/CHECK \((\w+) BETWEEN (-?\d+) AND (-?\d+)\)/g)) ranges.set(m[1]!, { min: Number(m[2]), max: Number(m[3]) });
  for (const m of sql.matchAll(/CHECK \((\w+) >= (-?\d+)\)/g)) ranges.set(m[1]!, { min: Number(m[2]) });
  return { values, ranges };
}

describe('sync table declarations', () => {
  it('equal the migrated schema of every registered table: columns, types, NOT NULL, foreign keys', async () => {
    const core = await freshCore({ setup: false });
    // Every table carrying all the sync columns is registered, and nothing else is (local tables
    // such as the trigger-kept counts may carry an origin, never a version and a deletion mark).
    const all = (core.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    const tables = all.filter((name) => {
      const have = new Set((core.db.prepare(`PRAGMA table_info(${name})`).all() as Info[]).map((c) => c.name));
      return SYNC_COLUMNS.every((c) => have.has(c));
    });
    expect(tables.length).toBeGreaterThan(15);
    expect(SYNC_TABLES.map((t) => t.name).sort()).toEqual(tables.sort());
    for (const t of SYNC_TABLES) {
      const want = declared(t);
      const have = actual(core.db, t.name);
      expect(have.columns, t.name).toEqual(want.columns);
      expect(have.fks.sort((a, b) => a.from.localeCompare(b.from)), t.name).toEqual(want.fks.sort((a, b) => a.from.localeCompare(b.from)));
    }
  });

  it("are never looser than the schema's own CHECKs: same code values, ranges inside", async () => {
    const core = await freshCore({ setup: false });
    let compared = 0;
    for (const t of SYNC_TABLES) {
      const sql = (core.db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(t.name) as { sql: string }).sql;
      const { values, ranges } = schemaChecks(sql);
      for (const [name, allowed] of values) {
        const c: Column = t.fields[name]!;
        if (c.kind === 'flag') expect([c.min, c.max], `${t.name}.${name}`).toEqual(allowed.map(Number));
        else expect([...(c.values ?? [])].sort(), `${t.name}.${name}`).toEqual([...allowed].sort());
        compared++;
      }
      for (const [name, r] of ranges) {
        const c: Column = t.fields[name]!;
        expect(c.min, `${t.name}.${name}`).toBeGreaterThanOrEqual(r.min!);
        if (r.max !== undefined) expect(c.max, `${t.name}.${name}`).toBeLessThanOrEqual(r.max);
        compared++;
      }
    }
    // The parse above found the CHECKs (a schema rewritten beyond it would make this test vacuous).
    expect(compared).toBeGreaterThan(25);
  });

  it('a declaration that differs from the schema is caught (the comparison can fail)', async () => {
    const core = await freshCore({ setup: false });
    const t = SYNC_TABLES.find((x) => x.name === 'village_years')!;
    const broken = { ...t, fields: { ...t.fields, stars: { ...t.fields.stars!, nullable: false } } } as SyncTable;
    expect(actual(core.db, t.name).columns).not.toEqual(declared(broken).columns);
    const noRef = { ...t, fields: { ...t.fields, village_id: { ...t.fields.village_id!, references: undefined } } } as SyncTable;
    expect(actual(core.db, t.name).fks).not.toEqual(declared(noRef).fks);
  });
});
