import type { z } from 'zod';
import type { Role } from '../../db/settings';

export type { Role };

/**
 * Who may call a channel and the rules dispatch applies before its handler runs. Handlers never
 * check these themselves: a new channel states them here, and dispatch enforces them for it.
 */
export interface ChannelMeta {
  /** The installations that may call it; any other is refused before the payload is read. */
  roles: readonly Role[];
  /** Changes the store or writes a file. A writing channel refused to a role is "read-only" there. */
  writes: boolean;
  /** Served while the app lock is on (the lock screen's own calls). */
  lockExempt?: boolean;
  /** Does not show the clerk is at the PC (status and progress polling): the idle timer keeps running. */
  passive?: boolean;
  /** Replaces the database file, so it runs alone (see gate.ts). */
  exclusive?: boolean;
  /** Still served when the store failed its check at start (status and the way out). */
  whenDamaged?: boolean;
}

/**
 * One channel: its input schema, its metadata, and its output type. The output exists only as a
 * type: the optional property is never set, so no value has to be faked for it.
 */
export interface Channel<I extends z.ZodType, O> {
  readonly input: I;
  readonly meta: ChannelMeta;
  readonly output?: O;
}

/**
 * Declares a channel: `channel<Output>()({ input, roles, writes, ... })`. Curried so the output
 * is named while the input's type is still inferred from the schema.
 */
export const channel =
  <O>() =>
  <I extends z.ZodType>({ input, ...meta }: { input: I } & ChannelMeta): Channel<I, O> => ({ input, meta });

// Whom a channel serves. 'village' is the coming 驻村版: it reads what a township reads, and writes
// only where a channel says so.
export const ALL_ROLES: readonly Role[] = ['township', 'district', 'village'];
export const TOWNSHIP: readonly Role[] = ['township'];
export const DISTRICT: readonly Role[] = ['district'];
/** Register writes a 驻村版 also makes, each limited by the service to its own village (services/villageScope.ts). */
export const TOWNSHIP_VILLAGE: readonly Role[] = ['township', 'village'];

export const ROLE_NAMES: Record<Role, string> = { township: '乡镇（街道）', district: '区县组织部', village: '驻村版' };
