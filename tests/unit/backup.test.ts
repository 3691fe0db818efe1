import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase, backupsDir, listBackups, newBackupPath, removeStaleTemporaries, rotateAutomaticBackups } from '../../db/backup';
import { schemaVersion } from '../../db/migrate';
import { openStore } from '../../db/open';
import { dispatch } from '../../electron/api/dispatch';
import { openCore, type Core } from '../../electron/core';
import { createBackup, restoreBackup, startupBackup } from '../../electron/services/backup';
import { counterIds, freshCore, steppingClock } from '../helpers/core';
import { damageTablePage } from '../helpers/damage';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const villageNames = (core: Core) => (core.db.prepare('SELECT name FROM villages WHERE deleted_at IS NULL ORDER BY name').all() as { name: string }[]).map((r) => r.name);

async function addVillage(core: Core, name: string, code: string): Promise<void> {
  const r = await dispatch(core, 'villages.create', { name, code, kind: '行政村' });
  if (!r.ok) throw new Error(r.error.message);
}

describe('backups', () => {
  it('writes a checked copy under a temporary name, then renames it; rotation keeps the last N automatic ones only', async () => {
    const core = await freshCore();
    await addVillage(core, '东立村', '450311100200');
    const dir = backupsDir(core.file);
    const migrateCopy = path.join(dir, 'ledger.v2.20250101T000000.db');
    const manual = await createBackup(core);
    fs.copyFileSync(manual.file, migrateCopy);
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const dest = newBackupPath(core.file, schemaVersion(core.db), core.now(), 'auto');
      await backupDatabase(core.db, dest, { afterCopy: (tmp) => seen.push(path.basename(tmp)) });
    }
    expect(seen.every((n) => /\.auto\.db\.\d+\.tmp$/.test(n))).toBe(true);
    expect(rotateAutomaticBackups(dir, 2)).toHaveLength(2);
    const kinds = listBackups(dir).map((b) => b.kind).sort();
    expect(kinds).toEqual(['auto', 'auto', 'manual', 'migrate']);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const copy = new Database(manual.file, { readonly: true });
    expect(copy.prepare('SELECT name FROM villages').all()).toEqual([{ name: '东立村' }]);
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
  });

  it('refuses a copy that fails integrity_check and leaves no file behind', async () => {
    const core = await freshCore();
    for (let i = 0; i < 30; i++) await addVillage(core, `测试${'村'.repeat(1 + (i % 3))}${i}`, `4503111002${String(i).padStart(2, '0')}`);
    const dest = newBackupPath(core.file, schemaVersion(core.db), core.now(), 'manual');
    await expect(backupDatabase(core.db, dest, { afterCopy: (tmp) => damageTablePage(tmp) })).rejects.toMatchObject({ code: 'backup_corrupt' });
    expect(fs.existsSync(dest)).toBe(false);
    expect(fs.readdirSync(path.dirname(dest))).toEqual([]);
  });

  it('makes one automatic backup per start and removes temporaries of a killed backup at the next open', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'ledger.db');
    const core = await freshCore({ file });
    const made = await startupBackup(core);
    expect(made).toMatch(/\.auto\.db$/);
    core.close();
    const stale = path.join(backupsDir(file), 'ledger.v9.20260101T000000.auto.db.999999999.tmp');
    fs.writeFileSync(stale, 'partial');
    fs.writeFileSync(`${stale}-journal`, 'partial');
    const mine = path.join(backupsDir(file), `x.db.${process.pid}.tmp`);
    fs.writeFileSync(mine, 'in progress');
    const again = await openCore(file, { now: steppingClock('2026-03-01T00:00:00Z'), newId: counterIds() });
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(`${stale}-journal`)).toBe(false);
    expect(fs.existsSync(mine)).toBe(true);
    fs.rmSync(mine);
    expect(removeStaleTemporaries(backupsDir(file))).toEqual([]);
    // In a folder the clerk chose, the next backup there removes only a backup's own leftovers.
    const usb = tempDir();
    const leftover = path.join(usb, 'ledger.v9.20260101T000000.manual.db.999999999.tmp');
    const theirs = path.join(usb, 'notes.999999999.tmp');
    fs.writeFileSync(leftover, 'partial');
    fs.writeFileSync(theirs, 'not ours');
    await createBackup(again, usb);
    expect(fs.existsSync(leftover)).toBe(false);
    expect(fs.existsSync(theirs)).toBe(true);
    again.close();
  });

  it('says which folder is missing or unwritable, in Chinese, for a manual backup', async () => {
    const core = await freshCore();
    const missing = await dispatch(core, 'backup.create', { folder: path.join(tempDir(), 'nope') });
    expect(missing).toMatchObject({ ok: false, error: { code: 'backup_folder', message: expect.stringContaining('不存在') } });
    const ro = tempDir();
    fs.chmodSync(ro, 0o555);
    const r = await dispatch(core, 'backup.create', { folder: ro });
    fs.chmodSync(ro, 0o755);
    if (process.getuid?.() !== 0) expect(r).toMatchObject({ ok: false, error: { code: 'backup_folder', message: expect.stringContaining('没有权限') } });
    const full = await dispatch(core, 'backup.create', { folder: '/dev/full' });
    expect(full.ok).toBe(false);
  });
});

describe('the backup CLI command', () => {
  it('prints the path of a checked copy in the folder given', async () => {
    const core = await freshCore();
    await addVillage(core, '东立村', '450311100200');
    const out = tempDir();
    const r = cli('backup', '--db', core.file, '--out', out);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const file = r.stdout.trim();
    expect(path.dirname(file)).toBe(out);
    const copy = new Database(file, { readonly: true });
    expect(copy.prepare('SELECT name FROM villages').all()).toEqual([{ name: '东立村' }]);
    copy.close();
  });
});

