import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupsDir, listBackups } from '../../db/backup';
import { openStore } from '../../db/open';
import { LATEST_VERSION } from '../../db/migrations';
import { expectedSchema, normalizeSql, schemaDiff, schemaOf } from '../../db/schemaCheck';
import { dispatch } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';
import { createBackup } from '../../electron/services/backup';
import { freshCore } from '../helpers/core';
import { trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const villageNames = (core: Core) => (core.db.prepare('SELECT name FROM villages WHERE deleted_at IS NULL ORDER BY name').all() as { name: string }[]).map((r) => r.name);
const districtKey = (core: Core) => (core.db.prepare("SELECT value FROM settings WHERE key = 'sync.districtPublic'").get() as { value: string } | undefined)?.value;

async function addVillage(core: Core, name: string, code: string): Promise<void> {
  const r = await dispatch(core, 'villages.create', { name, code, kind: '行政村' });
  if (!r.ok) throw new Error(r.error.message);
}

/**
 * A genuine backup of `core`, copied alone into a folder of its own and altered by `sql`, as an
 * attacker with the file would. `wal`: left in WAL mode, so merely opening it read-only with
 * SQLite would create `-wal`/`-shm` beside it.
 */
async function tampered(core: Core, sql: string, wal = true): Promise<string> {
  const made = (await createBackup(core)).file;
  const file = path.join(tempDir(), 'ledger.v8.20260105T080000.manual.db');
  fs.copyFileSync(made, file);
  fs.rmSync(made);
  const db = new Database(file);
  db.exec(sql);
  if (wal) db.pragma('journal_mode = WAL');
  db.close();
  expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
  return file;
}

/** Restores `file` and expects a refusal naming `named`; nothing changes and nothing is left beside the file. */
async function refused(core: Core, file: string, named: RegExp): Promise<string> {
  const bytes = sha(file);
  const names = villageNames(core);
  const key = districtKey(core);
  const r = await dispatch(core, 'backup.restore', { file });
  expect(r.ok).toBe(false);
  const { code, message } = (r as { error: { code: string; message: string } }).error;
  expect(code).toBe('restore_invalid');
  expect(message).toMatch(named);
  expect(villageNames(core)).toEqual(names);
  expect(districtKey(core)).toBe(key);
  // No safety copy (nothing was replaced), no temporary copy, nothing beside the candidate.
  expect(listBackups(backupsDir(core.file)).filter((b) => b.kind === 'restore')).toEqual([]);
  expect(fs.readdirSync(backupsDir(core.file)).filter((n) => /\.tmp/.test(n))).toEqual([]);
  expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
  expect(sha(file)).toBe(bytes);
  return message;
}

describe('restore accepts only the schema this version expects', () => {
  it('refuses a real backup with an extra trigger that would rewrite the district key, naming it; live data untouched', async () => {
    const core = await freshCore();
    trustDistrict(core);
    await addVillage(core, '东立村', '450311100200');
    const evil = await tampered(
      core,
      `CREATE TRIGGER keep_my_key AFTER INSERT ON audit_log BEGIN
         UPDATE settings SET value = '"attacker-key"' WHERE key = 'sync.districtPublic';
       END;`,
    );
    const message = await refused(core, evil, /多出触发器“keep_my_key”/);
    expect(message).toContain(`第 ${LATEST_VERSION} 版`);

    // The trigger would indeed have fired on the next save: shown on a copy restored by hand.
    const proof = path.join(tempDir(), 'proof.db');
    fs.copyFileSync(evil, proof);
    const raw = new Database(proof);
    raw.prepare("INSERT INTO audit_log (at, operator, installation_id, table_name, row_id, action) VALUES ('x', 'x', 'x', 'x', 'x', 'x')").run();
    expect(raw.prepare("SELECT value FROM settings WHERE key = 'sync.districtPublic'").get()).toEqual({ value: '"attacker-key"' });
    raw.close();

    // Saves after the refusal leave the key alone.
    await addVillage(core, '枫林村', '450311100201');
    expect(districtKey(core)).not.toContain('attacker');
  });

  it('refuses an extra view, an extra table, a dropped index and an altered table, naming each', async () => {
    const core = await freshCore();
    await addVillage(core, '东立村', '450311100200');
    await refused(core, await tampered(core, 'CREATE VIEW everyone AS SELECT * FROM villages;'), /多出视图“everyone”/);
    await refused(core, await tampered(core, 'CREATE TABLE stash (x TEXT);', false), /多出表“stash”/);
    await refused(core, await tampered(core, 'DROP INDEX villages_code_live;'), /缺少索引“villages_code_live”/);
    await refused(core, await tampered(core, 'ALTER TABLE villages ADD COLUMN extra TEXT;'), /定义不同的表“villages”/);
    // A name built to garble the message is shown without its direction controls.
    const garbled = await refused(core, await tampered(core, 'CREATE TABLE "a\u202Eb" (x);'), /多出表“ab”/);
    expect(garbled).not.toMatch(/\u202E/);
  });

  it('checks an older backup against what migrations 1..v create, and still restores a genuine one', async () => {
    const core = await freshCore();
    await addVillage(core, '东立村', '450311100200');
    const installation = (core.db.prepare("SELECT value FROM settings WHERE key = 'installation'").get() as { value: string }).value;
    const older = async (extra: string) => {
      const file = path.join(tempDir(), 'ledger.v2.20250101T000000.manual.db');
      const { db } = await openStore(file, { target: 2 });
      db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('installation', ?)").run(installation);
      db.prepare(
        `INSERT INTO villages (id, created_at, updated_at, seq, version, origin, code, name, kind, key_village, relocation)
         VALUES ('v-old', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 1, 1, 'x', '450311100300', '旧村', '行政村', 0, 0)`,
      ).run();
      db.exec(extra);
      db.close();
      for (const s of ['-wal', '-shm']) fs.rmSync(`${file}${s}`, { force: true });
      return file;
    };
    // Version 2 has no cadres table: a file claiming version 2 with one is refused.
    await refused(core, await older('CREATE TABLE cadres (id TEXT);'), /第 2 版.*多出表“cadres”/);

    const genuine = await older('');
    const r = await dispatch(core, 'backup.restore', { file: genuine });
    expect(r).toMatchObject({ ok: true });
    expect(villageNames(core)).toEqual(['旧村']);
    expect(core.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(schemaDiff(schemaOf(core.db), expectedSchema(LATEST_VERSION))).toEqual({ extra: [], missing: [], changed: [] });
    expect(fs.readdirSync(path.dirname(genuine))).toEqual([path.basename(genuine)]);
  });

  it('restores a genuine backup in WAL mode with committed changes still in its WAL, leaving nothing beside it', async () => {
    const core = await freshCore();
    await addVillage(core, '东立村', '450311100200');
    const file = path.join(tempDir(), 'copy.db');
    fs.copyFileSync((await createBackup(core)).file, file);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.prepare("UPDATE villages SET name = '东立新村'").run();
    // Keep the WAL as a crashed app would: copy both files while the writer is still open.
    const crashed = path.join(tempDir(), 'crashed.db');
    fs.copyFileSync(file, crashed);
    fs.copyFileSync(`${file}-wal`, `${crashed}-wal`);
    db.close();
    await addVillage(core, '枫林村', '450311100201');
    const r = await dispatch(core, 'backup.restore', { file: crashed });
    expect(r).toMatchObject({ ok: true });
    expect(villageNames(core)).toEqual(['东立新村']);
    expect(fs.readdirSync(path.dirname(crashed)).sort()).toEqual(['crashed.db', 'crashed.db-wal']);
  });

  it('compares SQL by its tokens, not its layout, and quoted text exactly', () => {
    expect(normalizeSql('CREATE  TABLE t (\n  a TEXT )')).toBe('CREATE TABLE t ( a TEXT )');
    expect(normalizeSql("CHECK (a <> '  x ')")).toBe("CHECK (a <> '  x ')");
    expect(normalizeSql("CHECK (a <> ' x ')")).not.toBe(normalizeSql("CHECK (a <> '  x ')"));
  });
});
