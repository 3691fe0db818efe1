import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getInstallation, saveInstallation, type Role } from '../../db/settings';
import { SYNC_TABLES } from '../../db/tables';
import { ALL_ROLES } from '../../electron/api/channel';
import { CHANNELS, type ChannelName } from '../../electron/api/channels';
import { CHANNELS_FILE, renderChannelsFile } from '../../electron/api/channelsFile';
import { contract } from '../../electron/api/contract';
import { dispatch, dispatcher, type Declarations } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';
import { freshCore } from '../helpers/core';
import { makeWorld, validPayloads, type World } from './fuzz.fixtures';
import { everyRow } from '../helpers/everyRow';

/**
 * Every channel is declared once (contract.ts) with the roles that may call it, and dispatch
 * enforces the declaration: no handler checks the role. These tests call every writing channel a
 * role may not call, through dispatch, and see each refused with nothing written; and they show
 * that a wrong declaration, or a dispatch that ignores one, is caught.
 */

type Call = (core: Core, name: unknown, payload: unknown) => ReturnType<typeof dispatch>;

/**
 * The writing channels each role other than the township may call, and why. Everything else that
 * writes is the township's register or its side of sync: a declaration that opens one of those to
 * another role fails here.
 */
const OWN_WRITES = {
  'setup.complete': 'refuses itself once the installation is set up',
  'setup.completeVillage': 'refuses itself once the installation is set up',
  'settings.update': "the installation's own settings",
  'backup.create': 'a copy of its own database file',
  'backup.restore': 'its own database file back from a copy',
  'backup.exportDamaged': 'its own damaged file, set aside',
  'lock.enable': 'the app lock of this PC',
  'lock.disable': 'the app lock of this PC',
  'lock.change': 'the app lock of this PC',
  'lock.setIdle': 'the app lock of this PC',
  'lock.lock': 'the app lock of this PC',
  'lock.unlock': 'the app lock of this PC',
  'cadres.revealId': 'its own operation log (who saw which full ID number)',
  'floating.revealId': 'its own operation log (who saw which full ID number)',
  'development.revealId': 'its own operation log (who saw which full ID number)',
  'rectification.revealId': 'its own operation log (who saw which full ID number)',
} satisfies Partial<Record<ChannelName, string>>;

const MAY_WRITE: Record<Exclude<Role, 'township'>, Partial<Record<ChannelName, string>>> = {
  district: {
    ...OWN_WRITES,
    'sync.createDistrictKeys': "the district's own keys",
    'sync.loadDistrictKey': "the district's own keys",
    'sync.preview': 'stages a township bundle (and records a refused one)',
    'sync.apply': 'imports what the townships sent',
    'sync.revokePin': "stops importing a township PC's bundles",
  },
  village: {
    ...OWN_WRITES,
    'cadres.saveLog': "its own village's cadres' logs, within their postings there (villageScope.ts)",
    'cadres.removeLog': "its own village's cadres' logs, within their postings there",
    'floating.addRecord': "contact records of its own village's members",
    'floating.updateRecord': "contact records of its own village's members",
    'floating.removeRecord': "contact records of its own village's members",
    'projects.addProgress': "progress of its own village's projects",
    'projects.removeProgress': "progress of its own village's projects",
    'sync.villageExport': "its own bundle for the township (only the rows it made)",
    'sync.villageReceipt': "its township's signed receipt, scoped to its own village",
  },
};

const writers = (declared: Declarations, role: Role) => CHANNELS.filter((n) => declared[n].meta.writes && declared[n].meta.roles.includes(role)).sort();

/** Declared writes a role may make beyond MAY_WRITE, and MAY_WRITE entries it may no longer make. */
function undeclaredWrites(declared: Declarations, role: Exclude<Role, 'township'>): string[] {
  const want = Object.keys(MAY_WRITE[role]).sort();
  const got: string[] = writers(declared, role);
  return [...got.filter((n) => !want.includes(n)).map((n) => `${n} is writable by ${role}`), ...want.filter((n) => !got.includes(n)).map((n) => `${n} is no longer writable by ${role}`)];
}

const file = { fileName: 'a.xlsx', base64: 'UEsDBA==' };

