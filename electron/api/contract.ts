import type { z } from 'zod';
import type { ChannelName } from './channels';
import { auditContract } from './contracts/audit';
import { backupContract } from './contracts/backup';
import { lockContract } from './contracts/lock';
import { dashboardContract } from './contracts/dashboard';
import { syncContract } from './contracts/sync';
import { cadresContract } from './contracts/cadres';
import { excelContract } from './contracts/excel';
import { floatingContract } from './contracts/floating';
import { projectsContract } from './contracts/projects';
import { reportsContract } from './contracts/reports';
import { revealContract } from './contracts/reveal';
import { setupContract } from './contracts/setup';
import { villagesContract } from './contracts/villages';

/**
 * The whole API between the renderer and the main process: for every channel its input schema
 * (validated at the boundary by dispatch) and its output type. Each domain keeps its channels in
 * contracts/<domain>.ts; this file joins them. Both hosts, the renderer's client and the tests
 * take their types from here.
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
  ...auditContract,
  ...backupContract,
  ...lockContract,
  ...dashboardContract,
} satisfies Record<ChannelName, { input: z.ZodType; output: unknown }>;

export type * from './contracts/common';
export type * from './contracts/setup';
export type * from './contracts/villages';
export type * from './contracts/cadres';
export type * from './contracts/audit';
export type * from './contracts/backup';
export type * from './contracts/lock';
export type * from './contracts/dashboard';
export type * from './contracts/sync';
export type * from './contracts/projects';
export type * from './contracts/reports';
export type * from './contracts/floating';
export type * from './contracts/reveal';

export type Contract = typeof contract;
export type Input<K extends ChannelName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends ChannelName> = z.output<Contract[K]['input']>;
export type Output<K extends ChannelName> = Contract[K]['output'];

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
