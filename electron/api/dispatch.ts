import type { z } from 'zod';
import type { Core } from '../core';
import type { Channel } from './channel';
import { isChannel, type ChannelName } from './channels';
import { contract, type ApiError, type Output, type ParsedInput, type Result } from './contract';
import { fromUnknown, fromZod } from './errors';
import { handlers } from './handlers';
import { guard } from './guard';

export type Handler<K extends ChannelName> = (core: Core, input: ParsedInput<K>) => Output<K> | Promise<Output<K>>;
export type Handlers = { [K in ChannelName]: Handler<K> };

export type Declarations = { readonly [K in ChannelName]: Channel<z.ZodType, unknown> };

/**
 * The single entry to the core for both hosts. What a channel's declaration states (the roles
 * that may call it, the lock, a damaged store) is enforced before its payload is read; every
 * payload is then validated against the channel's schema before a handler sees it. Every failure
 * comes back as data, never as a thrown error, so a bad call can neither crash the process nor
 * leave a partial write (handlers write in one transaction).
 */
export const dispatch = dispatcher(contract);

/** Dispatch over a set of declarations: the app's are contract.ts; tests pass broken ones to see their checks fail. */
export function dispatcher(declared: Declarations) {
  return async (core: Core, name: unknown, payload: unknown): Promise<Result<unknown>> => {
    if (!isChannel(name)) return { ok: false, error: { code: 'unknown_channel', message: '未知的操作' } };
    // A write waits for the start-up check (reads are served meanwhile), outside the gate: a check
    // that finds damage takes the gate's exclusive side to close the store.
    if (declared[name].meta.writes && core.checking) await core.checked({ now: true });
    // Shared with every other call, except a restore, which runs alone (no call sees a closed handle).
    // Passive reads (progress and status asks) pass a call running part of itself alone (gate.ts).
    const serve = () => serveChannel(core, name, declared[name], payload);
    const { exclusive, passive, writes } = declared[name].meta;
    return exclusive ? core.gate.exclusive(serve) : core.gate.shared(serve, { passThrough: passive === true && !writes });
  };
}

async function serveChannel(core: Core, name: ChannelName, declared: Channel<z.ZodType, unknown>, payload: unknown): Promise<Result<unknown>> {
  let refusal;
  try {
    refusal = guard(core, declared.meta);
  } catch (err) {
    return { ok: false, error: fromUnknown(err) };
  }
  if (refusal) return { ok: false, error: refusal };
  // Only an absent payload means "no fields". Every input is a plain object: zod reads null, a
  // Date, a Map or an Error (all of which IPC can carry) as {}, which let backup.create write a
  // file and lock.lock lock the app on a call that named nothing.
  const input = payload === undefined ? {} : payload;
  if (!isPlainObject(input)) return { ok: false, error: notAnObject() };
  const parsed = declared.input.safeParse(input);
  if (!parsed.success) return { ok: false, error: fromZod(parsed.error) };
  try {
    const handler = handlers[name] as (core: Core, input: unknown) => unknown;
    return { ok: true, value: await handler(core, parsed.data) };
  } catch (err) {
    const error = fromUnknown(err);
    if (error.code === 'internal') logInternal(name, err);
    return { ok: false, error };
  }
}

const notAnObject = (): ApiError => ({ code: 'invalid', message: '填写内容有误：请求内容格式不正确', fields: [{ path: [], message: '请求内容格式不正确' }] });

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Logs the error class and stack frames only; messages can carry row values. */
function logInternal(channel: string, err: unknown): void {
  const e = err as Error;
  const frames = (e?.stack ?? '').split('\n').slice(1, 6).join('\n');
  console.error(`[api] ${channel} failed: ${e?.name ?? typeof err} ${(e as { code?: string })?.code ?? ''}\n${frames}`);
}
