import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { openCore, type Core } from '../../electron/core';
import { completeSetup } from '../../electron/services/setup';
import { exportBundle } from '../../electron/sync/export';
import { ok } from '../unit/floating.helpers';
import { steppingClock } from './core';
import { dbDigest, districtKeys, PASSPHRASE, trustDistrict } from './sync';
import { tempDir } from './tmp';

/**
 * Townships and a district for the trust tests: every township has its own row ids (a prefix of
 * its own), as real installations with random ids do, and everything goes through the API.
 */

const open: Core[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

/** `clockStart`: the township's clock (2026-01-05 by default); later for fixtures that post cadres later in the year, as a posting may not start after today. */
export async function township(code: string, name: string, prefix: string, file = path.join(tempDir(), `${code}-${prefix}.db`), clockStart?: string): Promise<Core> {
  let n = 0;
  return setUp(await openCore(file, { now: steppingClock(clockStart), newId: () => `${prefix}000000-0000-4000-8000-${String(++n).padStart(12, '0')}` }), code, name);
}

/** A township whose row ids the app makes itself, bound to its installation (electron/sync/rowIds.ts). */
export async function boundTownship(code: string, name: string): Promise<Core> {
  return setUp(await openCore(path.join(tempDir(), `${code}-bound.db`), { now: steppingClock() }), code, name);
}

function setUp(core: Core, code: string, name: string): Core {
  open.push(core);
  completeSetup(core, { role: 'township', code, name, operator: '张三', importVillages: [] });
  trustDistrict(core);
  return core;
}

/**
 * A township set up by a version before key-bound installation ids (electron/sync/boundIds.ts):
 * its id random (version 4), as the townships already in use keep theirs.
 */
export async function legacyTownship(code: string, name: string, prefix: string, opts: { appIds?: boolean } = {}): Promise<Core> {
  const file = path.join(tempDir(), `${code}-${prefix}-legacy.db`);
  const first = await township(code, name, prefix, file);
  first.db.prepare("UPDATE settings SET value = json_set(value, '$.installationId', ?) WHERE key = 'installation'").run(`${prefix}111111-1111-4111-8111-111111111111`);
  open.splice(open.indexOf(first), 1);
  first.close();
  let n = 1000;
  const core = await openCore(file, { now: steppingClock(), newId: opts.appIds ? undefined : () => `${prefix}000000-0000-4000-8000-${String(++n).padStart(12, '0')}` });
  open.push(core);
  return core;
}

export async function district(): Promise<Core> {
  const core = await openCore(path.join(tempDir(), 'district.db'), { now: steppingClock(), newId: () => crypto.randomUUID() });
  open.push(core);
  completeSetup(core, { role: 'district', code: '450311', name: '雁山区委组织部', operator: '王科长', importVillages: [] });
  await ok(core, 'sync.loadDistrictKey', { file: { fileName: 'district.key', base64: Buffer.from(districtKeys().secretFile).toString('base64') }, passphrase: PASSPHRASE });
  return core;
}

export async function exported(town: Core, full = false): Promise<string> {
  return (await exportBundle(town, { dir: tempDir(), full })).file;
}

export const writeBundle = (bytes: Buffer, name = 'crafted.tlbundle'): string => {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, bytes);
  return file;
};

export const preview = (d: Core, file: string) =>
  dispatch(d, 'sync.preview', { file: { fileName: path.basename(file), base64: fs.readFileSync(file).toString('base64') }, passphrase: PASSPHRASE });

/** Preview and confirm, as the clerk does (fingerprint checked by phone). */
export async function imported(d: Core, file: string, confirm: { confirmNewInstallation?: boolean } = {}) {
  const p = await ok(d, 'sync.preview', { file: { fileName: path.basename(file), base64: fs.readFileSync(file).toString('base64') }, passphrase: PASSPHRASE });
  return { preview: p, result: await ok(d, 'sync.apply', { stageId: p.stageId, confirmKey: true, ...confirm }) };
}

/** The newest entry of the district's import history. */
export async function lastHistory(d: Core) {
  return (await ok(d, 'sync.history', { page: 1, pageSize: 1 })).rows[0]!;
}

/** Refused at preview with this code, the reason recorded in the history, and nothing else changed. */
export async function refusedAtPreview(d: Core, file: string, code: string, message: RegExp): Promise<void> {
  const before = dbDigest(d);
  const r = await preview(d, file);
  expect(r.ok, `${path.basename(file)} should have been refused (${code})`).toBe(false);
  if (r.ok) return;
  expect(r.error).toMatchObject({ code });
  expect(r.error.message).toMatch(message);
  expect(dbDigest(d)).toBe(before);
  expect(await lastHistory(d)).toMatchObject({ result: 'refused', reason: r.error.message });
}
