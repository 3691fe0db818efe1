import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import {
  backupDatabase,
  backupsDir,
  listBackups,
  newBackupPath,
  rotateAutomaticBackups,
} from '../../db/backup';
import { checkFileInWorker } from '../../db/checkWorker';
import { StoreError } from '../../db/errors';
import { latestVersion, schemaVersion } from '../../db/migrate';
import type { Installation } from '../../db/settings';
import { appendAudit } from '../../db/sync';
import type { BackupList, BackupMade, DamagedExport, RestoreResult } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import { AppError } from '../api/errors';
import type { Core } from '../core';
import { offerDownload } from '../host/downloads';
import { resetLockState } from './lock';
import { DEFAULT_SETTINGS, readSettings } from './settings';

/**
 * Backups and restore (数据备份). Copies are made with SQLite's backup API and checked before they
 * get their final name (db/backup.ts). A restore first copies the current state aside, checks the
 * chosen file, then swaps the store in place under the core's exclusive gate.
 */

const keepOf = (core: Core) => (core.damaged ? DEFAULT_SETTINGS.backupKeep : readSettings(core).backupKeep);

function audit(core: Core, action: string, after: Record<string, unknown>): void {
  if (core.damaged || !core.installation()) return;
  appendAudit(core.db, core.writer(), { table: 'backup', rowId: 'backup', action, seq: null, before: null, after });
}

export function backupList(core: Core): BackupList {
  const folder = backupsDir(core.file);
  return { folder, keep: keepOf(core), backups: listBackups(folder) };
}

/**
 * The automatic backup at start (browser mode and the desktop app call it once after opening):
 * skipped for a new or damaged database, or when a pre-migration copy was just made; then the
 * automatic backups beyond the kept number are deleted. `signal` cancels it when the app quits
 * meanwhile (StoreError `backup_aborted`, no file left behind).
 */
export async function startupBackup(core: Core, signal?: AbortSignal): Promise<string | null> {
  if (core.damaged || core.migrationBackup || !core.installation()) return null;
  return core.gate.shared(async () => {
    const dest = newBackupPath(core.file, schemaVersion(core.db), core.now(), 'auto');
    await backupDatabase(core.db, dest, { signal });
    rotateAutomaticBackups(backupsDir(core.file), keepOf(core));
    return dest;
  });
}

function checkFolder(folder: string): void {
  if (!path.isAbsolute(folder)) throw new AppError('invalid', '备份文件夹应为完整路径（如 D:\\台账备份 或 /home/user/备份）', [{ path: ['folder'], message: '请填写完整路径' }]);
  let st: fs.Stats;
  try {
    st = fs.statSync(folder);
  } catch {
    throw new AppError('backup_folder', `文件夹“${folder}”不存在，请先建立该文件夹或换一个。`, [{ path: ['folder'], message: '文件夹不存在' }]);
  }
  if (!st.isDirectory()) throw new AppError('backup_folder', `“${folder}”不是文件夹。`, [{ path: ['folder'], message: '不是文件夹' }]);
}

export async function createBackup(core: Core, folder?: string): Promise<BackupMade> {
  const own = backupsDir(core.file);
  const dir = folder ? path.resolve(folder) : own;
  if (dir !== own) checkFolder(dir);
  const dest = await backupDatabase(core.db, newBackupPath(core.file, schemaVersion(core.db), core.now(), 'manual', dir));
  // Not audited: a backup only reads (a restore, which changes the data, is).
  const entry = listBackups(dir).find((b) => b.file === dest)!;
  return { ...entry, downloadId: offerDownload(dest) };
}

interface Candidate {
  src: Database.Database;
  installation: Installation | null;
}

/**
 * Opens the chosen file read-only and checks that it is a whole ledger database this app can open.
 * The integrity_check runs in a worker thread (db/checkWorker.ts) on its own read-only connection.
 */
