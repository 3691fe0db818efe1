import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { getSetting, setSetting } from '../../db/settings';
import { appendAudit } from '../../db/sync';
import type { ChannelMeta } from '../api/channel';
import type { ApiError, LockStatus } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import { AppError } from '../api/errors';
import type { Core } from '../core';
import { writeTx } from '../../db/tx';

/**
 * App lock for shared office PCs (off by default). The password is kept only as an scrypt hash
 * with a random salt and its parameters, in this installation's settings. The lock is enforced by
 * the core (dispatch refuses every channel but app.status and lock.unlock while locked); the
 * renderer's lock screen and idle timer are only its face.
 */

interface LockConfig {
  enabled: boolean;
  idleMinutes: number;
  salt?: string;
  hash?: string;
  params?: { N: number; r: number; p: number; keylen: number };
}

const KEY = 'appLock';
const PARAMS = { N: 1 << 15, r: 8, p: 1, keylen: 32 };
const DEFAULT: LockConfig = { enabled: false, idleMinutes: 10 };

interface LockState {
  locked: boolean;
  lastActive: number;
  failures: number;
}

const states = new WeakMap<Core, LockState>();

function readConfig(core: Core): LockConfig {
  return { ...DEFAULT, ...(getSetting<LockConfig>(core.db, KEY) ?? {}) };
}

function stateOf(core: Core): LockState {
  let s = states.get(core);
  if (!s) {
    // The app starts locked when the lock is on.
    s = { locked: readConfig(core).enabled, lastActive: core.now().getTime(), failures: 0 };
    states.set(core, s);
  }
  return s;
}

function derive(password: string, salt: Buffer, p: { N: number; r: number; p: number; keylen: number }): Promise<Buffer> {
  const opts: ScryptOptions = { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, p.keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** scrypt hash of a new password: random 16-byte salt, parameters stored beside it. */
export async function hashPassword(password: string): Promise<Pick<LockConfig, 'salt' | 'hash' | 'params'>> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, PARAMS);
  return { salt: salt.toString('base64'), hash: hash.toString('base64'), params: { ...PARAMS } };
}

export async function verifyPassword(cfg: Pick<LockConfig, 'salt' | 'hash' | 'params'>, password: string): Promise<boolean> {
  if (!cfg.salt || !cfg.hash || !cfg.params) return false;
  const want = Buffer.from(cfg.hash, 'base64');
  const got = await derive(password, Buffer.from(cfg.salt, 'base64'), cfg.params);
  return got.length === want.length && timingSafeEqual(got, want);
}

function audit(core: Core, action: string, after: Record<string, unknown> | null = null): void {
  if (!core.installation()) return;
  writeTx(core.db, () => appendAudit(core.db, core.writer(), { table: 'app_lock', rowId: 'app_lock', action, seq: null, before: null, after }));
}

export function lockStatus(core: Core): LockStatus {
  if (core.damaged || !core.installation()) return { enabled: false, idleMinutes: DEFAULT.idleMinutes, locked: false };
  const cfg = readConfig(core);
  return { enabled: cfg.enabled, idleMinutes: cfg.idleMinutes, locked: cfg.enabled && stateOf(core).locked };
}

/**
 * Called by dispatch before every channel with the channel's declaration: locks after the idle
 * time, refuses while locked unless the channel is lock-exempt, and otherwise records the activity
 * unless the call is passive. Returns the refusal, or null to go ahead.
 */
export function lockGuard(core: Core, channel: Pick<ChannelMeta, 'lockExempt' | 'passive'>): ApiError | null {
  if (core.damaged || !core.installation()) return null;
  const cfg = readConfig(core);
  if (!cfg.enabled) return null;
  const s = stateOf(core);
  const now = core.now().getTime();
  if (!s.locked && now - s.lastActive > cfg.idleMinutes * 60_000) {
    s.locked = true;
    audit(core, 'lock', { reason: 'idle' });
  }
  if (s.locked && !channel.lockExempt) return { code: 'locked', message: '程序已锁定，请输入密码解锁后继续。' };
  if (!channel.passive) s.lastActive = now;
  return null;
}

