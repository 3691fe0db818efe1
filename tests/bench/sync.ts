import Database from 'better-sqlite3';
import { createCipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { openStore } from '../../db/open';
import { SYNC_TABLES } from '../../db/tables';
import { openCore, type Core } from '../../electron/core';
import { localDay } from '../../electron/domain/dates';
import { memberInput } from '../../electron/seed/floating';
import { Rng } from '../../electron/seed/random';
import { seedVillages } from '../../electron/seed/villages';
import { createMember } from '../../electron/services/floating';
import { completeSetup } from '../../electron/services/setup';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { createDistrictKeys, openDistrictKeys, type DistrictKeys } from '../../electron/sync/keys';
import { importReceipt, writeReceipt } from '../../electron/sync/receipt';
import { confirmDistrictKey, setDistrictPublic } from '../../electron/sync/state';
import { buildDataset, targetsFor } from './dataset';
import { percentile } from './lists';
import { measure, type Measured } from './rss';

/**
 * sync: the district-sized dataset arrives as one bundle per township, so the bundle measured is
 * one township's share (a district of 15 townships: at scale 1 some 20 villages and 120,000
 * rows), built with the same generators. Its full export (the township's first bundle) and the
 * district's import run as the app does them (electron/sync: stream, gzip, AES-256-GCM, sign,
 * fsync, read back; stage, check, preview, apply in one transaction), against the bare
 * pipelines on the same rows in the same run; then 50 small incremental bundles of the same
 * township imported one after another, each acknowledged by its receipt so the next one carries
 * only new changes.
 */

/** One direction, the app against the bare pipeline on the same rows; ratio = raw ÷ app. */
export interface SyncSide {
  appRowsPerSec: number;
  rawRowsPerSec: number;
  ratio: number;
  appPeakRssMb: number;
  rawPeakRssMb: number;
  appRssGrowthMb: number;
  rawRssGrowthMb: number;
  appSeconds: number;
}

export interface SyncFigures {
  /** The township whose bundles are measured: one of a district's townships, its share of the dataset. */
  township: { code: string; name: string; share: string; buildSeconds: number };
  rows: number;
  bundleBytes: number;
  rssMethod: string;
  export: SyncSide;
  import: SyncSide;
  bundles50: { bundles: number; rowsEach: number; totalMs: number; p50Ms: number; p95Ms: number };
}

const PASSPHRASE = 'bench-district-passphrase';
const BATCH = 2000;

/** select + JSON + gzip + AES-256-GCM of every synced row, nothing else (no signature, fsync or read-back). */
async function rawExport(dbFile: string, out: string): Promise<number> {
  const reader = new Database(dbFile, { readonly: true, fileMustExist: true });
  let rows = 0;
  async function* lines() {
    for (const t of SYNC_TABLES) {
      const stmt = reader.prepare(`SELECT * FROM ${t.name} WHERE seq > ? ORDER BY seq LIMIT ${BATCH}`);
      for (let after = 0; ; ) {
        const batch = stmt.all(after) as { seq: number }[];
        if (!batch.length) break;
        yield batch.map((row) => JSON.stringify({ table: t.name, row })).join('\n') + '\n';
        after = batch[batch.length - 1]!.seq;
        rows += batch.length;
      }
    }
  }
  try {
    reader.exec('BEGIN');
    const cipher = createCipheriv('aes-256-gcm', randomBytes(32), randomBytes(12));
    await pipeline(Readable.from(lines()), createGzip(), cipher, fs.createWriteStream(out));
    reader.exec('COMMIT');
  } finally {
    reader.close();
  }
  return rows;
}

/** Prepared inserts of the same rows into an empty copy of the schema, in one transaction as the import applies. */
async function rawImport(srcFile: string, destFile: string): Promise<number> {
  const src = new Database(srcFile, { readonly: true, fileMustExist: true });
  const { db } = await openStore(destFile);
  let rows = 0;
  try {
    db.transaction(() => {
      for (const t of SYNC_TABLES) {
        const cols = (db.pragma(`table_info(${t.name})`) as { name: string }[]).map((c) => c.name);
        const insert = db.prepare(`INSERT INTO ${t.name} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`);
        for (const row of src.prepare(`SELECT * FROM ${t.name} ORDER BY seq`).iterate()) {
          insert.run(row as Record<string, unknown>);
          rows++;
        }
      }
    })();
  } finally {
    db.close();
    src.close();
  }
  return rows;
}

interface District {
  core: Core;
  keys: DistrictKeys;
  publicFile: string;
}

async function openDistrict(dir: string): Promise<District> {
  const core = await openCore(path.join(dir, 'district.db'));
  completeSetup(core, { role: 'district', code: '450311', name: '雁山区委组织部', operator: '李四', importVillages: [] });
  const files = createDistrictKeys('450311', '雁山区委组织部', PASSPHRASE);
  return { core, keys: openDistrictKeys(files.secretFile, PASSPHRASE), publicFile: files.publicFile };
}

async function importFile(d: District, file: string) {
  const staged = await stageBundle(d.core, file, d.keys);
  return { staged, summary: applyStaged(d.core, staged) };
}

/** One township of a district of this many: the sync bundle is one township's share of the dataset. */
export const TOWNSHIPS_PER_DISTRICT = 15;
const SYNC_TOWNSHIP = { code: '450311101', name: '柘木镇' };

/** After its full bundle, the township sends `count` bundles of a few new rows each; each is imported and acknowledged. */
async function incrementalBundles(d: District, town: Core, dir: string, count: number): Promise<SyncFigures['bundles50']> {
  const rng = new Rng('bench-bundles');
  const year = town.now().getFullYear();
  const today = localDay(town.now());
  const times: number[] = [];
  let rowsEach = 0;
  for (let i = 0; i < count; i++) {
    town.db.transaction(() => {
      seedVillages(town, rng, 1, year);
      const village = (town.db.prepare('SELECT id FROM villages ORDER BY seq DESC LIMIT 1').get() as { id: string }).id;
      for (let k = 0; k < 4; k++) {
        const input = memberInput(rng, village, today);
        if (!town.db.prepare('SELECT 1 FROM floating_members WHERE id_number = ? AND deleted_at IS NULL').get(input.idNumber)) createMember(town, input);
      }
    })();
    const out = await exportBundle(town, { dir: path.join(dir, 'bundles') });
    rowsEach = Object.values(out.header.counts).reduce((a, c) => a + c.rows, 0);
    const started = performance.now();
    const { staged } = await importFile(d, out.file);
    times.push(performance.now() - started);
    acknowledge(d, town, staged, dir);
  }
  const total = times.reduce((a, b) => a + b, 0);
  times.sort((a, b) => a - b);
  return { bundles: count, rowsEach, totalMs: total, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) };
}