/** Valid payloads (by schema) for the writing channels the register world does not cover. */
function payloads(w: World): Partial<Record<ChannelName, Record<string, unknown>>> {
  return {
    ...validPayloads(w),
    'villages.importOfficial': { codes: ['450311100200'] },
    'villages.makePackage': { id: w.village.id },
    'cadres.importXlsx': { file, mode: 'valid-only', dryRun: false },
    'floating.importXlsx': { villageId: w.village.id, file, mode: 'valid-only', dryRun: false },
    'projects.importXlsx': { file, mode: 'valid-only', dryRun: false },
    'development.importXlsx': { file, mode: 'valid-only', dryRun: false },
    'stars.importXlsx': { file, mode: 'valid-only', dryRun: false },
    'sync.setDistrictKey': { file: { fileName: 'district.pub', base64: 'e30=' } },
    'sync.confirmDistrictKey': { fingerprint: 'ABCD' },
    'sync.export': { full: true },
    'sync.importReceipt': { file: { fileName: 'a.tlreceipt', base64: 'e30=' } },
    'sync.createDistrictKeys': { passphrase: '口令口令口令口令' },
    'sync.loadDistrictKey': { file: { fileName: 'district.key', base64: 'e30=' }, passphrase: '口令' },
    'sync.preview': { file: { fileName: 'a.tlbundle', base64: 'e30=' }, passphrase: '口令' },
    'sync.apply': { stageId: 'x', confirmKey: true, confirmNewInstallation: true },
    'sync.revokePin': { installationId: 'x', reason: '电脑已报废' },
    'sync.villageExport': {},
    'sync.villageReceipt': { file: { fileName: 'a.tlreceipt', base64: 'e30=' } },
    'sync.villagePreview': { file: { fileName: 'a.tlbundle', base64: 'e30=' } },
    'sync.villageApply': { stageId: 'x', confirmPin: true },
    'sync.villageRevoke': { installationId: 'x', reason: '电脑丢失' },
  };
}

/** Every row of every table, the settings included, and every file beside the database. */
function state(core: Core) {
  const rows = everyRow(core.db);
  const dir = path.dirname(core.file);
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => !f.endsWith('-shm') && !f.endsWith('-wal')).sort();
  return { rows, files, changes: (core.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n };
}

/** The rows of the registers only: what a read may never change (a reveal audits, which is not a change to a register). */
const registers = (core: Core) =>
  Object.fromEntries([...SYNC_TABLES.map((t) => t.name), 'audit_log'].map((name) => [name, core.db.prepare(`SELECT * FROM ${name} ORDER BY rowid`).all()]));

/**
 * Calls every channel that writes and that `role` may not call (as contract.ts declares it) with
 * a valid payload; returns each one not refused by dispatch's role rule, or that wrote anything.
 */
async function unrefused(core: Core, role: Role, w: World, call: Call = dispatch): Promise<string[]> {
  const problems: string[] = [];
  const valid = payloads(w);
  for (const name of CHANNELS) {
    const { meta, input } = contract[name];
    if (!meta.writes || meta.roles.includes(role)) continue;
    const payload = valid[name];
    if (!payload || !input.safeParse(payload).success) {
      problems.push(`${name}: no valid payload in the test`);
      continue;
    }
    const before = state(core);
    const r = await call(core, name, payload);
    if (r.ok) problems.push(`${name}: accepted`);
    else if (r.error.code !== 'read_only' && r.error.code !== 'forbidden_role') problems.push(`${name}: refused as ${r.error.code}, not by its role`);
    else if (!/[\u4e00-\u9fa5]/.test(r.error.message)) problems.push(`${name}: no Chinese message`);
    if (JSON.stringify(state(core)) !== JSON.stringify(before)) problems.push(`${name}: wrote`);
  }
  return problems;
}

/**
 * Channels declared as not writing that change a register row or add an operation-log entry
 * when called with a valid payload (a write there would fail while the start-up check runs).
 */
async function readsThatWrite(core: Core, role: Role, w: World, declared: Declarations): Promise<string[]> {
  const problems: string[] = [];
  const valid = payloads(w);
  const call = dispatcher(declared);
  for (const name of CHANNELS) {
    const { meta } = declared[name];
    if (meta.writes || !meta.roles.includes(role)) continue;
    const before = registers(core);
    await call(core, name, valid[name] ?? {});
    if (JSON.stringify(registers(core)) !== JSON.stringify(before)) problems.push(`${name} is declared read-only but wrote`);
  }
  return problems;
}

/** A township with one row in every register whose installation is then given `role` (reopened, as a restart would). */
async function worldAs(role: Role): Promise<{ core: Core; w: World }> {
  const township = await freshCore();
  const w = await makeWorld(township);
  saveInstallation(township.db, { ...getInstallation(township.db)!, role });
  township.close();
  const core = await freshCore({ file: township.file, setup: false });
  expect(core.role()).toBe(role);
  return { core, w };
}

