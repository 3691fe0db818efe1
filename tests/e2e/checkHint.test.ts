import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQuickCheck } from '../../db/open';
import type { Core } from '../../electron/core';
import { browserAvailable, launchBrowser, openPage, startApp, type App } from '../helpers/browser';
import { gone, shown } from '../helpers/ui';
import { VillagesPage } from './pages/VillagesPage';
import { FloatingPage } from './pages/FloatingPage';
import { dispatch } from '../../electron/api/dispatch';
import { checkChar } from '../../electron/domain/idNumber';

/**
 * A save made right after the app opened waits for the start-up check of the database file. On a
 * district's large file that is seconds (12 s for the 2 GB bench file): the clerk is told why
 * instead of watching the button spin. Here the app's own check (quick_check in the worker) is
 * held until the test has seen what the clerk sees meanwhile, so no timing decides the outcome.
 */

const HINT = '正在进行启动时的数据库例行检查';
const ID = '45031119850101001' + checkChar('45031119850101001');

/** The app on a set-up file of its own, its start-up check held until `release()`. */
function heldApp(fill?: (core: Core) => Promise<unknown>) {
  const s = { started: false } as { app: App; core: Core; browser: Browser; page: Page; release: () => void; started: boolean };
  const held = new Promise<void>((r) => (s.release = r));
  beforeAll(async () => {
    s.app = await startApp({
      setup: true,
      fill,
      // The hosts' way of opening (openApp): reads at once, the check once the first screen is
      // quiet or a write asks for it (here only the write: the quiet period is long).
      core: {
        backgroundCheck: true,
        checkAfter: { quietMs: 600_000, atMostMs: 600_000 },
        quickCheck: async (f, signal) => {
          s.started = true;
          await held;
          return startQuickCheck(f, signal);
        },
      },
    });
    s.core = s.app.core;
    s.browser = await launchBrowser();
    ({ page: s.page } = await openPage(s.browser, { viewport: { width: 1366, height: 768 }, timeout: 20_000 }));
    await s.page.goto(s.app.host.openUrl);
  }, 120_000);

  afterAll(async () => {
    s.release();
    await s.browser?.close();
    await s.app?.stop();
  });
  return s;
}

describe.runIf(browserAvailable())('a save waiting for the start-up check', () => {
  const s = heldApp();

  it('says the save waits for the check while it runs, keeps the form through Esc and Enter, then saves once', async () => {
    const { core, page } = s;
    const villages = new VillagesPage(page);
    await villages.expectShown();
    expect(core.checking).toBe(true);
    const d = await villages.openNew();
    await villages.fill(d, { name: '检查中新建村' });
    expect(s.started).toBe(false);
    await villages.save(d);
    await shown(page.getByText(HINT));
    // The save asked for the check at once; nothing is written before it has passed.
    expect(s.started).toBe(true);
    expect(core.db.prepare("SELECT count(*) AS n FROM villages WHERE name = '检查中新建村'").get()).toEqual({ n: 0 });
    await shown(d.getByRole('button', { name: /保存$/ }));
    // The save cannot be called back while it waits: Esc offers no discard (the record would be
    // saved all the same), and Enter in a field does not send it twice.
    await d.getByLabel('村（社区）名称').press('Escape');
    await page.waitForTimeout(500);
    await expect(page.getByText('放弃未保存的修改').count()).resolves.toBe(0);
    await d.getByLabel('村（社区）名称').press('Enter');
    await page.waitForTimeout(300);
    await shown(d);
    s.release();
    await villages.expectSaved(d);
    await gone(page.getByText(HINT));
    expect(core.checking).toBe(false);
    expect(core.db.prepare("SELECT count(*) AS n FROM villages WHERE name = '检查中新建村'").get()).toEqual({ n: 1 });
  }, 120_000);

  it('says nothing on a save once the check is over', async () => {
    const { page } = s;
    const villages = new VillagesPage(page);
    const d = await villages.openEdit('检查中新建村');
    await villages.fill(d, { secretary: '李四' });
    await villages.save(d);
    await villages.expectSaved(d);
    await expect(page.getByText(HINT).count()).resolves.toBe(0);
  });
});

describe.runIf(browserAvailable())('a contact record waiting for the start-up check', () => {
  const s = heldApp(async (core) => {
    const village = (core.db.prepare('SELECT id FROM villages ORDER BY code LIMIT 1').get() as { id: string }).id;
    const r = await dispatch(core, 'floating.create', {
      villageId: village, name: '王小明', idNumber: ID, memberType: '正式党员', leftDate: '2025-03-01',
      destProvince: '44', destCity: '4403', destCounty: '440306', reason: '务工', mobile: '13812345678',
    });
    if (!r.ok) throw new Error(r.error.message);
  });

  it('keeps the member’s ledger open through Esc while a record is saved, then adds it once', async () => {
    const { core, page } = s;
    const floating = new FloatingPage(page);
    await floating.open();
    const d = await floating.openLedger('王小明');
    await d.getByLabel('联系内容', { exact: true }).fill('电话了解务工情况');
    await d.getByRole('button', { name: /添加联系记录$/ }).click();
    await shown(page.getByText(HINT));
    expect(s.started).toBe(true);
    // The drawer's close asks each of its forms; the one saving keeps it open, with no question.
    await d.getByLabel('联系内容', { exact: true }).press('Escape');
    await page.waitForTimeout(500);
    await expect(page.getByText('放弃未保存的修改').count()).resolves.toBe(0);
    await shown(d);
    s.release();
    await shown(d.getByRole('cell', { name: '电话了解务工情况', exact: true }));
    await gone(page.getByText(HINT));
    expect(core.db.prepare("SELECT count(*) AS n FROM contact_records WHERE content = '电话了解务工情况'").get()).toEqual({ n: 1 });
    // Once saved, Esc closes at once: nothing typed is left to lose.
    await page.keyboard.press('Escape');
    await gone(d);
  }, 120_000);
});
