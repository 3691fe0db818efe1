import { randomBytes } from 'node:crypto';
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
import { readEnvelope, type AnyHeader, type Envelope } from './format';
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
 * header bytes, tag, offsets and content key), staged from the very bytes whose signature was
 * checked (the worker hashes the whole file as it reads it) and against the store's columns as
 * they are. Anything else the thread stages itself, from the start, as a single-file import
 * does: a worker that failed (out of memory, a build without its worker file, a file it could
 * not read or write) or refused the file (its refusal, made before the file's end, cannot be
 * tied to the verified bytes; the thread's is the same, word for word).
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
  const m = await import(pathToFileURL(workerData.entry).href);
  await m.runStage(workerData.job);
})().catch((err) => parentPort.postMessage({ failed: String((err && err.message) || err) }));
`;

let entryFound: { entry: string; tsx?: string } | null | undefined;

/**
 * The worker's module: beside the sources (under tsx or vitest: `npm run cli`, the bench), or
 * built beside the running ES-module bundle as `<bundle>.stage-worker.mjs` (the tests' CLI and
 * bench children, tests/helpers/cliBundle.ts). None (a bundle built without it): every bundle
 * is staged in the thread. The app's own bundles never run a multi-file import.
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
      const entry = path.join(path.dirname(self), `${path.basename(self, ext)}.stage-worker${ext}`);
      if (fs.existsSync(entry)) entryFound = { entry };
    }
  } catch {
    // No worker: staged in the thread.
  }
  return entryFound;
}

const stageFilePattern = (store: string) => new RegExp(`^\\.${escapeRe(path.basename(store))}\\.stage-(\\d+)-[0-9a-f]+$`);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** This process's staging files not yet removed. */
const live = new Set<string>();
/** Their removals under way, which dropPrefetched() waits for. */
const removals = new Set<Promise<void>>();

/**
 * Staging files left beside the store by an import that died: a process no longer running, or
 * this one under a pid a container hands out again (none of this process's own is live).
 */
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
    const file = path.join(dir, name);
    const pid = Number(pattern.exec(name)?.[1]);
    if (!pid || live.has(file) || (pid !== process.pid && processAlive(pid))) continue;
    fs.rmSync(file, { force: true });
  }
}

interface Pending {
  file: string;
  env: Envelope<AnyHeader>;
  key: Buffer;
  staged: StagedElsewhere & { remove(): Promise<void> };
}

const pending = new Map<string, Pending>();

/** Settles when the worker before has ended: one staging worker at a time, beside the import's thread. */
let previous: Promise<unknown> = Promise.resolve();

function stageInWorker(core: Core, env: Envelope<AnyHeader>, key: Buffer): Pending['staged'] | null {
  const where = workerEntry();
  if (!where) return null;
  const out = path.join(path.dirname(core.file), `.${path.basename(core.file)}.stage-${process.pid}-${randomBytes(6).toString('hex')}`);
  live.add(out);
  const columns = storedTables(core.db);
  const job: StageJob = { ...driver(), out, place: payloadPlace(env), key: new Uint8Array(key), header: env.header, columns };
  let worker: Worker | null = null;
  let stopped = false;
  // Settles once the worker has ended (or was stopped before it started), so its file is
  // complete or no longer written.
  const ended = previous.then(
    () =>
      new Promise<StageAnswer>((resolve) => {
        if (stopped) return resolve({ failed: 'stopped' });
        let answer: StageAnswer | null = null;
        const w = new Worker(PRELUDE, { eval: true, workerData: { ...where, job } });
        worker = w;
        w.on('message', (m: StageAnswer) => {
          answer ??= m;
          // Its answer is its last word (the file written and closed): it is not waited for to exit.
          void w.terminate();
        });
        w.on('error', (err) => (answer ??= { failed: err.message }));
        w.once('exit', () => resolve(answer ?? { failed: 'stage worker ended early' }));
      }),
  );
  previous = ended;
  // The file goes once it has been copied or the staging dropped, and the worker has ended.
  let removed: Promise<void> | null = null;
  const remove = () => {
    if (!removed) {
      const r = ended.then(() => {
        fs.rmSync(out, { force: true });
        live.delete(out);
      });
      removals.add(r);
      removed = r.finally(() => removals.delete(r));
    }
    return removed;
  };
  return {
    remove,
    stop: () => {
      stopped = true;
      void (worker as Worker | null)?.terminate();
      void remove();
    },
    async into(db: Database, tables: StageTables, verified: string) {
      const a = await ended;
      try {
        // Taken only as staged from the very bytes whose signature was checked, against the
        // store's columns as they are now. Anything else, a refusal included, the thread stages
        // (and refuses) itself: a refusal ends the worker's reading before the file's end, so
        // it cannot be tied to those bytes.
        const now = Object.fromEntries([...tables].map(([name, { cols }]) => [name, cols]));
        if (!('done' in a) || a.hash !== verified || JSON.stringify(now) !== JSON.stringify(columns)) return null;
        loadStage(db, out);
        indexUnique(db);
        return a.done;
      } catch {
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

/**
 * Ends the stagings not taken (a bundle refused before its staging): `file`'s, or all; resolves
 * once their files are gone (with no `file`, every staging file of this process).
 */
export async function dropPrefetched(file?: string): Promise<void> {
  const gone: Promise<void>[] = [];
  for (const p of pending.values()) {
    if (file !== undefined && p.file !== file) continue;
    p.staged.stop();
    gone.push(p.staged.remove());
    pending.delete(p.file);
  }
  if (file === undefined) gone.push(...removals);
  await Promise.all(gone);
}