async function requirePassword(core: Core, cfg: LockConfig, password: string, field: string): Promise<void> {
  if (await verifyPassword(cfg, password)) {
    stateOf(core).failures = 0;
    return;
  }
  const s = stateOf(core);
  s.failures++;
  audit(core, 'password_wrong');
  // A growing pause makes guessing at the keyboard slow; it never blocks other calls.
  await new Promise((r) => setTimeout(r, Math.min(300 * 2 ** Math.min(s.failures - 1, 5), 5000)));
  throw new AppError('wrong_password', '密码不正确，请重新输入。', [{ path: [field], message: '密码不正确' }]);
}

async function enable(core: Core, input: { password: string; idleMinutes: number }): Promise<LockStatus> {
  core.writer();
  if (readConfig(core).enabled) throw new AppError('lock_enabled', '已设置锁定密码；如需更换，请使用“修改密码”。');
  const hashed = await hashPassword(input.password);
  writeTx(core.db, () => {
    setSetting(core.db, KEY, { enabled: true, idleMinutes: input.idleMinutes, ...hashed });
    audit(core, 'enable', { idleMinutes: input.idleMinutes });
  });
  Object.assign(stateOf(core), { locked: false, lastActive: core.now().getTime() });
  return lockStatus(core);
}

async function disable(core: Core, input: { password: string }): Promise<LockStatus> {
  const cfg = readConfig(core);
  if (!cfg.enabled) return lockStatus(core);
  await requirePassword(core, cfg, input.password, 'password');
  writeTx(core.db, () => {
    setSetting(core.db, KEY, { enabled: false, idleMinutes: cfg.idleMinutes });
    audit(core, 'disable');
  });
  stateOf(core).locked = false;
  return lockStatus(core);
}

async function change(core: Core, input: { oldPassword: string; password: string }): Promise<LockStatus> {
  const cfg = readConfig(core);
  if (!cfg.enabled) throw new AppError('lock_disabled', '尚未启用锁定密码。');
  await requirePassword(core, cfg, input.oldPassword, 'oldPassword');
  const hashed = await hashPassword(input.password);
  writeTx(core.db, () => {
    setSetting(core.db, KEY, { ...cfg, ...hashed });
    audit(core, 'change_password');
  });
  return lockStatus(core);
}

function setIdle(core: Core, idleMinutes: number): LockStatus {
  const cfg = readConfig(core);
  writeTx(core.db, () => {
    setSetting(core.db, KEY, { ...cfg, idleMinutes });
    audit(core, 'set_idle', { idleMinutes });
  });
  return lockStatus(core);
}

function lockNow(core: Core): LockStatus {
  const cfg = readConfig(core);
  const s = stateOf(core);
  if (cfg.enabled && !s.locked) {
    s.locked = true;
    audit(core, 'lock', { reason: 'manual' });
  }
  return lockStatus(core);
}

async function unlock(core: Core, password: string): Promise<LockStatus> {
  const cfg = readConfig(core);
  const s = stateOf(core);
  if (!cfg.enabled || !s.locked) return lockStatus(core);
  await requirePassword(core, cfg, password, 'password');
  s.locked = false;
  s.lastActive = core.now().getTime();
  audit(core, 'unlock');
  return lockStatus(core);
}

export const lockHandlers = {
  'lock.status': (core) => lockStatus(core),
  'lock.enable': (core, input) => enable(core, input),
  'lock.disable': (core, input) => disable(core, input),
  'lock.change': (core, input) => change(core, input),
  'lock.setIdle': (core, { idleMinutes }) => setIdle(core, idleMinutes),
  'lock.lock': (core) => lockNow(core),
  'lock.unlock': (core, { password }) => unlock(core, password),
} satisfies Partial<Handlers>;

/** After a restore the lock follows the restored file's settings: locked if it has a lock. */
export function resetLockState(core: Core): void {
  states.delete(core);
}
