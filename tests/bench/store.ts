import Sqlite, { type Database } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { applyPragmas } from '../../db/open';
import { currentSeq } from '../../db/sync';
import type { ChannelName } from '../../electron/api/channels';
import { dispatch } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';
import { Rng } from '../../electron/seed/random';
import { contactPayloads, cadrePayloads, logPayloads, memberPayloads, projectPayloads, villagePayloads } from './storeInputs';

/**
 * store: rows per second through the app's own write path — dispatch (zod validation), the
 * service's checks, the change sequence and the audit entry, one call and one committed
 * transaction per row as a clerk saves them — against raw better-sqlite3 prepared INSERTs of
 * the very rows the app stored (every column) into a copy of the app's database as it was
 * before (the same size, the same indexes to update: an empty schema flattered raw) with the
 * same pragmas, in the same run: once committed per row (the same durability), once in a single
 * transaction (the floor).
 */

export interface StoreFigure {
  register: string;
  label: string;
  rows: number;
  appRowsPerSec: number;
  rawRowsPerSec: number;
  /** raw per-row ÷ app: how many times the app's layers cost over the bare insert. */
  ratio: number;
  rawBatchRowsPerSec: number;
}

export interface StoreResult {
  sampleRows: number;
  registers: StoreFigure[];
  /** The app path for work logs under synchronous=FULL (as shipped) and NORMAL. */
  synchronous: { register: string; fullRowsPerSec: number; normalRowsPerSec: number; ratio: number };
}

interface Case {
  register: string;
  label: string;
  table: string;
  channel: ChannelName;
  payloads: (n: number, round: number) => Record<string, unknown>[];
}

function cases(core: Core, rng: Rng): Case[] {
  const year = core.now().getFullYear();
  return [
    { register: 'villages', label: '村（社区）', table: 'villages', channel: 'villages.create', payloads: (n) => villagePayloads(rng, n, year) },
    { register: 'cadres', label: '驻村干部', table: 'cadres', channel: 'cadres.create', payloads: (n) => cadrePayloads(core, rng, n) },
    { register: 'workLogs', label: '驻村日志', table: 'work_logs', channel: 'cadres.saveLog', payloads: (n, round) => logPayloads(core, rng, n, round) },
    { register: 'floating', label: '流动党员', table: 'floating_members', channel: 'floating.create', payloads: (n) => memberPayloads(core, rng, n) },
    { register: 'contacts', label: '联系记录', table: 'contact_records', channel: 'floating.addRecord', payloads: (n) => contactPayloads(core, rng, n) },
    { register: 'projects', label: '一村一项目', table: 'projects', channel: 'projects.create', payloads: (n) => projectPayloads(core, rng, n, year) },
  ];
}

const perSec = (rows: number, ms: number) => rows / (Math.max(ms, 0.001) / 1000);

async function appPath(core: Core, c: Case, payloads: Record<string, unknown>[]): Promise<number> {
  const started = performance.now();
  for (const p of payloads) {
    const r = await dispatch(core, c.channel, p);
    if (!r.ok) throw new Error(`bench: ${c.channel} refused a seeded payload: ${r.error.message}`);
  }
  return performance.now() - started;
}

/** Copies the rows `rows` reference (recursively) from `src` to `dst`, so foreign keys hold there too. */
function copyParents(src: Database, dst: Database, table: string, rows: Record<string, unknown>[]): void {
  const fks = src.pragma(`foreign_key_list(${table})`) as { table: string; from: string; to: string | null }[];
  for (const fk of fks) {
    const ids = [...new Set(rows.map((r) => r[fk.from]).filter((v) => v !== null && v !== undefined))];
    if (!ids.length) continue;
    const to = fk.to ?? 'id';
    const parents: Record<string, unknown>[] = [];
    const get = src.prepare(`SELECT * FROM ${fk.table} WHERE ${to} = ?`);
    for (const id of ids) parents.push(...(get.all(id) as Record<string, unknown>[]));
    copyParents(src, dst, fk.table, parents);
    insertAll(dst, fk.table, parents, 'OR IGNORE');
  }
}

function insertSql(table: string, row: Record<string, unknown>, or = ''): string {
  const cols = Object.keys(row);
  return `INSERT ${or} INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`;
}

function insertAll(db: Database, table: string, rows: Record<string, unknown>[], or = ''): void {
  if (!rows.length) return;
  const stmt = db.prepare(insertSql(table, rows[0]!, or));
  db.transaction(() => rows.forEach((r) => stmt.run(r)))();
}

/** Raw prepared inserts of `rows`: committed one by one, then (after removing them) in one transaction. */
function rawPath(raw: Database, table: string, rows: Record<string, unknown>[]): { perRowMs: number; batchMs: number } {
  const stmt = raw.prepare(insertSql(table, rows[0]!));
  let started = performance.now();
  for (const r of rows) stmt.run(r);
  const perRowMs = performance.now() - started;
  const del = raw.prepare(`DELETE FROM ${table} WHERE id = ?`);
  raw.transaction(() => rows.forEach((r) => del.run(r.id)))();
  started = performance.now();
  raw.transaction(() => rows.forEach((r) => stmt.run(r)))();
  return { perRowMs, batchMs: performance.now() - started };
}

/** A file copy of the app's database (its WAL copied in first), opened with the app's pragmas. */
function sameSizeCopy(core: Core, file: string): Database {
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  fs.copyFileSync(core.file, file);
  const db = new Sqlite(file);
  applyPragmas(db);
  return db;
}

export async function benchStore(core: Core, dir: string, sampleRows: number): Promise<StoreResult> {
  const rng = new Rng('bench-store');
  const rawFile = path.join(dir, 'raw-store.db');
  const raw = sameSizeCopy(core, rawFile);
  const registers: StoreFigure[] = [];
  let synchronous: StoreResult['synchronous'] | null = null;
  try {
    for (const c of cases(core, rng)) {
      const payloads = c.payloads(sampleRows, 0);
      const before = currentSeq(core.db);
      const appMs = await appPath(core, c, payloads);
      const rows = core.db.prepare(`SELECT * FROM ${c.table} WHERE seq > ? ORDER BY seq`).all(before) as Record<string, unknown>[];
      copyParents(core.db, raw, c.table, rows);
      const { perRowMs, batchMs } = rawPath(raw, c.table, rows);
      const app = perSec(payloads.length, appMs);
      const rawRate = perSec(rows.length, perRowMs);
      registers.push({ register: c.register, label: c.label, rows: payloads.length, appRowsPerSec: app, rawRowsPerSec: rawRate, ratio: rawRate / app, rawBatchRowsPerSec: perSec(rows.length, batchMs) });
      if (c.register === 'workLogs') synchronous = await normalFigure(core, c, sampleRows, app);
    }
  } finally {
    raw.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${rawFile}${suffix}`, { force: true });
  }
  return { sampleRows, registers, synchronous: synchronous! };
}

/** The same app path with synchronous=NORMAL (a commit may be lost at a power cut, never corrupted). */
async function normalFigure(core: Core, c: Case, n: number, full: number): Promise<StoreResult['synchronous']> {
  const payloads = c.payloads(n, 1);
  const was = core.db.pragma('synchronous', { simple: true }) as number;
  core.db.pragma('synchronous = NORMAL');
  try {
    const normal = perSec(payloads.length, await appPath(core, c, payloads));
    return { register: c.register, fullRowsPerSec: full, normalRowsPerSec: normal, ratio: normal / full };
  } finally {
    core.db.pragma(`synchronous = ${was}`);
  }
}