/** contract.ts with one channel's declaration changed. */
function redeclared(name: ChannelName, change: Partial<Declarations[ChannelName]['meta']>): Declarations {
  return { ...contract, [name]: { ...contract[name], meta: { ...contract[name].meta, ...change } } };
}

describe('channel declarations', () => {
  it("the preload's channel list is generated from them and current (run `npm run gen:channels` after changing one)", () => {
    expect(fs.readFileSync(CHANNELS_FILE, 'utf8')).toBe(renderChannelsFile());
    expect([...CHANNELS]).toEqual(Object.keys(contract));
    // The check can fail: a channel declared but not listed.
    expect(renderChannelsFile([...CHANNELS, 'villages.rename'])).not.toBe(fs.readFileSync(CHANNELS_FILE, 'utf8'));
  });

  it('open no writing channel to the district or the 驻村版 beyond their own settings, backups, lock and (district) import side of sync', () => {
    expect(undeclaredWrites(contract, 'district')).toEqual([]);
    expect(undeclaredWrites(contract, 'village')).toEqual([]);
    // Every role can read what a township reads.
    expect(CHANNELS.filter((n) => !contract[n].meta.writes && contract[n].meta.roles.includes('township') && !contract[n].meta.roles.includes('village'))).toEqual([]);
    // Reads only the district makes: its pinned PCs, and what it hands on about its townships.
    expect(CHANNELS.filter((n) => !contract[n].meta.roles.includes('township') && !contract[n].meta.writes).sort()).toEqual(['dashboard.exportTownships', 'reports.exportNotice', 'reports.notice', 'sync.pins']);
  });

  it('a wrong declaration is reported', () => {
    expect(undeclaredWrites(redeclared('villages.create', { roles: ALL_ROLES }), 'district')).toEqual(['villages.create is writable by district']);
    expect(undeclaredWrites(redeclared('backup.create', { roles: ['township'] }), 'village')).toEqual(['backup.create is no longer writable by village']);
  });
});

describe('dispatch enforces the declared roles', () => {
  for (const role of ['district', 'village', 'township'] as const) {
    it(`refuses every writing channel not declared for the ${role} before its handler, writing nothing`, async () => {
      const { core, w } = await worldAs(role);
      expect(await unrefused(core, role, w)).toEqual([]);
    }, 60_000);
  }

  it('keeps the read-only wording of the district, and names who may call a channel otherwise', async () => {
    const district = await worldAs('district');
    expect(await dispatch(district.core, 'villages.create', { name: 'x' })).toEqual({ ok: false, error: { code: 'read_only', message: '区县模式下数据只读，请在乡镇端修改后同步。' } });
    const village = await worldAs('village');
    expect(await dispatch(village.core, 'sync.pins', {})).toEqual({ ok: false, error: { code: 'forbidden_role', message: '此操作只能由区县组织部进行。' } });
    // The 驻村版 reads what a township reads.
    expect(await dispatch(village.core, 'villages.list', {})).toMatchObject({ ok: true, value: { total: 1 } });
    expect(await dispatch(village.core, 'cadres.get', { id: village.w.cadre.id })).toMatchObject({ ok: true, value: { name: '李明' } });
  });

  it('before setup, a channel for some roles only is refused as not set up, not crashed', async () => {
    const core = await freshCore({ setup: false });
    for (const name of ['sync.createDistrictKeys', 'sync.loadDistrictKey', 'sync.pins', 'sync.export'] as const) {
      expect(await dispatch(core, name, {}), name).toMatchObject({ ok: false, error: { code: 'not_setup' } });
    }
  });

  it('the sweep catches a dispatch that lets a role through (a declaration opened to the district)', async () => {
    const { core, w } = await worldAs('district');
    const lax = dispatcher(redeclared('villages.create', { roles: ALL_ROLES }));
    expect(await unrefused(core, 'district', w, lax)).toEqual(['villages.create: accepted', 'villages.create: wrote']);
  });

  it('no channel declared as reading changes a register, and one wrongly declared so is caught', async () => {
    const { core, w } = await worldAs('township');
    expect(await readsThatWrite(core, 'township', w, contract)).toEqual([]);
    expect(await readsThatWrite(core, 'township', w, redeclared('villages.create', { writes: false }))).toEqual(['villages.create is declared read-only but wrote']);
  }, 60_000);
});
