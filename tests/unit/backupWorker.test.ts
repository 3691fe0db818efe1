import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../db/backup';
import { checkFileInWorker } from '../../db/checkWorker';
import { damageTablePage } from '../helpers/damage';
import { tempDir } from '../helpers/tmp';

/** A live WAL database of about `mb` megabytes (4 KB rows), as the store keeps it. */
function bigDatabase(mb: number): Database.Database {
  const db = new Database(path.join(tempDir(), 'big.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB NOT NULL); CREATE INDEX filler_body ON filler (substr(body, 1, 8));');
  const insert = db.prepare('INSERT INTO filler (body) VALUES (randomblob(4000))');
  db.transaction(() => {
    for (let i = 0; i < mb * 256; i++) insert.run();
  })();
  return db;
}

/** Waits, turn by turn of the event loop, until `cond` holds (no fixed sleeps). */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setImmediate(r));
}

const backupsIn = (dir: string) => fs.readdirSync(dir);

describe('backups checked off the main thread', () => {
  it('keeps the event loop turning while the copy is checked, and the copy is whole', async () => {
    const db = bigDatabase(4);
    const dest = path.join(tempDir(), 'copy.v1.20260105T080000.manual.db');
    let turned = false;
    // With the check on the main thread, nothing queued after the copy could run before it ended.
    await backupDatabase(db, dest, { afterCopy: () => setImmediate(() => (turned = true)) });
    expect(turned).toBe(true);
    const copy = new Database(dest, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 4 * 256 });
    copy.close();
    db.close();
  });

  it('stops a backup aborted during the copy: no final file, the temporary file removed', async () => {
    const db = bigDatabase(6);
    const dir = tempDir();
    const dest = path.join(dir, 'big.v1.20260105T080000.auto.db');
    const ctl = new AbortController();
    const made = backupDatabase(db, dest, { signal: ctl.signal });
    await until(() => backupsIn(dir).some((n) => n.endsWith('.tmp')));
    ctl.abort();
    await expect(made).rejects.toMatchObject({ code: 'backup_aborted' });
    expect(backupsIn(dir)).toEqual([]);
    db.close();
  });

  it('stops a backup aborted while its copy is being checked in the worker', async () => {
    const db = bigDatabase(6);
    const dir = tempDir();
    const dest = path.join(dir, 'big.v1.20260105T080000.auto.db');
    const ctl = new AbortController();
    // The worker is started right after this hook returns; the abort lands while it runs.
    const made = backupDatabase(db, dest, { signal: ctl.signal, afterCopy: () => setImmediate(() => ctl.abort()) });
    await expect(made).rejects.toMatchObject({ code: 'backup_aborted' });
    expect(backupsIn(dir)).toEqual([]);
    // The live database is untouched and a later backup works.
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    await expect(backupDatabase(db, dest)).resolves.toBe(dest);
    db.close();
  });

  it('reports integrity problems of a file from the worker, and never alters a file it only checks', async () => {
    const db = bigDatabase(1);
    const dir = tempDir();
    const good = await backupDatabase(db, path.join(dir, 'a.v1.20260105T080000.manual.db'));
    db.close();
    expect(await checkFileInWorker(good, 'integrity_check')).toBeNull();
    const bad = path.join(dir, 'bad.db');
    fs.copyFileSync(good, bad);
    damageTablePage(bad, 'filler');
    const bytes = fs.readFileSync(bad);
    expect(await checkFileInWorker(bad, 'integrity_check')).toMatch(/\S/);
    expect(fs.readFileSync(bad).equals(bytes)).toBe(true);
    const text = path.join(dir, 'notes.db');
    fs.writeFileSync(text, 'hello'.repeat(1000));
    expect(await checkFileInWorker(text, 'integrity_check')).toMatch(/not a database/);
  });
});
