import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getSetting, setSetting } from '../../db/settings';
import { browserAvailable, launchBrowser, screenshotOnFailure, startApp, watchErrors, type App } from '../helpers/browser';
import { gone, shown } from '../helpers/ui';
import { LockScreen } from './pages/LockScreen';

const PW = 'office-pc-1';

describe.runIf(browserAvailable())('the app lock, in Chromium', () => {
  let browser: Browser;
  let app: App;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await startApp({ setup: true });
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(15_000);
    errors = watchErrors(page);
    await page.goto(app.host.openUrl);
  });

  afterEach((ctx) => screenshotOnFailure(page, ctx));

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('refuses a short password, then enables the lock', async () => {
    const lock = new LockScreen(page);
    await lock.enable('12345');
    await shown(page.getByText('锁定密码至少6个字符'));
    const form = page.getByRole('form', { name: '锁定密码设置' });
    await form.getByLabel('锁定密码', { exact: true }).fill(PW);
    await form.getByLabel('再次输入密码').fill(PW);
    await form.getByRole('button', { name: /确定$/ }).click();
    await shown(page.getByText('已启用锁定密码'));
    expect(getSetting<{ enabled: boolean }>(app.core.db, 'appLock')?.enabled).toBe(true);
  });

  it('asks for the password after a reload; a wrong one is refused, the right one unlocks', async () => {
    const lock = new LockScreen(page);
    await page.reload();
    await lock.expectLocked();
    await gone(page.getByRole('menuitem', { name: '村（社区）' }));
    await lock.unlock('not-the-password');
    await shown(lock.screen.getByText('密码不正确'));
    await lock.unlock(PW);
    await gone(lock.screen);
    await shown(page.getByRole('menuitem', { name: '村（社区）' }));
  });

  it('locks by itself after the idle time', async () => {
    // Six seconds instead of minutes, straight into the setting the core and the page read.
    setSetting(app.core.db, 'appLock', { ...getSetting<object>(app.core.db, 'appLock'), idleMinutes: 0.1 });
    await page.reload();
    const lock = new LockScreen(page);
    await lock.expectLocked();
    await lock.unlock(PW);
    await gone(lock.screen);
    // Nobody touches the page now: the lock screen comes back on its own.
    await lock.expectLocked();
    const actions = (app.core.db.prepare("SELECT action FROM audit_log WHERE table_name = 'app_lock' ORDER BY id").all() as { action: string }[]).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['enable', 'lock', 'password_wrong', 'unlock']));
    expect(JSON.stringify(app.core.db.prepare('SELECT * FROM audit_log').all())).not.toContain(PW);
    expect(errors).toEqual([]);
  });
});
