import Database from 'better-sqlite3';
import type { Database as DB } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { abortedError, checkFileInWorker } from './checkWorker';
import { fsyncDir, fsyncFile } from './durable';
import { StoreError } from './errors';
import { processAlive } from './instance';

/**
 * Backups of the store. One naming scheme for every copy, in `<dbdir>/backups/`:
 *   `<name>.v<schema version>.<UTC yyyymmddThhmmss>[.<kind>].db`
 * where no kind means "made before a migration" (those are never deleted), and kind is
 * `auto` (at start, the last N kept), `manual` (the clerk's) or `restore` (the state just before a
 * restore). A copy is written under `<final>.<pid>.tmp` and renamed only when complete and checked.
 */

export type BackupKind = 'migrate' | 'auto' | 'manual' | 'restore';

export interface BackupOptions {
  /** Fault-injection hook for tests: runs on the finished temporary copy before it is checked. */
  afterCopy?: (tmpFile: string) => void;
  /**
   * Cancels the backup (the app is quitting): the copy or its check stops, the temporary file is
   * removed and the promise rejects with StoreError code `backup_aborted`.
   */
  signal?: AbortSignal;
}

// Any `….<pid>.tmp`: for the app's own folders (backups, exports).
const TMP_RE = /\.(\d+)\.tmp$/;
// Only a backup's own temporaries (`<final>.<pid>.tmp`, a restore's `<db>.restoring.<pid>.tmp`): for
// a folder the clerk chose, where other files named like that are not ours to delete.
const BACKUP_TMP_RE = /^(?:.+\.v\d+\.\d{8}T\d{6}(?:-\d+)?(?:\.(?:auto|manual|restore))?\.db|.+\.restoring)\.(\d+)\.tmp$/;

/** Result of PRAGMA integrity_check / quick_check: null when fine, otherwise the first problems. */
export function checkProblems(db: DB, pragma: 'integrity_check' | 'quick_check'): string | null {
  const rows = db.pragma(`${pragma}(5)`, { simple: false }) as Record<string, string>[];
  const lines = rows.map((r) => Object.values(r)[0] ?? '');
  return lines.length === 1 && lines[0] === 'ok' ? null : lines.join('; ');
}

/**
 * Copies a live database with SQLite's online backup API to `dest`. The copy is written under a
 * temporary name (`<dest>.<pid>.tmp`), switched to a single self-contained file (no WAL), checked
 * with `PRAGMA integrity_check` in a worker thread (db/checkWorker.ts: the main thread keeps
 * serving meanwhile), fsynced and only then renamed, so a file with the final name is always a
 * whole, checked database. A failed check or any error removes the temporary copy and throws
 * (StoreError code `backup_corrupt`, `disk_full`, `backup_folder`, `backup_aborted`).
 */
