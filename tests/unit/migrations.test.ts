import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FutureVersionError } from '../../db/errors';
import { migrations, LATEST_VERSION } from '../../db/migrations';
import { openStore, PAGE_SIZE } from '../../db/open';
import { SYNC_COLUMNS } from '../../db/sync';
import { SYNC_TABLES } from '../../db/tables';
import { tempDir } from '../helpers/tmp';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('opening the store', () => {
  it('creates a new file at the latest version with WAL, FULL sync and foreign keys', async () => {
    const file = path.join(tempDir(), 'sub', 'new.db');
    const { db, version, backupFile } = await openStore(file);
    expect(version).toBe(LATEST_VERSION);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
    expect(backupFile).toBeNull();
    db.close();
  });

  it('keeps the page size an existing file was made with (4 KB before 2026-12-01)', async () => {
    const file = path.join(tempDir(), 'small-pages.db');
    const made = new Database(file);
    made.pragma('journal_mode = WAL');
    made.exec('CREATE TABLE kept (x INTEGER)');
    expect(made.pragma('page_size', { simple: true })).toBe(4096);
    made.exec('DROP TABLE kept');
    made.close();
    const { db, version } = await openStore(file);
    expect(version).toBe(LATEST_VERSION);
    expect(db.pragma('page_size', { simple: true })).toBe(4096);
    expect(db.prepare('SELECT count(*) AS n FROM villages').get()).toEqual({ n: 0 });
    db.close();
  });

  it('migrates an older database with rows to the newest, keeping every row, after a backup', async () => {
    const file = path.join(tempDir(), 'old.db');
    const old = await openStore(file, { target: 2 });
    expect(old.version).toBe(2);
    const insert = old.db.prepare(
      `INSERT INTO villages (id, created_at, updated_at, seq, version, deleted_at, origin, code, name, kind, secretary, key_village, relocation)
       VALUES (?, '2025-01-01T00:00:00.000Z', '2025-01-02T00:00:00.000Z', ?, 1, ?, 'inst-1', ?, ?, '行政村', ?, ?, 0)`,
    );
    insert.run('v-1', 1, null, '450311100200', '东立村', '李四', 1);
    insert.run('v-2', 2, '2025-03-01T00:00:00.000Z', '450311100201', '枫林村', null, 0);
    old.db.prepare('UPDATE sync_clock SET seq = 2').run();
    const before = old.db.prepare('SELECT * FROM villages ORDER BY id').all();
    old.db.close();

    const { db, version, migratedFrom, backupFile } = await openStore(file, { now: () => new Date('2026-02-03T04:05:06Z') });
    expect(migratedFrom).toBe(2);
    expect(version).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT * FROM villages ORDER BY id').all()).toEqual(before);
    expect(db.prepare('SELECT seq FROM sync_clock').get()).toEqual({ seq: 2 });
    // The new table works against the migrated rows (foreign key to villages).
    db.prepare(
      `INSERT INTO village_years (id, created_at, updated_at, seq, version, origin, village_id, year, stars, income_fen)
       VALUES ('y-1', 'a', 'a', 3, 1, 'inst-1', 'v-1', 2025, 4, 1500000)`,
    ).run();
    expect(() =>
      db.prepare(`INSERT INTO village_years (id, created_at, updated_at, seq, version, origin, village_id, year) VALUES ('y-2','a','a',4,1,'i','nope',2025)`).run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();

    expect(backupFile).toMatch(/old\.v2\.20260203T040506\.db$/);
    const copy = new Database(backupFile!, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(2);
    expect(copy.prepare('SELECT * FROM villages ORDER BY id').all()).toEqual(before);
    copy.close();
  });

  it('refuses a database from a newer version and leaves the file untouched', async () => {
    const file = path.join(tempDir(), 'future.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE x (a); INSERT INTO x VALUES (1);');
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    const hash = sha(file);
    const err = await openStore(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FutureVersionError);
    expect((err as FutureVersionError).code).toBe('db_from_future');
    expect((err as Error).message).toContain('高于本程序支持的版本');
    expect(sha(file)).toBe(hash);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['future.db']);
  });

  it('refuses a file that is not a database with a clear message', async () => {
    const file = path.join(tempDir(), 'notes.db');
    fs.writeFileSync(file, '这不是数据库'.repeat(200));
    await expect(openStore(file)).rejects.toThrow(/不是本程序的数据库或已损坏/);
  });

  it('rolls back every step of a failed migration batch', async () => {
    const file = path.join(tempDir(), 'fail.db');
    (await openStore(file, { target: 1 })).db.close();
    const broken = [...migrations.slice(0, 2), { version: 3, name: 'broken', sql: 'CREATE TABLE oops (a); SELECT * FROM no_such_table;' }];
    await expect(openStore(file, { migrations: broken })).rejects.toThrow(/no_such_table/);
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => (r as { name: string }).name);
    expect(tables).not.toContain('villages');
    expect(tables).not.toContain('oops');
    db.close();
  });
});

describe('schema', () => {
  it('every sync table carries the sync columns, a unique change-sequence index and its declared columns', async () => {
    const { db } = await openStore(path.join(tempDir(), 's.db'));
    for (const t of SYNC_TABLES) {
      const cols = (db.prepare(`PRAGMA table_info(${t.name})`).all() as { name: string; pk: number }[]).map((c) => c.name);
      expect(cols, t.name).toEqual([...SYNC_COLUMNS, ...t.columns]);
      const idx = db.prepare(`PRAGMA index_list(${t.name})`).all() as { name: string; unique: number }[];
      const seqIdx = idx.find((i) => (db.prepare(`PRAGMA index_info(${i.name})`).all() as { name: string }[]).map((c) => c.name).join() === 'seq');
      expect(seqIdx?.unique, `${t.name} seq index`).toBe(1);
    }
    db.close();
  });

  it('matches the reviewed snapshot (a change here needs a new migration, not an edit)', async () => {
    const { db } = await openStore(path.join(tempDir(), 's.db'));
    const schema = (db.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type DESC, name").all() as { sql: string }[])
      .map((r) => r.sql.trim() + ';')
      .join('\n\n');
    db.close();
    await expect(schema + '\n').toMatchFileSnapshot('./__snapshots__/schema.sql');
  });
});
