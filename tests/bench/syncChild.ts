import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { openStore } from '../../db/open';
import { SYNC_TABLES } from '../../db/tables';
import { openCore } from '../../electron/core';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { importEach } from '../../electron/sync/importMany';
import { openDistrictKeys } from '../../electron/sync/keys';
import { measure, type Measured } from './rss';

/**
 * The sync measurements each run in a child process of their own (issue 16, item 7): the bench
 * process holds the lists' and the store's caches (some 1.5 GB at scale 1), so its peak RSS said
 * nothing about an export or an import. The child opens the files itself, resets its kernel
 * high-water mark after loading its modules, runs the one operation and reports it over IPC.
 * Its peak RSS therefore includes Node, the TypeScript loader and the modules (the `baseMb`
 * figure: RSS just before the run), as the app's own process would hold them.
 */

export type ChildJob =
  | { op: 'export'; townFile: string; outDir: string }
  | { op: 'rawExport'; townFile: string; out: string }
  | { op: 'import'; districtFile: string; secretFile: string; passphrase: string; bundle: string }
  | { op: 'rawImport'; townFile: string; destFile: string }
  | { op: 'importMany'; districtFile: string; secretFile: string; passphrase: string; bundles: string[] };

export interface ChildAnswer {
  measured: Omit<Measured<unknown>, 'result'> & { baseMb: number };
  /** Rows handled (the bare pipelines count their own). */
  rows: number;
  /** The bundle written (export), or what the receipt needs (import). */
  file?: string;
  header?: unknown;
  hash?: string;
}

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

const bundleRows = (counts: Record<string, { rows: number }>) => Object.values(counts).reduce((a, c) => a + c.rows, 0);

/** The job itself, in the child: files opened here, only the operation measured. */
async function run(job: ChildJob): Promise<ChildAnswer> {
  const base = process.memoryUsage().rss / (1024 * 1024);
  const answer = (m: Measured<unknown>, rest: Omit<ChildAnswer, 'measured'>): ChildAnswer => ({
    measured: { ms: m.ms, peakRssMb: m.peakRssMb, growthMb: m.growthMb, method: m.method, baseMb: base },
    ...rest,
  });
  switch (job.op) {
    case 'export': {
      const town = await openCore(job.townFile);
      try {
        const m = await measure(() => exportBundle(town, { dir: job.outDir, full: true }));
        return answer(m, { rows: bundleRows(m.result.header.counts), file: m.result.file });
      } finally {
        town.close();
      }
    }
    case 'rawExport': {
      const m = await measure(() => rawExport(job.townFile, job.out));
      return answer(m, { rows: m.result });
    }
    case 'import': {
      const district = await openCore(job.districtFile);
      try {
        const keys = openDistrictKeys(job.secretFile, job.passphrase);
        const m = await measure(async () => {
          const staged = await stageBundle(district, job.bundle, keys);
          applyStaged(district, staged);
          return staged;
        });
        return answer(m, { rows: bundleRows(m.result.header.counts), header: m.result.header, hash: m.result.hash });
      } finally {
        district.close();
      }
    }
    case 'importMany': {
      // A district receiving every township's first bundle in one sitting: each verified,
      // staged, checked and applied in turn, through the CLI's own loop over several files
      // (the WAL checkpointed in a worker between bundles, electron/sync/importMany.ts).
      const district = await openCore(job.districtFile);
      try {
        const keys = openDistrictKeys(job.secretFile, job.passphrase);
        let rows = 0;
        const m = await measure(async () => {
          await importEach(district, job.bundles, keys, async (bundle) => {
            const staged = await stageBundle(district, bundle, keys);
            applyStaged(district, staged);
            rows += bundleRows(staged.header.counts);
          });
        });
        return answer(m, { rows });
      } finally {
        district.close();
      }
    }
    case 'rawImport': {
      const m = await measure(() => rawImport(job.townFile, job.destFile));
      return answer(m, { rows: m.result });
    }
  }
}

const SELF = fileURLToPath(import.meta.url);

/**
 * This file as the child runs it: through the same TypeScript loader as the bench, or the unit
 * tests' one-time build of it (TL_BENCH_CHILD_BUNDLE, tests/helpers/cliBundle.ts), which spares
 * each child compiling the sync code again; the figures are of the operation alone either way.
 */
function childArgv(): { file: string; execArgv: string[] } {
  const bundle = process.env.TL_BENCH_CHILD_BUNDLE;
  return bundle && fs.existsSync(bundle) ? { file: bundle, execArgv: [] } : { file: SELF, execArgv: ['--import', 'tsx'] };
}

/** Runs `job` in a fresh Node process and returns its answer. */
export function inChild(job: ChildJob): Promise<ChildAnswer> {
  return new Promise((resolve, reject) => {
    const { file, execArgv } = childArgv();
    const child = fork(file, [], { execArgv, stdio: ['ignore', 2, 2, 'ipc'] });
    let answer: ChildAnswer | { error: string } | null = null;
    child.on('message', (m: ChildAnswer | { error: string }) => (answer = m));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (answer && 'error' in answer) reject(new Error(`bench: ${job.op} in its child failed: ${answer.error}`));
      else if (answer) resolve(answer);
      else reject(new Error(`bench: ${job.op} child exited (${code}) without an answer`));
    });
    child.send(job);
  });
}

if (process.argv[1] === SELF && process.send) {
  process.once('message', (job: ChildJob) => {
    run(job).then(
      (a) => process.send!(a, () => process.exit(0)),
      (err: Error) => process.send!({ error: err.stack ?? err.message }, () => process.exit(1)),
    );
  });
}
