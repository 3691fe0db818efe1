import path from 'node:path';
import { backupDatabase, backupsDir, newBackupPath } from '../db/backup';
import { schemaVersion } from '../db/migrate';
import { StoreError } from '../db/errors';
import { need, parse, withCore } from './cliArgs';

/**
 * `backup --db FILE [--out FOLDER]`: a checked copy made with the backup API (temporary name,
 * integrity_check, then rename), in FOLDER or the backups folder beside the database. Prints the
 * copy's path. Opening the store also removes temporary files a killed backup left behind.
 */

export const BACKUP_USAGE = `  backup --db FILE [--out FOLDER]                 （默认备份到数据库旁的 backups 文件夹）`;

async function backup(args: string[]): Promise<void> {
  const v = parse(args, { db: { type: 'string' }, out: { type: 'string' } });
  const file = need(v, 'db');
  await withCore(file, async (core) => {
    if (core.damaged) throw new StoreError('db_damaged', core.damaged.message);
    const folder = typeof v.out === 'string' && v.out ? path.resolve(v.out) : backupsDir(file);
    const dest = await backupDatabase(core.db, newBackupPath(file, schemaVersion(core.db), core.now(), 'manual', folder));
    console.log(dest);
  });
}

export const BACKUP_COMMANDS = { backup };
