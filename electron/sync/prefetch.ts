import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { driver } from '../../db/checkWorker';
import { processAlive } from '../../db/instance';
import { loadStage } from '../../db/syncStage';
import type { Core } from '../core';
import { readEnvelope, refuse, type AnyHeader, type Envelope } from './format';
import type { DistrictKeys } from './keys';
import { openKey } from './seal';
import { indexUnique, payloadPlace, storedTables, type StagedElsewhere, type StageTables } from './stage';
import type { StageAnswer, StageJob } from './stageWorker';

/**
 * The next bundle of a multi-file import staged in a worker thread while the current one is
 * previewed and applied (electron/sync/importMany.ts): decrypted, decompressed, parsed and
 * checked line by line by stage.ts's own code (stageWorker.ts), into a staging file beside the
 * store that the import's connection then copies into its TEMP staging in one statement. The
 * import's thread, which applies, no longer parses or checks a line of it: at bench scale 1 that
 * was some 2 s of each township's 6.
 *
 * Earlier (session 32) the checks ran in a worker that posted the checked rows back, and the
 * copying across threads cost what the checks saved; only the worker's answer crosses now.
 *
 * A staging is used only for the very envelope stageBundle then reads and verifies (same file,
 * header bytes, tag, offsets and content key) and the store's columns as they were given to the
 * worker; the worker's refusal stands as the thread's would (same code, same message, same
 * line). A worker that fails in any other way (out of memory, a build without its worker file,
 * a file it could not write) is not the bundle's fault: the thread stages the payload itself,
 * from the start, as a single-file import does.
 *
 * The staging file holds the bundle's rows in plain text as the store beside it does; it is
 * removed as soon as it is copied or dropped, and one left by a process that died is removed by
 * the next multi-file import (sweepStageFiles).
 */

