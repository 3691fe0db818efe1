import type { z } from 'zod';
import type { Channel } from './channel';
import type { ChannelName } from './channels';
import { auditContract } from './contracts/audit';
import { backupContract } from './contracts/backup';
import { lockContract } from './contracts/lock';
import { dashboardContract } from './contracts/dashboard';
import { syncContract } from './contracts/sync';
import { cadresContract } from './contracts/cadres';
import { excelContract } from './contracts/excel';
import { floatingContract } from './contracts/floating';
import { partyDevContract } from './contracts/partyDev';
import { projectsContract } from './contracts/projects';
import { reportsContract } from './contracts/reports';
import { revealContract } from './contracts/reveal';
import { setupContract } from './contracts/setup';
import { villagesContract } from './contracts/villages';
import { starsContract } from './contracts/stars';
import { villageSyncContract } from './contracts/villageSync';

/**
 * The whole API between the renderer and the main process: every channel declared once (see
 * channel.ts) with its input schema (validated at the boundary by dispatch), its output type, and
 * who may call it. Each domain keeps its channels in contracts/<domain>.ts; this file joins them.
 * The channel list (channels.ts, generated), both hosts, the renderer's client and the tests take
 * their names and types from here; the handlers live in the services.
 */
export const contract = {
  ...setupContract,
  ...villagesContract,
  ...cadresContract,
  ...floatingContract,
  ...projectsContract,
  ...reportsContract,
  ...excelContract,
  ...revealContract,
  ...syncContract,
  ...villageSyncContract,
  ...auditContract,
  ...backupContract,
  ...lockContract,
  ...dashboardContract,
  ...partyDevContract,
  ...starsContract,
} satisfies Record<string, Channel<z.ZodType, unknown>>;

export type * from './contracts/common';
export type * from './contracts/setup';
export type * from './contracts/villages';
export type * from './contracts/cadres';
export type * from './contracts/audit';
export type * from './contracts/backup';
export type * from './contracts/lock';
export type * from './contracts/dashboard';
export type * from './contracts/sync';
export type * from './contracts/villageSync';
export type * from './contracts/projects';
export type * from './contracts/reports';
export type * from './contracts/floating';
export type * from './contracts/reveal';
export type * from './contracts/partyDev';
export type * from './contracts/stars';
export type * from './contracts/excel';

export type Contract = typeof contract;
export type Input<K extends ChannelName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends ChannelName> = z.output<Contract[K]['input']>;
/** A channel's declared output (results travel as JSON, so no output is ever undefined). */
export type Output<K extends ChannelName> = Exclude<Contract[K]['output'], undefined>;

export interface FieldError {
  path: (string | number)[];
  message: string;
}

export interface ApiError {
  code: string;
  message: string;
  fields?: FieldError[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };
