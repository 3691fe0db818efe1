import { randomUUID } from 'node:crypto';
import { openStore, type DB } from '../db/open';
import { getInstallation, type Installation } from '../db/settings';
import type { WriteContext } from '../db/sync';
import { StoreError } from '../db/errors';

/**
 * What every service works with: the open store, this installation's identity, and the clock
 * and id source (injectable so tests and the seeder are deterministic).
 */
export interface Core {
  readonly db: DB;
  readonly file: string;
  readonly now: () => Date;
  readonly newId: () => string;
  installation(): Installation | null;
  /** The context for writes; refuses until setup is complete. */
  writer(): WriteContext;
  close(): void;
}

export interface CoreOptions {
  now?: () => Date;
  newId?: () => string;
}

export async function openCore(file: string, opts: CoreOptions = {}): Promise<Core> {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;
  const { db } = await openStore(file, { now });
  let cached: Installation | null | undefined;
  const core: Core = {
    db,
    file,
    now,
    newId,
    installation() {
      if (cached === undefined) cached = getInstallation(db);
      return cached;
    },
    writer() {
      const inst = getInstallation(db);
      cached = inst;
      if (!inst) throw new StoreError('not_setup', '尚未完成初始设置，请先设置本单位信息。');
      return { installationId: inst.installationId, operator: inst.operator, now: () => now().toISOString(), newId };
    },
    close() {
      if (db.open) {
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
      }
    },
  };
  return core;
}
