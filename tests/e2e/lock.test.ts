import { describe, expect, it } from 'vitest';
import { getSetting, setSetting } from '../../db/settings';
import { appSession, browserAvailable } from '../helpers/browser';
import { gone, shown } from '../helpers/ui';
import { LockScreen } from './pages/LockScreen';

const PW = 'office-pc-1';

describe.runIf(browserAvailable())('the app lock, in Chromium', () => {

  const s = appSession({ setup: true, viewport: { width: 1366, height: 768 }, timeout: 15_000 });

  it('refuses a short password, then enables the lock', async () => {
    const lock = new LockScreen(s.page);
    await lock.enable('12345');
    await shown(s.page.getByText('锁定密码至少6个字符'));
    const form = s.page.getByRole('form', { name: '锁定密码设置' });
    await form.getByLabel('锁定密码', { exact: true }).fill(PW);
    await form.getByLabel('再次输入密码').fill(PW);
    await form.getByRole('button', { name: /确定$/ }).click();
    await shown(s.page.getByText('已启用锁定密码'));
    expect(getSetting<{ enabled: boolean }>(s.app.core.db, 'appLock')?.enabled).toBe(true);
  });

  it('asks for the password after a reload; a wrong one is refused, the right one unlocks', async () => {
    const lock = new LockScreen(s.page);
    await s.page.reload();
    await lock.expectLocked();
    await gone(s.page.getByRole('menuitem', { name: '村（社区）' }));
    await lock.unlock('not-the-password');
    await shown(lock.screen.getByText('密码不正确'));
    await lock.unlock(PW);
    await gone(lock.screen);
    await shown(s.page.getByRole('menuitem', { name: '村（社区）' }));
  });

  it('keeps idle minutes typed but not saved across a password change, and saves them after', async () => {
    await s.page.getByRole('menuitem', { name: '系统设置' }).click();
    const idle = s.page.getByLabel('无操作自动锁定');
    await idle.fill('25');
    await s.page.getByRole('button', { name: '修改密码' }).click();
    const form = s.page.getByRole('form', { name: '锁定密码设置' });
    await form.getByLabel('原密码').fill(PW);
    await form.getByLabel('新密码', { exact: true }).fill(PW);
    await form.getByLabel('再次输入新密码').fill(PW);
    await form.getByRole('button', { name: /确定$/ }).click();
    await shown(s.page.getByText('密码已修改'));
    await gone(form);
    expect(await idle.inputValue()).toBe('25');
    expect(getSetting<{ idleMinutes: number }>(s.app.core.db, 'appLock')?.idleMinutes).toBe(10);
    await s.page.locator('form').filter({ has: idle }).getByRole('button', { name: /^保\s?存$/ }).click();
    await shown(s.page.getByText('已保存'));
    expect(getSetting<{ idleMinutes: number }>(s.app.core.db, 'appLock')?.idleMinutes).toBe(25);
  });

  it('locks by itself after the idle time', async () => {
    // Six seconds instead of minutes, straight into the setting the core and the page read.
    setSetting(s.app.core.db, 'appLock', { ...getSetting<object>(s.app.core.db, 'appLock'), idleMinutes: 0.1 });
    await s.page.reload();
    const lock = new LockScreen(s.page);
    await lock.expectLocked();
    await lock.unlock(PW);
    await gone(lock.screen);
    // Nobody touches the page now: the lock screen comes back on its own.
    await lock.expectLocked();
    const actions = (s.app.core.db.prepare("SELECT action FROM audit_log WHERE table_name = 'app_lock' ORDER BY id").all() as { action: string }[]).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['enable', 'lock', 'password_wrong', 'unlock']));
    expect(JSON.stringify(s.app.core.db.prepare('SELECT * FROM audit_log').all())).not.toContain(PW);
    expect(s.errors).toEqual([]);
  });
});
