import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import {
  backupDatabase,
  backupsDir,
  copyCandidate,
  listBackups,
  newBackupPath,
  removeCandidateCopy,
  rotateAutomaticBackups,
} from '../../db/backup';
import { checkFileInWorker } from '../../db/checkWorker';
import { fsyncDir, fsyncFile } from '../../db/durable';
import { StoreError } from '../../db/errors';
import { latestVersion, schemaVersion } from '../../db/migrate';
import { describeDiff, expectedSchema, sameSchema, schemaDiff, schemaOf } from '../../db/schemaCheck';
import { hasSettingsTable, storedInstallation } from '../../db/restoreSource';
import { setSetting, type Installation } from '../../db/settings';
import { appendAudit } from '../../db/sync';
import type { BackupList, BackupMade, DamagedExport, RestoreResult } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import { AppError } from '../api/errors';
import type { Core } from '../core';
import { NEXT_FULL } from '../sync/state';
import { offerDownload } from '../transfers';
import { resetLockState } from './lock';
import { DEFAULT_SETTINGS, readSettings } from './settings';
import { writeTx } from '../../db/tx';

/**
 * Backups and restore (数据备份). Copies are made with SQLite's backup API and checked before they
 * get their final name (db/backup.ts). A restore first copies the current state aside, checks the
 * chosen file, then swaps the store in place under the core's exclusive gate.
 */

const keepOf = (core: Core) => (core.damaged ? DEFAULT_SETTINGS.backupKeep : readSettings(core).backupKeep);

function audit(core: Core, action: string, after: Record<string, unknown>): void {
  if (core.damaged || !core.installation()) return;
  writeTx(core.db, () => appendAudit(core.db, core.writer(), { table: 'backup', rowId: 'backup', action, seq: null, before: null, after }));
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
  // Never a copy of a file whose start-up check has not passed (nor two whole-file reads at once).
  await core.checked();
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
  /** The private copy that was checked and is what gets restored (see copyCandidate). */
  copy: string;
  installation: Installation | null;
}

function copyError(file: string, err: unknown): AppError {
  const code = (err as { code?: string }).code;
  const name = path.basename(file);
  if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES' || code === 'EPERM') {
    return new AppError('restore_invalid', `无法打开“${name}”，请确认文件存在。`, [{ path: ['file'], message: '无法打开该文件' }]);
  }
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return new AppError('disk_full', '磁盘空间不足，无法检查该备份。请清理磁盘后重试，原数据未受影响。');
  return new AppError('restore_invalid', `“${name}”不是本程序的台账数据库或已损坏。`);
}

/**
 * Copies the chosen file into the backups folder (db/backup.ts copyCandidate: the chosen file is
 * never opened by SQLite) and checks the copy: integrity_check in a worker thread, a ledger
 * database of a version this app opens, and a schema equal to what this version's migrations
 * create for that version (db/schemaCheck.ts), so no trigger, view or table rides along.
 */
async function openCandidate(core: Core, file: string): Promise<Candidate> {
  const dir = backupsDir(core.file);
  const copy = path.join(dir, `${path.basename(core.file)}.restoring.${process.pid}.tmp`);
  const name = path.basename(file);
  try {
    fs.mkdirSync(dir, { recursive: true });
    copyCandidate(file, copy);
  } catch (err) {
    throw copyError(file, err);
  }
  let src: Database.Database | null = null;
  try {
    const problem = await checkFileInWorker(copy, 'integrity_check');
    if (problem) throw new AppError('restore_invalid', `备份文件“${name}”已损坏（完整性检查未通过），不能用于恢复。请选择其他备份。`);
    src = new Database(copy, { readonly: true, fileMustExist: true });
    const version = schemaVersion(src);
    if (version > latestVersion()) throw new AppError('restore_invalid', `该备份由更新版本的程序创建（数据库版本 ${version}），请先升级本程序。`);
    if (version < 1 || !hasSettingsTable(src)) throw new AppError('restore_invalid', `“${name}”不是本程序的台账数据库。`);
    const diff = schemaDiff(schemaOf(src), expectedSchema(version));
    if (!sameSchema(diff)) {
      throw new AppError(
        'restore_invalid',
        `备份文件“${name}”的数据库结构与本程序第 ${version} 版应有的结构不一致，不能用于恢复：${describeDiff(diff)}。请选择本程序生成的备份。`,
      );
    }
    return { copy, installation: storedInstallation(src) };
  } catch (err) {
    removeCandidateCopy(copy);
    if (err instanceof StoreError) throw err;
    throw new AppError('restore_invalid', `“${name}”不是本程序的台账数据库或已损坏。`);
  } finally {
    src?.close();
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
  const cand = await openCandidate(core, file);
  try {
    const current = core.damaged ? null : core.installation();
    if (current && cand.installation?.installationId !== current.installationId && !input.allowOtherInstallation) {
      const who = cand.installation ? `“${cand.installation.unitName}（${cand.installation.unitCode}）”` : '未完成设置的数据库';
      throw new AppError('other_installation', `该备份来自${who}，不是本机这套台账的备份。恢复后本机数据将被它替换。如确认要恢复，请再次确认。`);
    }
    const safetyCopy = core.damaged
      ? copyDamagedAside(core)
      : await backupDatabase(core.db, newBackupPath(core.file, schemaVersion(core.db), core.now(), 'restore'));
    // On the medium before it takes the live file's name: a power cut must not leave half of it.
    fsyncFile(cand.copy);
    await core.replaceStore(() => {
      fs.rmSync(`${core.file}-wal`, { force: true });
      fs.rmSync(`${core.file}-shm`, { force: true });
      fs.renameSync(cand.copy, core.file);
      fsyncDir(path.dirname(core.file));
    });
    resetLockState(core);
    // The district may hold changes this copy lacks, or the same versions with other content: the
    // next sync export is full, and the district takes it as this township's truth.
    setSetting(core.db, NEXT_FULL, true);
    audit(core, 'restore', { from: path.basename(file), safetyCopy: path.basename(safetyCopy) });
    return { restoredFrom: file, safetyCopy };
  } finally {
    removeCandidateCopy(cand.copy);
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
