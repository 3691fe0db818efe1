import { createHash } from 'node:crypto';
import type { ExcelProgress } from '../api/contracts/excel';
import type { Core } from '../core';
import { readSheet, type ColumnSpec, type ReadResult } from './read';

export { breather, CHUNK_ROWS } from './read';

/**
 * What an Excel check or import is doing, for the dialog's progress bar, and the parsed file kept
 * between 检查文件 and 确认导入.
 *
 * Progress: the import channel runs in the host's one thread, so the dialog asks for it on a
 * passive channel (excel.progress) while its import call is pending, over IPC or HTTP alike,
 * as the sync export's progress is asked for. Reading and checking rows hand the thread back
 * every few hundred rows so those asks are answered; the final write runs in one transaction
 * without a break (another call served inside it would join the import's transaction), so
 * the bar stands at 写入 until it ends.
 *
 * Parsed once: the check keeps what it read (never the renderer: the import sends the file
 * again), keyed by the SHA-256 of the file's bytes and the register's columns. The import finds
 * it only for the very same bytes; any other file is read afresh. Only the parse is kept, a pure
 * function of the bytes: every check against the register runs again inside the import's
 * transaction, since the register may have changed since the check.
 */

export type { ExcelProgress };

interface Job {
  progress: ExcelProgress;
}

const jobs = new WeakMap<Core, Job[]>();

/** The latest running Excel job's progress, or null when none runs. */
export function excelProgress(core: Core): ExcelProgress | null {
  const list = jobs.get(core);
  return list?.length ? { ...list[list.length - 1]!.progress } : null;
}

/** Runs `fn` as an Excel job of `core`; `step` reports its progress. */
export async function excelJob<T>(core: Core, fn: (step: (p: ExcelProgress) => void) => Promise<T>): Promise<T> {
  const job: Job = { progress: { phase: 'read', done: 0, total: 0 } };
  let list = jobs.get(core);
  if (!list) jobs.set(core, (list = []));
  list.push(job);
  try {
    return await fn((p) => {
      job.progress = p;
    });
  } finally {
    list.splice(list.indexOf(job), 1);
  }
}

/**
 * `core` with its write context read once: the services ask core.writer() for every row they
 * write, which reads the installation from the store each time (some 25 µs a row at 20,000
 * rows). The installation cannot change during one import (it runs alone on the gate); the
 * context's clock and ids stay live.
 */
export function steadyWriter(core: Core): Core {
  let ctx: ReturnType<Core['writer']> | null = null;
  return Object.create(core, { writer: { value: () => (ctx ??= core.writer()) } }) as Core;
}

// ---- The parse kept from check to import ----

/** How long a checked file stays parsed: a clerk reads the check's report, then confirms. */
const KEEP_MS = 30 * 60 * 1000;
/** Files kept per store: the last checks (a 20,000-row parse holds some tens of MB). */
const KEEP_FILES = 2;

interface Kept {
  key: string;
  at: number;
  result: ReadResult<string>;
}

const kept = new WeakMap<Core, Kept[]>();
const specIds = new WeakMap<object, number>();
let nextSpecId = 1;

function specId(spec: readonly ColumnSpec[]): number {
  let id = specIds.get(spec);
  if (id === undefined) specIds.set(spec, (id = nextSpecId++));
  return id;
}

/**
 * Reads the file as readSheet does. A check (`keep`) keeps the result for the import of the
 * same bytes; an import takes it (once) or reads the file itself.
 */
export async function readForImport<K extends string>(
  core: Core,
  buf: Buffer,
  spec: readonly ColumnSpec<K>[],
  opts: { keep: boolean; step?: (p: ExcelProgress) => void },
): Promise<ReadResult<K>> {
  const key = `${specId(spec)}:${createHash('sha256').update(buf).digest('hex')}`;
  const now = Date.now();
  const fresh = (kept.get(core) ?? []).filter((k) => now - k.at < KEEP_MS);
  const found = fresh.find((k) => k.key === key);
  const list = fresh.filter((k) => k !== found);
  kept.set(core, list);
  const result = found
    ? (found.result as ReadResult<K>)
    : await readSheet(buf, spec, { onRows: opts.step && ((done, total) => opts.step!({ phase: 'read', done, total })) });
  if (opts.keep && result.ok) {
    list.push({ key, at: now, result: result as ReadResult<string> });
    list.splice(0, Math.max(0, list.length - KEEP_FILES));
  }
  return result;
}
