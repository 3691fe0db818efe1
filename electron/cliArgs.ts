import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Core } from './core';
import { openApp } from './startup';

/** Argument helpers shared by the CLI's command modules. */

export class UsageError extends Error {}

export type Args = Record<string, string | boolean | undefined> & { _: string[] };

export function parse(args: string[], options: ParseArgsConfig['options'], positionals = false): Args {
  try {
    const r = parseArgs({ args, options, strict: true, allowPositionals: positionals });
    return Object.assign({}, r.values as Record<string, string | boolean | undefined>, { _: r.positionals });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function need(values: Record<string, unknown>, key: string): string {
  const v = values[key];
  if (typeof v !== 'string' || v === '') throw new UsageError(`缺少参数 --${key}`);
  return v;
}

export async function withCore<T>(file: string, fn: (core: Core) => T | Promise<T>, opts: Parameters<typeof openApp>[1] = {}): Promise<T> {
  const core = await openApp(file, opts);
  try {
    return await fn(core);
  } finally {
    core.close();
  }
}
