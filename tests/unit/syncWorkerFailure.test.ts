import fs from 'node:fs';
import path from 'node:path';
import type * as WorkerThreads from 'node:worker_threads';
import type { WorkerOptions } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { importEach } from '../../electron/sync/importMany';
import { backgroundCheckpoints } from '../../db/backgroundCheckpoint';
import { districtKeys, syncedRows } from '../helpers/sync';
import { district, exported, township } from '../helpers/trust';
import { tempDir } from '../helpers/tmp';
import { memberInput, ok, validId } from './floating.helpers';

/**
 * The worker threads of a multi-file import (the WAL's checkpoints, the next bundle's staging)
 * can fail on their own: out of memory, a driver that does not load in a packaged build. The
 * import must then neither hang nor blame the township's file: it finishes, on the import's own
 * thread, with what a single-file import would have done.
 *
 * The stand-in below is the real Worker running a script that throws (at start, or after its
 * first message), chosen per test: the real failure path of a real thread, not a mock of it.
 */
const failing = vi.hoisted(() => ({ at: null as null | 'start' | 'after-first' | 'soon' }));
vi.mock('node:worker_threads', async (real) => {
  const wt = await real<typeof WorkerThreads>();
  class Failing extends wt.Worker {
    constructor(code: string | URL, opts?: WorkerOptions) {
      const script =
        failing.at === 'start'
          ? "throw new Error('worker failed to start')"
          : failing.at === 'after-first'
            ? `${String(code)}\nrequire('node:worker_threads').parentPort.once('message', () => setTimeout(() => { throw new Error('worker died'); }, 20));`
            : failing.at === 'soon'
              ? `${String(code)}\nsetTimeout(() => { throw new Error('worker died'); }, 5);`
              : code;
      super(script, opts);
    }
  }
  return { ...wt, Worker: Failing, default: { ...wt, Worker: Failing } };
});

afterEach(() => {
  failing.at = null;
});

/** Resolves with `p`, or rejects if it has not settled within `ms` (a hang, not a speed check). */
const settles = <T,>(p: Promise<T>, ms = 20_000) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms))]);

/** What the database file holds without its WAL: what the checkpoints copied into it. */
function fileAlone(file: string, sql: string): unknown {
  const copy = path.join(tempDir(), `alone-${Math.random().toString(36).slice(2)}.db`);
  fs.copyFileSync(file, copy);
  const db = new Database(copy, { readonly: true });
  try {
    return db.prepare(sql).get();
  } finally {
    db.close();
  }
}

describe('a checkpoint worker that fails', () => {
  for (const at of ['start', 'after-first'] as const) {
    it(`(${at}) leaves finish() returning, the WAL copied on the connection instead and autocheckpoint back`, async () => {
      failing.at = at;
      const file = path.join(tempDir(), `cp-${at}.db`);
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('wal_autocheckpoint = 1000');
      db.exec('CREATE TABLE t (x)');
      const cp = backgroundCheckpoints(db, file);
      db.exec('INSERT INTO t VALUES (1)');
      cp.request();
      await new Promise((r) => setTimeout(r, 300));
      db.exec('INSERT INTO t VALUES (2)');
      cp.request();
      await settles(cp.finish());
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(fileAlone(file, 'SELECT count(*) AS n FROM t')).toEqual({ n: 2 });
      db.close();
    });
  }
});

let people = 0;
async function withMembers(code: string, name: string, prefix: string): Promise<Core> {
  const town = await township(code, name, prefix);
  const id = (await ok(town, 'villages.create', { name: `${name}一村`, code: `${code}200`, kind: '行政村' })).id;
  for (let k = 0; k < 3; k++) await ok(town, 'floating.create', memberInput(id, { idNumber: validId(`45031119900101${String(++people).padStart(3, '0')}`) }));
  return town;
}

const importOne = (d: Core) => async (file: string) => {
  try {
    return applyStaged(d, await stageBundle(d, file, districtKeys().keys)).result;
  } catch (err) {
    return `refused: ${(err as { code?: string }).code}`;
  }
};

describe('a staging worker that fails', () => {
  it('is not taken for a damaged file: the bundles are staged in the thread and applied as alone', async () => {
    const files = [await exported(await withMembers('450311100', '雁山镇', 'aa'), true), await exported(await withMembers('450311101', '柘木镇', 'bb'), true)];
    const one = await district();
    for (const f of files) await importOne(one)(f);
    for (const at of ['start', 'soon'] as const) {
      failing.at = at;
      const many = await district();
      expect(await settles(importEach(many, files, districtKeys().keys, importOne(many)))).toEqual(['applied', 'applied']);
      expect(syncedRows(many)).toEqual(syncedRows(one));
    }
  });
});

describe('bundles refused before their staging', () => {
  it('leave no staging worker running (the district CLI would never exit)', async () => {
    const files = [await exported(await withMembers('450311100', '雁山镇', 'aa'), true), await exported(await withMembers('450311101', '柘木镇', 'bb'), true)];
    const d = await district();
    // A store whose table differs from what the program expects: every bundle is refused at staging's start.
    d.db.exec('ALTER TABLE villages ADD COLUMN junk TEXT');
    const ports = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    const before = ports();
    expect(await settles(importEach(d, files, districtKeys().keys, importOne(d)))).toEqual(['refused: store_broken', 'refused: store_broken']);
    // A terminated worker's port closes within a tick or two.
    for (let i = 0; i < 50 && ports() > before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(ports()).toBe(before);
  });
});