/** The district's signed receipt, imported at the township so its next export starts after it. */
function acknowledge(d: District, town: Core, staged: Awaited<ReturnType<typeof stageBundle>>, dir: string): void {
  importReceipt(town, fs.readFileSync(writeReceipt(d.core, d.keys, staged.header, staged.hash, path.join(dir, 'receipts')), 'utf8'));
}

const rate = (rows: number, m: Measured<unknown>) => rows / (Math.max(m.ms, 0.001) / 1000);

/** The township's database: one district's share of the dataset at `scale`, reopened with the app's settings. */
async function syncTownship(dir: string, scale: number): Promise<{ core: Core; seconds: number }> {
  const file = path.join(dir, 'township-sync.db');
  const built = await buildDataset(file, targetsFor(scale / TOWNSHIPS_PER_DISTRICT), { seed: 'bench-sync', township: SYNC_TOWNSHIP });
  built.core.close();
  return { core: await openCore(file), seconds: built.seconds };
}

export async function benchSync(dir: string, scale: number, bundles = 50): Promise<SyncFigures> {
  const district = await openDistrict(dir);
  const { core: town, seconds } = await syncTownship(dir, scale);
  try {
    confirmDistrictKey(town, setDistrictPublic(town, district.publicFile).fingerprint);
    const appExport = await measure(() => exportBundle(town, { dir: path.join(dir, 'exports'), full: true }));
    const rows = Object.values(appExport.result.header.counts).reduce((a, c) => a + c.rows, 0);
    const rawExp = await measure(() => rawExport(town.file, path.join(dir, 'raw-export.bin')));
    const appImport = await measure(() => importFile(district, appExport.result.file));
    const rawImp = await measure(() => rawImport(town.file, path.join(dir, 'raw-import.db')));
    acknowledge(district, town, appImport.result.staged, dir);
    const side = (app: Measured<unknown>, raw: Measured<number>): SyncSide => ({
      appRowsPerSec: rate(rows, app),
      rawRowsPerSec: rate(raw.result, raw),
      ratio: rate(raw.result, raw) / rate(rows, app),
      appPeakRssMb: app.peakRssMb,
      rawPeakRssMb: raw.peakRssMb,
      appRssGrowthMb: app.growthMb,
      rawRssGrowthMb: raw.growthMb,
      appSeconds: app.ms / 1000,
    });
    return {
      township: { ...SYNC_TOWNSHIP, share: `1/${TOWNSHIPS_PER_DISTRICT}`, buildSeconds: seconds },
      rows,
      bundleBytes: fs.statSync(appExport.result.file).size,
      rssMethod: appExport.method,
      export: side(appExport, rawExp),
      import: side(appImport, rawImp),
      bundles50: await incrementalBundles(district, town, dir, bundles),
    };
  } finally {
    town.close();
    district.core.close();
  }
}
