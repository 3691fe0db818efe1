import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type ChannelName } from '../../electron/api/channels';
import { dispatch } from '../../electron/api/dispatch';
import { SYNC_TABLES } from '../../db/tables';
import type { Core } from '../../electron/core';
import { freshCore } from '../helpers/core';
import { makeWorld, RUNS, SKIPPED, snapshot, TIMEOUT, validPayloads } from './fuzz.fixtures';

/**
 * Every API channel given random payloads on a real database: arbitrary JSON-ish values, and valid
 * payloads with one field replaced, removed or added. Whatever arrives, dispatch answers with
 * {ok:true,value} or {ok:false,error:{code,message}} in Chinese, never throws, never reports an
 * internal error (that would be an unhandled case), and a refused call writes nothing: the live
 * rows of every register, the change sequence and the audit log are unchanged.
 *
 * TL_FUZZ_RUNS sets the runs per channel and generator (default 12; `npm run test:faults` uses more);
 * TL_FUZZ_SEED=random draws fresh cases instead of the fixed seeds.
 */

/** Strings that have broken parsers, validators and SQL before. */
const NASTY = [
  '',
  ' ',
  '\u0000',
  '__proto__',
  'constructor',
  "'; DROP TABLE cadres; --",
  '%s%n',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '=1+1',
  '\ud800',
  '😀'.repeat(40),
  '字'.repeat(10_000),
  '１２３',
  '2025-02-30',
  '9999-12-31',
  '00000000-0000-4000-8000-000000000001',
  'NaN',
  '-1',
  '1e308',
];

const leaf = fc.oneof(
  fc.constantFrom<unknown>(...NASTY, null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 60), Number.NaN, Number.POSITIVE_INFINITY, [], {}),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

const anything = fc.oneof(
  fc.anything({ maxDepth: 3, maxKeys: 6, withBoxedValues: false, withNullPrototype: true, withObjectString: true }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'version', 'page', 'name'), leaf, { maxKeys: 4 }),
);

/** A valid payload with one key replaced by noise, removed, or joined by an unknown key. */
function mutated(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), fc.oneof(leaf, anything)).map(([k, v]) => ({ ...valid, [k]: v })),
    fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))),
    fc.tuple(fc.string({ maxLength: 10 }), leaf).map(([k, v]) => (k in valid ? valid : { ...valid, [k]: v })),
    fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...keys), fc.constantFrom(...keys)).map(([a, b, c]) => ({ ...valid, [a]: valid[b], [c]: null })),
  );
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

async function checkOne(core: Core, name: ChannelName, payload: unknown): Promise<Outcome> {
  const before = snapshot(core);
  let r: Outcome;
  try {
    r = (await dispatch(core, name, payload)) as Outcome;
  } catch (err) {
    throw new Error(`${name} threw ${(err as Error)?.name}: ${(err as Error)?.message}`, { cause: err });
  }
  const shown = () => `${name} ${safeJson(payload).slice(0, 300)} → ${safeJson(r).slice(0, 300)}`;
  expect(r && typeof r === 'object' && typeof r.ok === 'boolean', shown()).toBe(true);
  expect(() => JSON.stringify(r), shown()).not.toThrow();
  if (!r.ok) {
    expect(typeof r.error.code, shown()).toBe('string');
    expect(r.error.message, shown()).toMatch(/[\u4e00-\u9fa5]/);
    expect(r.error.code, shown()).not.toBe('internal');
    expect(snapshot(core), `${shown()}: a refused call wrote something`).toEqual(before);
  }
  return r;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

describe('every channel given random payloads', () => {
  it(`answers arbitrary values with a result and writes nothing when it refuses (${RUNS} runs per channel)`, async () => {
    const core = await freshCore();
    await makeWorld(core);
    let accepted = 0;
    for (const name of CHANNELS) {
      if (SKIPPED.has(name)) continue;
      await fc.assert(
        fc.asyncProperty(anything, async (payload) => {
          if ((await checkOne(core, name, payload)).ok) accepted++;
        }),
        { numRuns: RUNS, seed: seedFor(name) },
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    console.log(`[fuzz] ${CHANNELS.length - SKIPPED.size} channels × ${RUNS} arbitrary payloads, ${accepted} accepted`);
  }, TIMEOUT);

  it('does the same in district mode and before setup', async () => {
    const runs = Math.ceil(RUNS / 2);
    for (const setup of ['district', false] as const) {
      const core = await freshCore({ setup });
      for (const name of CHANNELS) {
        if (SKIPPED.has(name)) continue;
        await fc.assert(
          fc.asyncProperty(anything, async (payload) => {
            await checkOne(core, name, payload);
          }),
          { numRuns: runs, seed: seedFor(`${setup}${name}`) },
        );
      }
    }
    expect(Object.prototype).not.toHaveProperty('polluted');
  }, TIMEOUT);

  it(`answers mutated valid payloads the same way (${RUNS} runs per channel)`, async () => {
    const core = await freshCore();
    const payloads = validPayloads(await makeWorld(core));
    let accepted = 0;
    let channels = 0;
    for (const name of CHANNELS) {
      const valid = payloads[name];
      if (!valid || Object.keys(valid).length === 0) continue;
      channels++;
      await fc.assert(
        fc.asyncProperty(mutated(valid), async (payload) => {
          if ((await checkOne(core, name, payload)).ok) accepted++;
        }),
        { numRuns: RUNS, seed: seedFor(name) },
      );
    }
    expect(Object.prototype).not.toHaveProperty('polluted');
    console.log(`[fuzz] ${channels} channels × ${RUNS} mutated payloads, ${accepted} accepted`);
  }, TIMEOUT);
});

describe('ids of another register', () => {
  it('are refused by every channel taking an id, with nothing written', async () => {
    const core = await freshCore();
    const world = await makeWorld(core);
    const payloads = validPayloads(world);
    const rows = Object.entries(world) as [string, { id: string; version: number }][];
    const tableOf = (id: unknown) => SYNC_TABLES.find((t) => core.db.prepare(`SELECT 1 FROM ${t.name} WHERE id = ?`).get(id))?.name;
    let tried = 0;
    for (const [name, valid] of Object.entries(payloads) as [ChannelName, Record<string, unknown>][]) {
      for (const key of Object.keys(valid).filter((k) => k === 'id' || k.endsWith('Id'))) {
        for (const [what, row] of rows) {
          if (tableOf(row.id) === tableOf(valid[key])) continue;
          // The same row under another name (a cadre's id where its posting's is expected), same version.
          const r = await checkOne(core, name, { ...valid, [key]: row.id });
          if (r.ok && !/list|dashboard|audit|sync/.test(name)) {
            throw new Error(`${name}: ${key} = the ${what}'s id was accepted`);
          }
          tried++;
        }
      }
    }
    console.log(`[fuzz] ${tried} calls with another register's id`);
  });
});

/** A fixed seed per channel unless TL_FUZZ_SEED asks for fresh ones, so a failure reproduces. */
function seedFor(name: string): number | undefined {
  if (process.env.TL_FUZZ_SEED === 'random') return undefined;
  let h = Number(process.env.TL_FUZZ_SEED ?? 8);
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}
