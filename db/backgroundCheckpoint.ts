import type { Database } from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { driver } from './checkWorker';

/**
 * Checkpoints of the WAL in a worker thread, on a connection of its own, while the caller's
 * connection goes on (electron/sync/importMany.ts: between the bundles of a multi-file import).
 * The caller's automatic checkpoints are off meanwhile; a PASSIVE checkpoint never waits for a
 * lock nor holds one a writer needs, and copies only committed pages. The worker is a plain-JS
 * string, like checkWorker.ts's and for the same reasons (tsx, vitest and the bundled Electron
 * main alike).
 */

const WORKER_JS = `
const { parentPort, workerData } = require('node:worker_threads');
let db = null;
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.file, { fileMustExist: true, nativeBinding: workerData.addon });
  db.pragma('busy_timeout = 0');
} catch (err) {
  parentPort.postMessage({ error: String((err && err.message) || err) });
}
parentPort.on('message', (m) => {
  if (m === 'stop') {
    if (db) db.close();
    parentPort.close();
    return;
  }
  let error = null;
  try {
    if (db) db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    error = String((err && err.message) || err);
  }
  parentPort.postMessage({ done: m, error });
});
`;

class Checkpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private last: Promise<void> = Promise.resolve();
  private waiting = new Map<number, () => void>();
  private next = 0;
  /** The worker has ended: nothing it is asked from now on would ever be answered. */
  private dead = false;
  failed = false;

  constructor(file: string) {
    this.worker = new Worker(WORKER_JS, { eval: true, workerData: { ...driver(), file } });
    this.worker.on('message', (m: { done?: number; error?: string | null }) => {
      if (m.error) this.failed = true;
      if (m.done !== undefined) this.waiting.get(m.done)?.();
    });
    this.exited = new Promise((resolve) => {
      this.worker.once('error', () => (this.failed = true));
      this.worker.once('exit', () => {
        // A worker that ended early answers nothing more: release whoever waits, and let no one
        // wait from now on (request() after this would wait forever, and stop() with it).
        this.dead = true;
        for (const release of this.waiting.values()) release();
        this.waiting.clear();
        resolve();
      });
    });
  }

  /** Asks for a checkpoint of what has been committed so far; returns at once. */
  request(): void {
    if (this.dead) {
      // finish() checkpoints on the caller's connection instead.
      this.failed = true;
      return;
    }
    const id = this.next++;
    this.last = new Promise<void>((resolve) =>
      this.waiting.set(id, () => {
        this.waiting.delete(id);
        resolve();
      }),
    );
    this.worker.postMessage(id);
  }

  /** Waits for the last checkpoint asked for, then ends the worker (its connection closed). */
  async stop(): Promise<void> {
    await this.last;
    if (this.dead) {
      this.failed = true;
      return;
    }
    this.worker.postMessage('stop');
    await this.exited;
  }
}

export interface BackgroundCheckpoints {
  /** Asks for a checkpoint of what has been committed so far; returns at once. */
  request(): void;
  /**
   * Waits for the last checkpoint asked for, ends the worker and restores the connection's
   * automatic checkpoints; if the worker could not do its part, checkpoints here instead.
   */
  finish(): Promise<void>;
}

export function backgroundCheckpoints(db: Database, file: string): BackgroundCheckpoints {
  const setting = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const cp = new Checkpointer(file);
  db.pragma('wal_autocheckpoint = 0');
  return {
    request: () => cp.request(),
    async finish() {
      await cp.stop();
      db.pragma(`wal_autocheckpoint = ${setting}`);
      if (cp.failed) db.pragma('wal_checkpoint(PASSIVE)');
    },
  };
}
