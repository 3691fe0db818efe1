import type { Database } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Copies a live database with SQLite's online backup API. The copy is written under a
 * temporary name and renamed only when complete, so a file with the final name is always a
 * whole database.
 */
export async function backupDatabase(db: Database, dest: string): Promise<string> {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.${process.pid}.tmp`;
  try {
    await db.backup(tmp);
    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, dest);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return dest;
}

/** `<dir>/backups/<name>.v<version>.<timestamp>.db` beside the database file. */
export function backupPathFor(dbFile: string, version: number, when: Date): string {
  const stamp = when.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const base = path.basename(dbFile).replace(/\.[^.]*$/, '');
  return path.join(path.dirname(dbFile), 'backups', `${base}.v${version}.${stamp}.db`);
}
