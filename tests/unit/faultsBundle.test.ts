import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { Rng } from '../../electron/seed/random';
import { freshCore } from '../helpers/core';
import { craftBundle, townshipLines, type CraftOptions } from '../helpers/faultBundle';
import { dbDigest, districtKeys, trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';

/**
 * Hostile bundles that pass the signature check (signed with the township's real key, encrypted to
 * the district's real key): the content checks must refuse them with a clear Chinese message, leave
 * the district database unchanged and never touch Object.prototype.
 */

const TRIALS = Number(process.env.TL_FAULT_TRIALS ?? 20);
const protoNames = () => [Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join());
const protoBefore = protoNames();

function expectPrototypesUntouched(): void {
  expect(protoNames()).toEqual(protoBefore);
  const probe = {} as Record<string, unknown>;
  expect([probe.polluted, probe.isAdmin, ([] as unknown as Record<string, unknown>).polluted]).toEqual([undefined, undefined, undefined]);
}

let town: Core;
let district: Core;
let dir: string;
let village: Record<string, unknown>;

beforeEach(async () => {
  town = await freshCore();
  trustDistrict(town);
  const r = await dispatch(town, 'villages.create', { name: '东立村', code: '450311100200', kind: '行政村', years: [{ year: 2025, stars: 3, income: '1.5' }] });
  if (!r.ok) throw new Error(r.error.message);
  district = await freshCore({ setup: 'district' });
  dir = tempDir();
  village = town.db.prepare('SELECT * FROM villages').get() as Record<string, unknown>;
});

afterEach(() => expectPrototypesUntouched());

let n = 0;
function write(bytes: Buffer): string {
  const file = path.join(dir, `crafted-${++n}.tlbundle`);
  fs.writeFileSync(file, bytes);
  return file;
}

const importFile = async (file: string) => applyStaged(district, await stageBundle(district, file, districtKeys().keys));

/** Refused with a Chinese message and nothing changed; returns the refusal code. */
async function refused(opts: CraftOptions | Buffer): Promise<string> {
  const file = write(Buffer.isBuffer(opts) ? opts : craftBundle(town, opts));
  const before = dbDigest(district);
  const err = await importFile(file).then(
    () => null,
    (e: { code?: string; message: string }) => e,
  );
  expect(err, 'the bundle should have been refused').not.toBeNull();
  expect(err!.message).toMatch(/[\u4e00-\u9fa5]{4}/);
  expect(dbDigest(district)).toBe(before);
  expectPrototypesUntouched();
  return err!.code ?? '';
}

const line = (table: unknown, row: unknown) => JSON.stringify({ table, row });
/** The township's real payload with its first village line replaced by `bad`. */
const withVillageLine = (bad: string) =>
  townshipLines(town)
    .map((l) => (l.startsWith('{"table":"villages"') ? bad : l))
    .join('\n') + '\n';

describe('bundles with hostile content behind a valid signature', () => {
  it('the crafting is faithful: an honest crafted bundle imports', async () => {
    const r = await importFile(write(craftBundle(town)));
    expect(r).toMatchObject({ result: 'applied', tables: { villages: { new: 1 }, village_years: { new: 1 } } });
  });

  it('refuses wrong JSON types in rows and lines', async () => {
    const cases = [
      line('villages', { ...village, version: '1' }),
      line('villages', { ...village, seq: 1.5 }),
      line('villages', { ...village, name: 42 }),
      line('villages', { ...village, name: { zh: '东立村' } }),
      line('villages', { ...village, key_village: true }),
      line('villages', { ...village, note: ['a'] }),
      line('villages', { ...village, id: null }),
      line('villages', null),
      line('villages', [village]),
      line('villages', '东立村'),
      line(7, village),
      line('sqlite_master', village),
      line('__proto__', village),
      '42',
      'null',
      '[]',
      '"villages"',
      '{"table":"villages","row":',
    ];
    for (const bad of cases) expect(await refused({ payload: withVillageLine(bad) }), bad.slice(0, 80)).toBe('bad_row');
    // Not gzip inside the encryption; a header whose counts lie about the rows.
    expect(await refused({ rawPayload: Buffer.from('not gzip at all') })).toBe('bad_payload');
    expect(await refused({ header: (h) => ({ ...h, counts: { ...h.counts, villages: { rows: 5, deleted: 0 } } }) })).toBe('count_mismatch');
  });

  it('refuses 100,000-deep nesting in rows and in the header without overflowing', async () => {
    const deep = (open: string, close: string, core = '1') => open.repeat(100_000) + core + close.repeat(100_000);
    const arrays = deep('[', ']', '');
    const objects = deep('{"a":', '}');
    for (const bad of [arrays, objects, `{"table":"villages","row":${arrays}}`, line('villages', { ...village, note: 'x' }).replace('"note":"x"', `"note":${objects}`)]) {
      expect(await refused({ payload: withVillageLine(bad) })).toBe('bad_row');
    }
    const headerDeep = (h: object) => JSON.stringify(h).replace(/"township":\{[^}]*\}/, `"township":${arrays}`);
    expect(await refused({ headerText: headerDeep(JSON.parse(craftHeaderText()) as object) })).toBe('bad_header');
  });

  it('refuses __proto__ and constructor keys in rows, lines and the header; prototypes stay clean', async () => {
    const { note: _note, ...rest } = village;
    const cases = [
      `{"table":"villages","row":${JSON.stringify(village).replace(/^\{/, '{"__proto__":{"polluted":true,"isAdmin":true},')}}`,
      `{"table":"villages","row":${JSON.stringify(rest).replace(/^\{/, '{"__proto__":{"polluted":true},')}}`,
      `{"table":"villages","row":${JSON.stringify(rest).replace(/^\{/, '{"constructor":{"prototype":{"polluted":true}},')}}`,
      `{"__proto__":{"polluted":true},${line('villages', village).slice(1)}`,
      `{"constructor":{"prototype":{"polluted":true}},${line('villages', village).slice(1)}`,
      line('villages', { ...village, note: { __proto__: { polluted: true } } }).replace('"note":{}', '"note":{"__proto__":{"polluted":true}}'),
    ];
    for (const bad of cases) expect(await refused({ payload: withVillageLine(bad) }), bad.slice(0, 60)).toBe('bad_row');
    const header = craftHeaderText();
    expect(await refused({ headerText: header.replace(/^\{/, '{"__proto__":{"polluted":true},') })).toBe('bad_header');
    expect(await refused({ headerText: header.replace('"township":{', '"township":{"__proto__":{"polluted":true},') })).toBe('bad_header');
    expect(await refused({ headerText: header.replace(/^\{/, '{"constructor":{"prototype":{"polluted":true}},') })).toBe('bad_header');
  });

  it('refuses a wrong magic, an export still in progress, a future format and wrong header types', async () => {
    expect(await refused({ magic: Buffer.from('PK\u0003\u0004ABCD') })).toBe('bad_magic');
    expect(await refused({ magic: Buffer.from('TLPARTIA') })).toBe('bad_magic');
    expect(await refused({ prefixVersion: 2 })).toBe('future_format');
    expect(await refused({ prefixVersion: 0 })).toBe('bad_format');
    for (const edit of [
      (h: object) => ({ ...h, version: 2 }),
      (h: object) => ({ ...h, bundleSeq: '1' }),
      (h: object) => ({ ...h, full: 'true' }),
      (h: object) => ({ ...h, seqTo: -1 }),
      (h: object) => ({ ...h, counts: [] }),
      (h: object) => ({ ...h, township: '雁山镇' }),
      (h: object) => ({ ...h, crypto: null }),
    ]) {
      expect(await refused({ header: edit })).toBe('bad_header');
    }
    expect(await refused({ headerText: '[]' })).toBe('bad_header');
    expect(await refused({ headerText: 'null' })).toBe('bad_header');
  });

  it(`refuses ${TRIALS * 5} random multi-bit corruptions of a crafted bundle`, async () => {
    const good = craftBundle(town);
    const rng = new Rng('faults-bundle-flips');
    for (let i = 0; i < TRIALS * 5; i++) {
      const b = Buffer.from(good);
      for (let k = rng.int(1, 8); k > 0; k--) {
        const at = rng.int(0, b.length - 1);
        b[at] = b[at]! ^ (1 << rng.int(0, 7));
      }
      await refused(b);
    }
    expect((await importFile(write(good))).result).toBe('applied');
  });
});

/** The honest header's text, for textual edits. */
function craftHeaderText(): string {
  let text = '';
  craftBundle(town, {
    header: (h) => {
      text = JSON.stringify(h);
      return h;
    },
  });
  return text;
}
