import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSetting, setSetting } from '../../db/settings';
import { dispatch } from '../../electron/api/dispatch';
import { openCore, type Core } from '../../electron/core';
import { hashPassword, verifyPassword } from '../../electron/services/lock';
import { counterIds, freshCore, steppingClock } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

const PW = 'zhen-secret-6';

async function enabled(file?: string): Promise<Core> {
  const core = await freshCore(file ? { file } : {});
  const r = await dispatch(core, 'lock.enable', { password: PW, confirm: PW, idleMinutes: 10 });
  expect(r).toMatchObject({ ok: true, value: { enabled: true, locked: false } });
  return core;
}

describe('app lock', () => {
  it('hashes with scrypt, a random salt and stored parameters', async () => {
    const a = await hashPassword(PW);
    const b = await hashPassword(PW);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(a.params).toMatchObject({ N: 32768, r: 8, p: 1, keylen: 32 });
    expect(await verifyPassword(a, PW)).toBe(true);
    expect(await verifyPassword(a, PW + 'x')).toBe(false);
  });

  it('is off by default; enabling checks length and the second entry', async () => {
    const core = await freshCore();
    expect(await dispatch(core, 'lock.status', {})).toEqual({ ok: true, value: { enabled: false, idleMinutes: 10, locked: false } });
    const short = await dispatch(core, 'lock.enable', { password: '12345', confirm: '12345' });
    expect(short).toMatchObject({ ok: false, error: { fields: [{ path: ['password'], message: '锁定密码至少6个字符' }] } });
    const differ = await dispatch(core, 'lock.enable', { password: PW, confirm: 'other-pw' });
    expect(differ).toMatchObject({ ok: false, error: { fields: [{ path: ['confirm'], message: '两次输入的密码不一致' }] } });
    expect(getSetting(core.db, 'appLock')).toBeUndefined();
  });

  it('starts locked; the core refuses every channel but status and unlock; wrong then right password', async () => {
    const file = path.join(tempDir(), 'ledger.db');
    const first = await enabled(file);
    first.close();
    const core = await openCore(file, { now: steppingClock(), newId: counterIds() });
    try {
      expect(await dispatch(core, 'app.status', {})).toMatchObject({ ok: true, value: { locked: true } });
      for (const ch of ['villages.list', 'settings.get', 'backup.create', 'lock.disable', 'audit.list']) {
        expect(await dispatch(core, ch, {})).toEqual({ ok: false, error: { code: 'locked', message: '程序已锁定，请输入密码解锁后继续。' } });
      }
      expect(await dispatch(core, 'lock.unlock', { password: 'wrong-one' })).toMatchObject({ ok: false, error: { code: 'wrong_password', message: '密码不正确，请重新输入。' } });
      expect(await dispatch(core, 'lock.unlock', { password: PW })).toMatchObject({ ok: true, value: { locked: false } });
      expect(await dispatch(core, 'villages.list', {})).toMatchObject({ ok: true });
      const audit = core.db.prepare("SELECT action, after FROM audit_log WHERE table_name = 'app_lock' ORDER BY id").all() as { action: string; after: string | null }[];
      expect(audit.map((a) => a.action)).toEqual(['enable', 'password_wrong', 'unlock']);
      const all = JSON.stringify(core.db.prepare('SELECT * FROM audit_log').all());
      expect(all).not.toContain(PW);
      expect(all).not.toContain('wrong-one');
    } finally {
      core.close();
    }
  });

  it('locks on the server after the idle time, whatever the renderer does', async () => {
    const core = await enabled();
    expect(await dispatch(core, 'villages.list', {})).toMatchObject({ ok: true });
    // The test clock advances a second per reading; an idle time of a few seconds passes quickly.
    setSetting(core.db, 'appLock', { ...getSetting<object>(core.db, 'appLock'), idleMinutes: 0.05 });
    let r = await dispatch(core, 'app.status', {});
    for (let i = 0; i < 10 && !(r.ok && (r.value as { locked: boolean }).locked); i++) r = await dispatch(core, 'app.status', {});
    expect(r).toMatchObject({ ok: true, value: { locked: true } });
    expect(await dispatch(core, 'villages.list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    const idle = core.db.prepare("SELECT after FROM audit_log WHERE table_name = 'app_lock' AND action = 'lock'").get();
    expect(idle).toEqual({ after: JSON.stringify({ reason: 'idle' }) });
  });

  it('needs the password to disable and the old one to change it', async () => {
    const core = await enabled();
    expect(await dispatch(core, 'lock.disable', { password: 'not-it' })).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
    expect(await dispatch(core, 'lock.change', { oldPassword: 'not-it', password: 'newpass1', confirm: 'newpass1' })).toMatchObject({
      ok: false,
      error: { fields: [{ path: ['oldPassword'] }] },
    });
    expect(await dispatch(core, 'lock.change', { oldPassword: PW, password: 'newpass1', confirm: 'newpass1' })).toMatchObject({ ok: true });
    expect(await dispatch(core, 'lock.lock', {})).toMatchObject({ ok: true, value: { locked: true } });
    expect(await dispatch(core, 'lock.unlock', { password: PW })).toMatchObject({ ok: false });
    expect(await dispatch(core, 'lock.unlock', { password: 'newpass1' })).toMatchObject({ ok: true, value: { locked: false } });
    expect(await dispatch(core, 'lock.disable', { password: 'newpass1' })).toMatchObject({ ok: true, value: { enabled: false } });
    expect(getSetting<{ hash?: string }>(core.db, 'appLock')?.hash).toBeUndefined();
  });
});