/** Loads the worker's module (the sources through tsx's loader, or the built file) and runs it. */
const PRELUDE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
(async () => {
  if (workerData.tsx) (await import(pathToFileURL(workerData.tsx).href)).register();
  const m = workerData.entry.endsWith('.cjs') ? require(workerData.entry) : await import(pathToFileURL(workerData.entry).href);
  await m.runStage(workerData.job);
})().catch((err) => parentPort.postMessage({ failed: String((err && err.message) || err) }));
`;

let entryFound: { entry: string; tsx?: string } | null | undefined;

/**
 * The worker's module: beside the sources (under tsx or vitest), or built beside the running
 * bundle as `<bundle>.stage-worker.cjs|mjs` (main.cjs, start.mjs), unpacked from the asar. None
 * (a bundle built without it): every bundle is staged in the thread.
 */
function workerEntry(): { entry: string; tsx?: string } | null {
  if (entryFound !== undefined) return entryFound;
  entryFound = null;
  try {
    const self = fileURLToPath(import.meta.url);
    if (self.endsWith('.ts')) {
      // tsx's ESM API, which registers its loader in the worker (resolved as `import` would).
      const tsx = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
      entryFound = { entry: path.join(path.dirname(self), 'stageWorker.ts'), tsx };
    } else {
      const ext = path.extname(self);
      const entry = path.join(path.dirname(self), `${path.basename(self, ext)}.stage-worker${ext}`).replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
      if (fs.existsSync(entry)) entryFound = { entry };
    }
  } catch {
    // No worker: staged in the thread.
  }
  return entryFound;
}

let made = 0;
const stageFilePattern = (store: string) => new RegExp(`^\\.${escapeRe(path.basename(store))}\\.stage-(\\d+)-\\d+$`);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Staging files left beside the store by a process no longer running (killed mid-import). */
export function sweepStageFiles(store: string): void {
  const dir = path.dirname(store);
  const pattern = stageFilePattern(store);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!pid || pid === process.pid || processAlive(pid)) continue;
    fs.rmSync(path.join(dir, name), { force: true });
  }
}

interface Pending {
  file: string;
  env: Envelope<AnyHeader>;
  key: Buffer;
  staged: StagedElsewhere & { remove(): Promise<void> };
}

const pending = new Map<string, Pending>();

function stageInWorker(core: Core, env: Envelope<AnyHeader>, key: Buffer): Pending['staged'] | null {
  const where = workerEntry();
  if (!where) return null;
  const out = path.join(path.dirname(core.file), `.${path.basename(core.file)}.stage-${process.pid}-${++made}`);
  // A file of that name can only be a dead process's under a reused pid: the worker writes a new one.
  fs.rmSync(out, { force: true });
  const columns = storedTables(core.db);
  const job: StageJob = { ...driver(), out, place: payloadPlace(env), key: new Uint8Array(key), header: env.header, columns };
  const worker = new Worker(PRELUDE, { eval: true, workerData: { ...where, job } });
  let answer: StageAnswer | null = null;
  worker.on('message', (m: StageAnswer) => (answer ??= m));
  worker.on('error', (err) => (answer ??= { failed: err.message }));
  // Settles once the worker has ended, so its file is complete or no longer written.
  const ended = new Promise<StageAnswer>((resolve) => worker.once('exit', () => resolve(answer ?? { failed: 'stage worker ended early' })));
  // The file goes once it has been copied or the staging dropped, and the worker has ended.
  let removed: Promise<void> | null = null;
  const remove = () => (removed ??= ended.then(() => fs.rmSync(out, { force: true })));
  return {
    remove,
    stop: () => {
      void worker.terminate();
      void remove();
    },
    async into(db: Database, tables: StageTables) {
      const a = await ended;
      try {
        if ('refusal' in a) throw refuse(a.refusal.code, a.refusal.message);
        if ('failed' in a) return null;
        const now = Object.fromEntries([...tables].map(([name, { cols }]) => [name, cols]));
        if (JSON.stringify(now) !== JSON.stringify(columns)) return null;
        loadStage(db, out);
        indexUnique(db);
        return a.done;
      } catch (err) {
        if ((err as { code?: string }).code && 'refusal' in a) throw err;
        // Not copied whole (a full disk, say): the thread stages it again and meets it itself.
        return null;
      } finally {
        await remove();
      }
    },
  };
}

/**
 * Starts staging `file` in a worker if its envelope reads and opens with the district's key;
 * otherwise does nothing (stageBundle then refuses it with the reason, as for any file).
 */
export function prefetch(core: Core, file: string, keys: DistrictKeys): void {
  if (pending.has(file)) return;
  try {
    const env = readEnvelope(file);
    const key = openKey(env.header, keys.x25519, keys.public.x25519);
    const staged = stageInWorker(core, env, key);
    if (staged) pending.set(file, { file, env, key, staged });
  } catch {
    // Refused later, in order, by stageBundle itself.
  }
}

/** The worker's staging of exactly this envelope with this key, if it was prefetched. */
export function takePrefetched(env: Envelope<AnyHeader>, key: Buffer): StagedElsewhere | null {
  const p = pending.get(env.file);
  if (!p) return null;
  pending.delete(env.file);
  const same =
    p.env.payloadStart === env.payloadStart &&
    p.env.tagStart === env.tagStart &&
    p.env.size === env.size &&
    p.env.headerBytes.equals(env.headerBytes) &&
    p.env.tag.equals(env.tag) &&
    p.key.equals(key);
  if (same) return p.staged;
  p.staged.stop();
  return null;
}

/** Ends the stagings not taken (a bundle refused before its staging): `file`'s, or all; resolves once their files are gone. */
export async function dropPrefetched(file?: string): Promise<void> {
  const gone: Promise<void>[] = [];
  for (const p of pending.values()) {
    if (file !== undefined && p.file !== file) continue;
    p.staged.stop();
    gone.push(p.staged.remove());
    pending.delete(p.file);
  }
  await Promise.all(gone);
}
