import type { FormInstance } from 'antd';
import type { ApiError, Input, Output } from '../../../electron/api/contract';
import { WRITING, type ChannelName } from '../../../electron/api/channels';
import { toast } from './feedback';
import { clearWhenEdited } from './serverErrors';
import { send } from './transport';

/** A refused or failed call; `error` is the host's ApiError (Chinese message, optional fields). */
export class ApiFailure extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiFailure';
    this.error = error;
  }
}

let lockedListener: (() => void) | null = null;

/** Root registers here to show the lock screen when the core refuses a call as locked. */
export function onLocked(fn: (() => void) | null): void {
  lockedListener = fn;
}

/** Calls made ahead of the page that needs them (callEarly), by channel and payload. */
const early = new Map<string, Promise<unknown>>();
/**
 * How long an early call's answer waits, once in, for the page's own identical call: long
 * enough for the page's code to load and render on a busy PC (asked again otherwise); writes
 * drop it at once, so it is never older news than the clerk's own changes.
 */
const EARLY_KEPT_MS = 10_000;

/**
 * Starts a read the page about to be shown will make, before it renders: a menu click asks for
 * the register's first page while the page's code renders its frame, instead of after. The
 * page's own first call with the same channel and payload takes this one's answer (once); an
 * answer nobody took is dropped a few seconds after it came in, or at once when a write is made
 * (it would show the list as it was before the write). For reads only (lists).
 */
export function callEarly<K extends ChannelName>(name: K, input: Input<K>): void {
  const key = `${name} ${JSON.stringify(input)}`;
  if (early.has(key)) return;
  const p = call(name, input);
  early.set(key, p);
  const drop = () => setTimeout(() => early.get(key) === p && early.delete(key), EARLY_KEPT_MS);
  p.then(drop, drop);
}

/** The one typed entry to the host. Resolves with the channel's output or throws ApiFailure. */
export async function call<K extends ChannelName>(name: K, input: Input<K>): Promise<Output<K>> {
  // A write makes every answer asked for ahead of it stale: the pages ask again after it.
  if (early.size > 0 && WRITING.has(name)) early.clear();
  else if (early.size > 0) {
    const key = `${name} ${JSON.stringify(input)}`;
    const made = early.get(key);
    if (made) {
      early.delete(key);
      return made as Promise<Output<K>>;
    }
  }
  const sent = send(name, input);
  if (WRITING.has(name)) hintWhileChecking(sent);
  const result = await sent;
  if (!result.ok) {
    if (result.error.code === 'locked') lockedListener?.();
    throw new ApiFailure(result.error);
  }
  return result.value as Output<K>;
}

/** How long a save runs before the clerk is told why, if it is waiting for the start-up check. */
const CHECK_HINT_AFTER_MS = 300;
const CHECK_HINT_KEY = 'store-check';
const CHECK_HINT = '正在进行启动时的数据库例行检查，检查完成后即继续本次操作，请稍候…';

/**
 * A save made soon after the app opened waits for the start-up check of the database file (the
 * store takes no write before it has passed): some 10 s for a district's 1.4 GB file, during
 * which the button only spun. If the save is still out after a moment and the host says the
 * check is what it waits for, a message says so until the save is answered.
 */
function hintWhileChecking(pending: Promise<unknown>): void {
  let answered = false;
  let shown = false;
  const timer = setTimeout(() => {
    void send('app.status', {}).then((r) => {
      if (answered || !r.ok || !(r.value as { checking?: boolean }).checking) return;
      shown = true;
      void toast().open({ type: 'loading', content: CHECK_HINT, key: CHECK_HINT_KEY, duration: 0 });
    });
  }, CHECK_HINT_AFTER_MS);
  const done = () => {
    answered = true;
    clearTimeout(timer);
    if (shown) toast().destroy(CHECK_HINT_KEY);
  };
  pending.then(done, done);
}

export const GENERIC_ERROR = '操作未完成，请重试；如仍出现，请联系区委组织部信息化人员。';

export function errorMessage(err: unknown): string {
  return err instanceof ApiFailure ? err.error.message : GENERIC_ERROR;
}

export function showError(err: unknown): void {
  void toast().error(errorMessage(err));
}

type NamePath = (string | number)[];
const samePath = (a: NamePath, b: readonly (string | number)[]) => a.length === b.length && a.every((p, i) => p === b[i]);

/**
 * Puts the server's field errors under the matching form items (paths equal the input keys,
 * e.g. ['years', 0, 'income']), each until the clerk changes that field. Returns true if at least
 * one field matched, so the caller does not also toast.
 */
export function applyFieldErrors(form: FormInstance, err: unknown): boolean {
  if (!(err instanceof ApiFailure) || !err.error.fields?.length) return false;
  const registered = form.getFieldsError().map((f) => f.name as NamePath);
  const byPath = new Map<string, { name: NamePath; errors: string[] }>();
  for (const f of err.error.fields) {
    const name = registered.find((r) => samePath(r, f.path));
    if (!name) continue;
    const key = JSON.stringify(name);
    const entry = byPath.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(f.message)) entry.errors.push(f.message);
    byPath.set(key, entry);
  }
  const fields = [...byPath.values()];
  if (!fields.length) return false;
  form.setFields(fields.map((f) => ({ name: f.name, errors: f.errors })));
  clearWhenEdited(form, fields);
  // Focus too: the clerk corrects the field at once instead of tabbing back from 保存.
  form.scrollToField(fields[0]!.name, { block: 'center', focus: true });
  return true;
}

/** Field errors where they belong, otherwise a toast. */
export function reportError(form: FormInstance | null, err: unknown): void {
  if (form && applyFieldErrors(form, err)) return;
  showError(err);
}
