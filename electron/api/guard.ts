import type { Core } from '../core';
import { lockGuard } from '../services/lock';
import type { ChannelName } from './channels';
import type { ApiError } from './contract';

/** What a damaged store still serves: its status and the way out (restore, or keep the file aside). */
const WHEN_DAMAGED = new Set<ChannelName>(['app.status', 'backup.list', 'backup.restore', 'backup.exportDamaged']);

/** Channels that replace the database file: they run alone (see gate.ts). */
const EXCLUSIVE = new Set<ChannelName>(['backup.restore']);

export const isExclusive = (name: ChannelName) => EXCLUSIVE.has(name);

/**
 * Refusals that do not depend on the payload, checked before it is even parsed: a damaged store,
 * and the app lock (enforced here, in the core, not only by the lock screen).
 */
export function guard(core: Core, name: ChannelName): ApiError | null {
  if (core.damaged) return WHEN_DAMAGED.has(name) ? null : { code: 'db_damaged', message: core.damaged.message };
  return lockGuard(core, name);
}
