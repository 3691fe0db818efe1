import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUSY_MESSAGE, isBusy, StoreError } from './errors';

/**
 * One app instance per database file. Two instances on one file would each show a view the other
 * silently changes, and each would treat the other's half-written temporaries and locks as its own.
 *
 * The claim is an operating-system lock, not a marker file: `<db>.lock` is a small SQLite file
 * held in EXCLUSIVE locking mode for the instance's lifetime (fcntl on Linux, LockFileEx on
 * Windows, both taken by SQLite's own portable code). The kernel drops the lock when the process
 * ends in any way (SIGKILL, a crash, a power cut), so a claim can never go stale, and nothing
 * depends on process ids, which Windows reuses quickly. Who holds it is written beside it in
 * `<db>.lock.json`, only so that the refusal can name the first instance; that file is advice,
 * never the lock.
 *
 * The CLI does not claim: it shares the file with a running app and waits for the write lock
 * (tx.ts). Its busy message names the app when one holds the claim (busyMessage).
 */

export type InstanceMode = 'desktop' | 'browser';

export interface InstanceHolder {
  pid: number;
  mode: InstanceMode;
  startedAt: string;
  host: string;
}

export interface InstanceClaim {
  readonly holder: InstanceHolder;
  release(): void;
}

export const instanceLockFile = (dbFile: string) => `${path.resolve(dbFile)}.lock`;
const holderFile = (dbFile: string) => `${instanceLockFile(dbFile)}.json`;

const MODE_LABEL: Record<InstanceMode, string> = { desktop: '桌面窗口', browser: '浏览器模式' };

function describe(h: InstanceHolder): string {
  const at = new Date(h.startedAt);
  const when = Number.isNaN(at.getTime()) ? h.startedAt : at.toLocaleString('zh-CN', { hour12: false });
  const where = h.host && h.host !== os.hostname() ? `，计算机“${h.host}”` : '';
  return `${MODE_LABEL[h.mode] ?? h.mode}，进程号 ${h.pid}，${when} 起运行${where}`;
}

/** Another instance already has this file open; the message names it when it could be read. */
export class InstanceRunningError extends StoreError {
  constructor(readonly holder: InstanceHolder | null) {
    super(
      'instance_running',
      `该数据文件已由另一个程序实例打开（${holder ? describe(holder) : '未能读取其信息'}）。同一数据文件同时只能由一个程序实例使用：请切换到已打开的程序，或先退出它再启动。`,
    );
  }
}

function readHolder(dbFile: string): InstanceHolder | null {
  try {
    const h = JSON.parse(fs.readFileSync(holderFile(dbFile), 'utf8')) as Partial<InstanceHolder>;
    if (!Number.isSafeInteger(h.pid) || typeof h.mode !== 'string' || typeof h.startedAt !== 'string') return null;
    return { pid: h.pid!, mode: h.mode as InstanceMode, startedAt: h.startedAt, host: typeof h.host === 'string' ? h.host : '' };
  } catch {
    return null;
  }
}

/** Claims the file for this process or throws InstanceRunningError naming the instance that has it. */
export function claimInstance(dbFile: string, mode: InstanceMode, now = new Date()): InstanceClaim {
  const lockFile = instanceLockFile(dbFile);
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  const holder: InstanceHolder = { pid: process.pid, mode, startedAt: now.toISOString(), host: os.hostname() };
  const lock = new Database(lockFile, { timeout: 0 });
  try {
    // No journal file beside the lock: its content matters to nobody.
    lock.pragma('journal_mode = MEMORY');
    lock.pragma('locking_mode = EXCLUSIVE');
    // Takes the exclusive lock now; in EXCLUSIVE locking mode it is kept until the handle closes.
    lock.exec('BEGIN EXCLUSIVE');
    lock.exec('CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL)');
    lock.prepare('INSERT OR REPLACE INTO holder (id, json) VALUES (1, ?)').run(JSON.stringify(holder));
    fs.writeFileSync(holderFile(dbFile), JSON.stringify(holder));
    lock.exec('COMMIT');
  } catch (err) {
    lock.close();
    if (isBusy(err)) throw new InstanceRunningError(readHolder(dbFile));
    throw err;
  }
  return {
    holder,
    release() {
      if (!lock.open) return;
      // The note first: once the lock is free, the next instance writes its own.
      fs.rmSync(holderFile(dbFile), { force: true });
      lock.close();
    },
  };
}

/** Whether a process of that pid is running (one of another user's counts). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

/**
 * The clerk-facing text for a write that waited in vain: names the running app when one holds the
 * file (the note is only removed at a clean exit, so its process must still be alive).
 */
export function busyMessage(dbFile: string): string {
  const h = dbFile ? readHolder(dbFile) : null;
  if (!h || h.pid === process.pid || (h.host === os.hostname() && !processAlive(h.pid))) return BUSY_MESSAGE;
  return `数据库正忙：程序（${describe(h)}）正在使用该数据文件，等待后仍未能写入。请稍后重试。`;
}