describe('restore', () => {
  it('round-trips: keeps the backed-up data, drops later changes, and copies the current state first', async () => {
    const core = await freshCore();
    await addVillage(core, '东立村', '450311100200');
    const made = await dispatch(core, 'backup.create', {});
    expect(made.ok).toBe(true);
    const file = (made as { value: { file: string } }).value.file;
    await addVillage(core, '枫林村', '450311100201');
    expect(villageNames(core)).toEqual(['东立村', '枫林村']);

    const r = await dispatch(core, 'backup.restore', { file });
    expect(r).toMatchObject({ ok: true });
    const { safetyCopy } = (r as { value: { safetyCopy: string } }).value;
    expect(villageNames(core)).toEqual(['东立村']);
    const before = new Database(safetyCopy, { readonly: true });
    expect(before.prepare('SELECT count(*) AS n FROM villages').get()).toEqual({ n: 2 });
    before.close();
    expect(listBackups(backupsDir(core.file)).map((b) => b.kind)).toContain('restore');
    // The core serves on the reopened file, writes included.
    await addVillage(core, '雁山村', '450311100202');
    expect(villageNames(core)).toEqual(['东立村', '雁山村']);
    const audit = core.db.prepare("SELECT action FROM audit_log WHERE table_name = 'backup' ORDER BY id DESC LIMIT 1").get();
    expect(audit).toEqual({ action: 'restore' });
  });

  it('refuses a damaged file, a non-ledger file, and warns before another installation’s backup', async () => {
    const core = await freshCore();
    const other = await freshCore({ file: path.join(tempDir(), 'other.db') });
    // Test cores share their id source; give this one another installation's identity.
    other.db.prepare("UPDATE settings SET value = json_set(value, '$.installationId', 'another-installation') WHERE key = 'installation'").run();
    for (let i = 0; i < 30; i++) await addVillage(other, `外村${i}`, `4503111002${String(i).padStart(2, '0')}`);
    const otherCopy = (await createBackup(other)).file;
    const r1 = await dispatch(core, 'backup.restore', { file: otherCopy });
    expect(r1).toMatchObject({ ok: false, error: { code: 'other_installation' } });
    const damaged = path.join(tempDir(), 'damaged.db');
    fs.copyFileSync(otherCopy, damaged);
    damageTablePage(damaged);
    expect(await dispatch(core, 'backup.restore', { file: damaged })).toMatchObject({ ok: false, error: { code: 'restore_invalid', message: expect.stringContaining('损坏') } });
    const text = path.join(tempDir(), 'notes.db');
    fs.writeFileSync(text, 'hello'.repeat(1000));
    expect(await dispatch(core, 'backup.restore', { file: text })).toMatchObject({ ok: false, error: { code: 'restore_invalid' } });
    expect(listBackups(backupsDir(core.file)).filter((b) => b.kind === 'restore')).toEqual([]);
    const r2 = await dispatch(core, 'backup.restore', { file: otherCopy, allowOtherInstallation: true });
    expect(r2.ok).toBe(true);
    expect(villageNames(core)).toHaveLength(30);
  });

  it('holds other calls while the file is swapped, so none is served on a closed handle', async () => {
    const core = await freshCore();
    await addVillage(core, '东立村', '450311100200');
    const file = (await createBackup(core)).file;
    const calls = [dispatch(core, 'backup.restore', { file }), ...Array.from({ length: 20 }, () => dispatch(core, 'villages.list', {}))];
    const results = await Promise.all(calls);
    expect(results.every((r) => r.ok)).toBe(true);
  });
});

describe('a damaged database at start', () => {
  it('opens in the damaged state without migrating, serves only status and restore, and restores from a backup', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'ledger.db');
    const core = await freshCore({ file });
    for (let i = 0; i < 30; i++) await addVillage(core, `村${i}`, `4503111002${String(i).padStart(2, '0')}`);
    const copy = (await createBackup(core)).file;
    core.close();
    damageTablePage(file);
    await expect(openStore(file)).rejects.toMatchObject({ code: 'db_damaged' });
    const bytes = fs.readFileSync(file);

    const hurt = await openCore(file, { now: steppingClock('2026-04-01T00:00:00Z'), newId: counterIds() });
    try {
      const status = await dispatch(hurt, 'app.status', {});
      expect(status).toMatchObject({ ok: true, value: { damaged: expect.stringContaining('已损坏'), setup: null } });
      expect(await dispatch(hurt, 'villages.list', {})).toMatchObject({ ok: false, error: { code: 'db_damaged' } });
      expect(fs.readFileSync(file).equals(bytes)).toBe(true);
      const list = await dispatch(hurt, 'backup.list', {});
      expect((list as { value: { backups: { file: string }[] } }).value.backups.map((b) => b.file)).toEqual([copy]);
      const aside = await dispatch(hurt, 'backup.exportDamaged', {});
      expect(aside).toMatchObject({ ok: true, value: { fileName: expect.stringMatching(/\.damaged\./) } });

      const r = await restoreBackup(hurt, { file: copy, allowOtherInstallation: false });
      expect(fs.existsSync(r.safetyCopy)).toBe(true);
      expect(hurt.damaged).toBeNull();
      expect(villageNames(hurt)).toHaveLength(30);
      expect(await dispatch(hurt, 'app.status', {})).toMatchObject({ ok: true, value: { damaged: null, setup: { unitName: '雁山镇' } } });
    } finally {
      hurt.close();
    }
  });
});