export async function backupDatabase(db: DB, dest: string, opts: BackupOptions = {}): Promise<string> {
  const { signal } = opts;
  if (signal?.aborted) throw abortedError();
  const dir = path.dirname(dest);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw folderError(dir, err);
  }
  removeStaleTemporaries(dir, BACKUP_TMP_RE);
  const tmp = `${dest}.${process.pid}.tmp`;
  try {
    // The copy proceeds in steps between event-loop turns; an abort stops it at the next step.
    await db.backup(tmp, { progress: () => (signal?.aborted ? abort() : BACKUP_STEP_PAGES) });
    if (signal?.aborted) abort();
    opts.afterCopy?.(tmp);
    const problem = selfContained(tmp) ?? (await checkFileInWorker(tmp, 'integrity_check', { signal, disposable: true }));
    // Cancelled meanwhile (even if the check had just finished): no final file after an abort.
    if (signal?.aborted) abort();
    if (problem) throw new StoreError('backup_corrupt', `备份副本校验未通过（${problem}），已删除该副本，原数据未受影响。请重试。`);
    fsyncFile(tmp);
    fs.renameSync(tmp, dest);
    fsyncDir(dir);
  } catch (err) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${tmp}${suffix}`, { force: true });
    throw translateFsError(dir, err);
  }
  return dest;
}

// better-sqlite3's default step: 100 pages (400 KB) per event-loop turn.
const BACKUP_STEP_PAGES = 100;

function abort(): never {
  throw abortedError();
}

/** Switches the copy to a rollback journal (one file, no WAL); a problem opening it is returned. */
function selfContained(file: string): string | null {
  let copy: DB | null = null;
  try {
    copy = new Database(file);
    copy.pragma('journal_mode = DELETE');
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    copy?.close();
  }
}

function folderError(dir: string, err: unknown): StoreError {
  const code = (err as { code?: string }).code;
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return new StoreError('disk_full', `磁盘空间不足，无法写入备份（${dir}）。请清理磁盘或换一个文件夹后重试，原数据未受影响。`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new StoreError('backup_folder', `没有权限写入文件夹“${dir}”，请换一个文件夹。`);
  if (code === 'ENOTDIR' || code === 'ENOENT') return new StoreError('backup_folder', `文件夹“${dir}”不存在或不是文件夹，请检查路径。`);
  return new StoreError('backup_failed', `备份失败（${code ?? (err as Error).message}），原数据未受影响。请重试。`);
}

function translateFsError(dir: string, err: unknown): unknown {
  if (err instanceof StoreError) return err;
  const code = (err as { code?: string }).code ?? '';
  if (/^(ENOSPC|SQLITE_FULL|EACCES|EPERM|EROFS|ENOTDIR|ENOENT)$/.test(code) || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY')) {
    return folderError(dir, code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') ? { code: 'EACCES' } : err);
  }
  return err;
}

function stampOf(when: Date): string {
  return when.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
}

function baseOf(dbFile: string): string {
  return path.basename(dbFile).replace(/\.[^.]*$/, '');
}

/** The backups folder beside the database file. */
export function backupsDir(dbFile: string): string {
  return path.join(path.dirname(path.resolve(dbFile)), 'backups');
}

/** `<dir>/backups/<name>.v<version>.<timestamp>.db` beside the database file (before a migration). */
export function backupPathFor(dbFile: string, version: number, when: Date): string {
  return path.join(backupsDir(dbFile), `${baseOf(dbFile)}.v${version}.${stampOf(when)}.db`);
}

/**
 * A free name for a new backup of `kind` in `folder` (default: the backups folder). Two backups in
 * the same second get `-2`, `-3`… after the time.
 */
export function newBackupPath(dbFile: string, version: number, when: Date, kind: Exclude<BackupKind, 'migrate'>, folder = backupsDir(dbFile)): string {
  const stem = `${baseOf(dbFile)}.v${version}.${stampOf(when)}`;
  for (let n = 1; ; n++) {
    const file = path.join(folder, `${stem}${n > 1 ? `-${n}` : ''}.${kind}.db`);
    if (!fs.existsSync(file)) return file;
  }
}

export interface BackupEntry {
  file: string;
  name: string;
  /** migrate: made before a schema upgrade (never deleted); auto: at start (last N kept); manual; restore: the state before a restore. */
  kind: BackupKind;
  version: number;
  /** UTC ISO time the backup was made (from its name). */
  createdAt: string;
  size: number;
}

const NAME_RE = /^(.+)\.v(\d+)\.(\d{8}T\d{6})(?:-(\d+))?(?:\.(auto|manual|restore))?\.db$/;

export function parseBackupName(name: string): Omit<BackupEntry, 'file' | 'size'> | null {
  const m = NAME_RE.exec(name);
  if (!m) return null;
  const s = m[3]!;
  const createdAt = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.000Z`;
  return { name, kind: (m[5] as BackupKind | undefined) ?? 'migrate', version: Number(m[2]), createdAt };
}

/** Every finished backup in `dir`, newest first (temporary files are not listed). */
export function listBackups(dir: string): BackupEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupEntry[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const file = path.join(dir, name);
    try {
      out.push({ ...parsed, file, size: fs.statSync(file).size });
    } catch {
      // Removed meanwhile.
    }
  }
  return out.sort((a, b) => (a.createdAt === b.createdAt ? b.name.localeCompare(a.name) : b.createdAt.localeCompare(a.createdAt)));
}

/** Deletes automatic backups beyond the newest `keep`; never touches any other kind. */
export function rotateAutomaticBackups(dir: string, keep: number): string[] {
  const autos = listBackups(dir).filter((b) => b.kind === 'auto');
  const removed: string[] = [];
  for (const b of autos.slice(Math.max(0, keep))) {
    fs.rmSync(b.file, { force: true });
    removed.push(b.file);
  }
  return removed;
}

/**
 * Removes temporary backup files left by a backup that was killed: `*.<pid>.tmp` (and their
 * rollback journals, WAL and shared-memory files) whose process is gone. A backup still running in
 * another process is left alone. Runs when the store opens (backups folder) and before every
 * backup (its destination folder, with the stricter backup-name pattern).
 */
export function removeStaleTemporaries(dir: string, pattern: RegExp = TMP_RE): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = pattern.exec(name.replace(/-(journal|wal|shm)$/, ''));
    if (!m || processAlive(Number(m[1]))) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * A private, self-contained copy of a file chosen for a restore, at `dest`: the file (and a WAL
 * beside it, if it has one, so committed changes in it are kept) is copied byte for byte, and
 * only the copy is ever opened by SQLite. Opening the chosen file itself, even read-only, would
 * leave `-wal`/`-shm` files beside it when it is in WAL mode (on a USB stick or in a folder that
 * is not ours), and what is checked could differ from what is restored if it changed meanwhile.
 * The copy is switched to a rollback journal, folding its WAL in. On failure nothing is left.
 */
export function copyCandidate(file: string, dest: string): void {
  try {
    fs.copyFileSync(file, dest);
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${dest}-wal`);
    const problem = selfContained(dest);
    if (problem) throw new StoreError('restore_invalid', problem);
  } catch (err) {
    removeCandidateCopy(dest);
    throw err;
  }
}

export function removeCandidateCopy(dest: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${dest}${suffix}`, { force: true });
}
