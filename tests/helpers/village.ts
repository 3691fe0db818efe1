import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { makeVillagePackage, type MadePackage } from '../../electron/sync/villagePackageMake';
import { exportVillageBundle } from '../../electron/sync/villageExport';
import { applyVillageStaged, recordVillageRefusal, stageVillageBundle, type VillageImportSummary } from '../../electron/sync/villageImport';
import { importVillageReceipt, writeVillageReceipt } from '../../electron/sync/villageReceipt';
import { call, cadreInput, makeWorld, memberInput, projectInput, validId, villageInput, type World } from '../unit/fuzz.fixtures';
import { freshCore, steppingClock } from './core';
import { tempDir } from './tmp';

/**
 * The 驻村版 hop with real files and keys: a township with two villages, a package for the first,
 * laptops set up from it (each with ids of its own, as separate installations have), and the
 * export → import → receipt round trip as the CLI and the screens run it.
 */

const laptops: Core[] = [];
afterEach(() => {
  for (const c of laptops.splice(0)) c.close();
});

export interface VillageWorld {
  town: Core;
  world: World;
  other: { village: string; cadre: string; member: string; project: string };
  dir: string;
  pkg: MadePackage;
}

/** A township with a world of rows in 东立村 and a second village (西山村) with its own cadre, member and project. */
export async function twoVillageTownship(): Promise<Pick<VillageWorld, 'town' | 'world' | 'other'>> {
  const town = await freshCore();
  const world = await makeWorld(town);
  await call(town, 'floating.assignContact', { memberId: world.member.id, cadreName: '李书记', cadrePhone: '13900000001', cadreRole: '党组织书记', startDate: '2025-04-01' });
  const v2 = await call(town, 'villages.create', villageInput({ name: '西山村' }));
  const c2 = await call(town, 'cadres.create', cadreInput({ name: '王芳', idNumber: validId('45030219900101222') }));
  await call(town, 'cadres.post', { cadreId: c2.id, villageId: v2.id, role: '第一书记', startDate: '2025-06-01' });
  const m2 = await call(town, 'floating.create', memberInput(v2.id, { name: '陈红', idNumber: validId('45031119920202222') }));
  const p2 = await call(town, 'projects.create', projectInput(v2.id, { name: '茶叶加工厂' }));
  return { town, world, other: { village: v2.id, cadre: c2.id, member: m2.id, project: p2.id } };
}

/** That township with a package made for 东立村. */
export async function villageWorld(): Promise<VillageWorld> {
  const t = await twoVillageTownship();
  const dir = tempDir();
  return { ...t, dir, pkg: makeVillagePackage(t.town, t.world.village.id as string, dir) };
}

let laptopNo = 0;

/**
 * A new laptop set up from `pkg` after the fingerprint check, with ids no other installation
 * makes: a test counter's, or (`appIds`) the app's own, bound to the laptop (sync/rowIds.ts).
 */
export async function laptopFrom(pkg: MadePackage, operator = '李明', opts: { appIds?: boolean } = {}): Promise<Core> {
  const no = ++laptopNo;
  let n = 0;
  const lap = await openCore(path.join(tempDir(), 'village.db'), {
    now: steppingClock('2026-01-06T08:00:00.000Z'),
    newId: opts.appIds ? undefined : () => `${String(no).padStart(8, '0')}-1a1a-4000-8000-${String(++n).padStart(12, '0')}`,
  });
  laptops.push(lap);
  const file = { fileName: path.basename(pkg.file), base64: fs.readFileSync(pkg.file).toString('base64') };
  await call(lap, 'setup.completeVillage', { file, fingerprint: pkg.fingerprint, operator });
  return lap;
}

/** Logs every day from `from` to `to` for the cadre, through the laptop's own channel. */
export async function logDays(lap: Core, cadreId: string, from: string, to: string): Promise<string[]> {
  const ids: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    const log = await call(lap, 'cadres.saveLog', { cadreId, logDate: day, inVillage: d.getUTCDay() !== 0, workKind: '走访农户', content: `${day}走访农户` });
    ids.push(log.id);
  }
  return ids;
}

export const exportFrom = async (lap: Core) => (await exportVillageBundle(lap, { dir: path.join(tempDir(), 'out') })).file;

/** Stage and apply at the township as the CLI does; a refusal is recorded and rethrown. */
export async function importAt(town: Core, file: string, confirmPin = true): Promise<VillageImportSummary & { header: Awaited<ReturnType<typeof stageVillageBundle>>['header'] }> {
  try {
    const staged = await stageVillageBundle(town, file);
    return { ...applyVillageStaged(town, staged, { confirmPin }), header: staged.header };
  } catch (err) {
    recordVillageRefusal(town, file, err);
    throw err;
  }
}

/** Import, receipt, and the receipt applied on the laptop: one USB trip each way. */
export async function roundTrip(town: Core, lap: Core, file: string) {
  const imported = await importAt(town, file);
  const receipt = writeVillageReceipt(town, imported.header, imported.hash, path.join(tempDir(), 'receipts'));
  const applied = importVillageReceipt(lap, fs.readFileSync(receipt, 'utf8'));
  return { imported, receipt, applied };
}

/** The refusal of a promise, expected to have a Chinese reason. */
export async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await p.then(
    () => null,
    (e: { code?: string; message: string }) => e,
  );
  expect(err, 'should have been refused').not.toBeNull();
  expect(err!.message).toMatch(/[\u4e00-\u9fa5]{4}/);
  return { code: err!.code ?? '', message: err!.message };
}

/** Rows of a table (all but the installation-local change number), by id. */
export const rowsOf = (core: Core, table: string, where = '1') =>
  (core.db.prepare(`SELECT * FROM ${table} WHERE ${where} ORDER BY id`).all() as Record<string, unknown>[]).map(({ seq: _seq, ...rest }) => rest);

export const lastRefusal = (town: Core) => town.db.prepare('SELECT * FROM sync_refused ORDER BY id DESC LIMIT 1').get() as { code: string; message: string; township_name: string | null } | undefined;
