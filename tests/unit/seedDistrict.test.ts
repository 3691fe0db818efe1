import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNC_TABLES } from '../../db/tables';
import { openCore, type Core } from '../../electron/core';
import { seededIds } from '../../electron/seed/random';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { cli } from '../helpers/cli';
import { freshCore } from '../helpers/core';
import * as R from '../helpers/formatReader';
import { districtKeys, trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';

/**
 * Issue 12, item 9: demo townships seeded with the default seed (no --seed) through the real CLI
 * all import into one district. Row ids come from the seed and the installation, so two seeded
 * townships never share one; village codes lie under each township's own code.
 */

const ids = (core: Core): string[] => SYNC_TABLES.flatMap((t) => (core.db.prepare(`SELECT id FROM ${t.name}`).all() as { id: string }[]).map((r) => r.id));
const counts = (core: Core): Record<string, number> =>
  Object.fromEntries(SYNC_TABLES.map((t) => [t.name, (core.db.prepare(`SELECT count(*) AS n FROM ${t.name}`).get() as { n: number }).n]));

async function seededTownship(dir: string, code: string, name: string): Promise<Core> {
  const file = path.join(dir, `${code}.db`);
  expect(cli('init', '--db', file, '--role', 'township', '--code', code, '--name', name)).toMatchObject({ code: 0 });
  // The default seed (no --seed); 4 villages instead of 12 keep the test quick (~2,500 rows each).
  expect(cli('seed', '--db', file, '--villages', '4')).toMatchObject({ code: 0 });
  const town = await openCore(file);
  trustDistrict(town);
  return town;
}

describe('seeded demo townships', () => {
  it('draw ids from the seed and the installation: repeatable on one, disjoint across installations', () => {
    const take = (next: () => string) => Array.from({ length: 1000 }, next);
    // Installations set up now (ids derived from their keys) and before (random ids).
    const [a1, b1] = [1, 2].map((n) => R.derivedInstallationId(Buffer.alloc(32, n).toString('base64')));
    for (const [one, two] of [[a1!, b1!], [randomUUID(), randomUUID()]] as const) {
      const a = take(seededIds('1', one));
      expect(take(seededIds('1', one))).toEqual(a);
      expect(take(seededIds('1', two)).filter((id) => a.includes(id))).toEqual([]);
      expect(new Set(a).size).toBe(1000);
    }
    // Of the form the app makes (FORMAT.md, *Row ids*): the installation's prefix, then the rest;
    // random (v4) ids for an installation whose own id is random, whose prefix would prove nothing.
    expect(take(seededIds('1', a1!)).every((id) => new RegExp(`^${R.rowIdPrefix(a1!)}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).test(id))).toBe(true);
    expect(take(seededIds('1', randomUUID())).every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
  });

  it('two townships seeded with the default seed import into one district with disjoint ids', async () => {
    const dir = tempDir();
    const towns = [await seededTownship(dir, '450311100', '雁山镇'), await seededTownship(dir, '450311101', '柘木镇')];
    const district = await freshCore({ setup: 'district' });
    try {
      const [a, b] = towns.map(ids) as [string[], string[]];
      expect(a.length).toBeGreaterThan(100);
      expect(a.filter((id) => new Set(b).has(id))).toEqual([]);
      for (const town of towns) {
        const code = town.installation()!.unitCode;
        const villages = town.db.prepare('SELECT code FROM villages').all() as { code: string }[];
        expect(villages.length).toBeGreaterThan(0);
        expect(villages.every((v) => v.code.startsWith(code) && v.code.length === 12)).toBe(true);
      }

      for (const town of towns) {
        const { file } = await exportBundle(town, { dir: path.join(dir, 'out') });
        const applied = applyStaged(district, await stageBundle(district, file, districtKeys().keys));
        expect(applied.result).toBe('applied');
      }
      const [ca, cb] = towns.map(counts) as [Record<string, number>, Record<string, number>];
      expect(counts(district)).toEqual(Object.fromEntries(Object.keys(ca).map((t) => [t, ca[t]! + cb[t]!])));
      expect(new Set(ids(district))).toEqual(new Set([...a, ...b]));

    } finally {
      for (const t of towns) t.close();
    }
  }, 240_000);
});
