import Database from 'better-sqlite3';
import fs from 'node:fs';

/**
 * Damages a closed database file the way a failing disk does: overwrites the header of the
 * villages table's root page, so the file still opens (page 1 is intact) but its b-tree is broken.
 */
export function damageTablePage(file: string, table = 'villages'): void {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { rootpage: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (rootpage - 1) * pageSize);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
