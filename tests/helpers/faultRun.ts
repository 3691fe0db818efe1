import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { expect } from 'vitest';
import { SYNC_TABLES } from '../../db/tables';
import { cliArgv } from './cli';

const root = path.resolve(import.meta.dirname, '../..');
const child = path.join(root, 'tests/helpers/faultChild.ts');
/** The child from the unit project's one-time build (tests/helpers/cliBundle.ts), else its source through tsx. */
const childArgv = (args: string[]) => {
  const bundle = process.env.TL_FAULT_CHILD_BUNDLE;
  return bundle && fs.existsSync(bundle) ? [bundle, ...args] : ['--import', 'tsx', child, ...args];
};

/** Number of trials: TL_FAULT_TRIALS (default 20), as in syncFaults.test.ts. */
export const TRIALS = Number(process.env.TL_FAULT_TRIALS ?? 20);

export interface ChildRun {
  lines: string[];
  code: number | null;
  signal: string | null;
  stderr: string;
  /** Milliseconds from the "start" line (or spawn) to exit. */
  workMs: number;
}

/**
 * Runs tests/helpers/faultChild.ts. `killWhen` is asked after every stdout line and returns a delay
 * in ms after which the child is SIGKILLed (0: at once), or null to let it run on.
 */
export function runChild(args: string[], killWhen: (line: string, lines: string[]) => number | null = () => null): Promise<ChildRun> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, childArgv(args), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let stderr = '';
    let started = Date.now();
    let timer: NodeJS.Timeout | null = null;
    let armed = false;
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    createInterface({ input: p.stdout }).on('line', (line) => {
      lines.push(line);
      if (line === 'start') started = Date.now();
      if (armed) return;
      const delay = killWhen(line, lines);
      if (delay === null) return;
      armed = true;
      if (delay <= 0) p.kill('SIGKILL');
      else timer = setTimeout(() => p.kill('SIGKILL'), delay);
    });
    p.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ lines, code, signal, stderr, workMs: Date.now() - started });
    });
  });
}

/** Opens a file the way a check would after a crash (read-write, so a hot WAL is recovered), runs fn, closes. */
export function inspect<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file, { fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export const integrity = (db: Database.Database) => db.pragma('integrity_check', { simple: true });
export const count = (db: Database.Database, sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

/** Every committed change is whole: one audit entry per row version, the row's seq is its last one, the clock agrees. */
export function expectWholeChanges(file: string): void {
  inspect(file, (db) => {
    expect(integrity(db)).toBe('ok');
    for (const t of SYNC_TABLES) {
      const broken = count(
        db,
        `SELECT count(*) AS n FROM ${t.name} r WHERE r.version != (SELECT count(*) FROM audit_log a WHERE a.table_name = ? AND a.row_id = r.id)
           OR r.seq != (SELECT max(a.seq) FROM audit_log a WHERE a.table_name = ? AND a.row_id = r.id)`,
        t.name,
        t.name,
      );
      expect(broken, `${t.name}: rows without their audit entries`).toBe(0);
    }
    expect(count(db, 'SELECT seq AS n FROM sync_clock')).toBe(count(db, 'SELECT ifnull(max(seq), 0) AS n FROM audit_log'));
    // A village is written with its two yearly rows in one transaction, and removed with them.
    expect(count(db, 'SELECT count(*) AS n FROM villages v WHERE v.deleted_at IS NULL AND (SELECT count(*) FROM village_years y WHERE y.village_id = v.id AND y.deleted_at IS NULL) != 2')).toBe(0);
    expect(count(db, 'SELECT count(*) AS n FROM villages v WHERE v.deleted_at IS NOT NULL AND EXISTS (SELECT 1 FROM village_years y WHERE y.village_id = v.id AND y.deleted_at IS NULL)')).toBe(0);
  });
}


/**
 * The real CLI in a child process. With `kill`, the child is SIGKILLed `kill.afterMs` after a file
 * of its own (`*.<pid>.tmp`) appears in `kill.dir`, i.e. inside the write window, not during start-up.
 * Resolves with the exit and the ms from that file's appearance (or spawn) to exit.
 */
export function runCli(args: string[], kill?: { dir: string; afterMs: number }): Promise<{ code: number | null; signal: string | null; ms: number }> {
  return new Promise((resolve) => {
    let t0 = Date.now();
    const p = spawn(process.execPath, cliArgv(...args), { cwd: root, stdio: 'ignore' });
    let timer: NodeJS.Timeout | null = null;
    let watcher: fs.FSWatcher | null = null;
    if (kill) {
      fs.mkdirSync(kill.dir, { recursive: true });
      watcher = fs.watch(kill.dir, (_event, name) => {
        if (timer || !name?.toString().endsWith(`.${p.pid}.tmp`)) return;
        t0 = Date.now();
        timer = setTimeout(() => p.kill('SIGKILL'), kill.afterMs);
      });
    }
    p.on('exit', (code, signal) => {
      watcher?.close();
      if (timer) clearTimeout(timer);
      resolve({ code, signal, ms: Date.now() - t0 });
    });
  });
}

/** The real CLI in a child process, SIGKILLed `afterMs` after spawn when given (an import, which writes no file of its own). */
export function runCliFor(args: string[], afterMs?: number): Promise<{ code: number | null; signal: string | null; ms: number }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const p = spawn(process.execPath, cliArgv(...args), { cwd: root, stdio: 'ignore' });
    const timer = afterMs === undefined ? null : setTimeout(() => p.kill('SIGKILL'), afterMs);
    p.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, ms: Date.now() - t0 });
    });
  });
}