async function openCandidate(file: string): Promise<Candidate> {
  let src: Database.Database;
  try {
    src = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new AppError('restore_invalid', `无法打开“${path.basename(file)}”，请确认文件存在。`, [{ path: ['file'], message: '无法打开该文件' }]);
  }
  try {
    const problem = await checkFileInWorker(file, 'integrity_check');
    if (problem) throw new AppError('restore_invalid', `备份文件“${path.basename(file)}”已损坏（完整性检查未通过），不能用于恢复。请选择其他备份。`);
    const version = schemaVersion(src);
    if (version > latestVersion()) throw new AppError('restore_invalid', `该备份由更新版本的程序创建（数据库版本 ${version}），请先升级本程序。`);
    const hasSettings = src.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get();
    if (version < 1 || !hasSettings) throw new AppError('restore_invalid', `“${path.basename(file)}”不是本程序的台账数据库。`);
    const row = src.prepare("SELECT value FROM settings WHERE key = 'installation'").get() as { value: string } | undefined;
    return { src, installation: row ? (JSON.parse(row.value) as Installation) : null };
  } catch (err) {
    src.close();
    if (err instanceof StoreError) throw err;
    throw new AppError('restore_invalid', `“${path.basename(file)}”不是本程序的台账数据库或已损坏。`);
  }
}

/** Copies the damaged file (and its WAL) aside as it is, for the IT staff; never listed as a backup. */
function copyDamagedAside(core: Core): string {
  const stamp = core.now().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const dir = backupsDir(core.file);
  fs.mkdirSync(dir, { recursive: true });
  const dest = path.join(dir, `${path.basename(core.file).replace(/\.[^.]*$/, '')}.damaged.${stamp}.db`);
  fs.copyFileSync(core.file, dest);
  if (fs.existsSync(`${core.file}-wal`)) fs.copyFileSync(`${core.file}-wal`, `${dest}-wal`);
  return dest;
}

function sameFile(a: string, b: string): boolean {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return false;
  }
}

export async function restoreBackup(core: Core, input: { file: string; allowOtherInstallation: boolean }): Promise<RestoreResult> {
  const file = path.resolve(backupsDir(core.file), input.file);
  if (sameFile(file, core.file)) throw new AppError('restore_invalid', '不能用正在使用的数据库文件本身来恢复。');
  const cand = await openCandidate(file);
  try {
    const current = core.damaged ? null : core.installation();
    if (current && cand.installation?.installationId !== current.installationId && !input.allowOtherInstallation) {
      const who = cand.installation ? `“${cand.installation.unitName}（${cand.installation.unitCode}）”` : '未完成设置的数据库';
      throw new AppError('other_installation', `该备份来自${who}，不是本机这套台账的备份。恢复后本机数据将被它替换。如确认要恢复，请再次确认。`);
    }
    const safetyCopy = core.damaged
      ? copyDamagedAside(core)
      : await backupDatabase(core.db, newBackupPath(core.file, schemaVersion(core.db), core.now(), 'restore'));
    const tmp = path.join(backupsDir(core.file), `${path.basename(core.file)}.restoring.${process.pid}.tmp`);
    await core.replaceStore(async () => {
      try {
        await cand.src.backup(tmp);
        fs.rmSync(`${core.file}-wal`, { force: true });
        fs.rmSync(`${core.file}-shm`, { force: true });
        fs.renameSync(tmp, core.file);
      } finally {
        fs.rmSync(tmp, { force: true });
      }
    });
    resetLockState(core);
    core.db.prepare("INSERT INTO settings (key, value) VALUES ('sync.nextExportFull', 'true') ON CONFLICT (key) DO UPDATE SET value = 'true'").run(); // the district may be ahead of this copy: next sync export is full
    audit(core, 'restore', { from: path.basename(file), safetyCopy: path.basename(safetyCopy) });
    return { restoredFrom: file, safetyCopy };
  } finally {
    cand.src.close();
  }
}

export function exportDamaged(core: Core): DamagedExport {
  if (!core.damaged) throw new AppError('not_damaged', '数据库完好，无需另存损坏的文件。');
  const file = copyDamagedAside(core);
  const fileName = path.basename(file);
  return { file, fileName, downloadId: offerDownload(file, fileName) };
}

export const backupHandlers = {
  'backup.list': (core) => backupList(core),
  'backup.create': (core, { folder }) => createBackup(core, folder || undefined),
  'backup.restore': (core, input) => restoreBackup(core, input),
  'backup.exportDamaged': (core) => exportDamaged(core),
} satisfies Partial<Handlers>;
