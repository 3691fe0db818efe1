import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { browserAvailable, launchBrowser, openPage, screenshotOnFailure, startApp, type App } from '../helpers/browser';
import { tempDir } from '../helpers/tmp';
import { shown } from '../helpers/ui';
import { cadreInput } from '../unit/fuzz.fixtures';
import { setUpLaptop } from './pages/LaptopSetup';

/**
 * The 驻村版's first start, in Chromium: the township makes the package of 东立村 from the
 * village's row, and a fresh installation is set up from that file after the fingerprint the
 * township was shown is seen on the laptop's screen.
 */
describe.runIf(browserAvailable())('驻村版 set up from a village package, in Chromium', () => {
  let browser: Browser;
  let town: App;
  let laptop: App;
  let tp: Page;
  let lp: Page;
  const errors: string[][] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    town = await startApp({ setup: true });
    laptop = await startApp();
    const village = town.core.db.prepare("SELECT id FROM villages WHERE name = '东立村'").get() as { id: string };
    const cadre = await dispatch(town.core, 'cadres.create', cadreInput());
    if (!cadre.ok) throw new Error(cadre.error.message);
    const posted = await dispatch(town.core, 'cadres.post', { cadreId: (cadre.value as { id: string }).id, villageId: village.id, role: '第一书记', startDate: '2025-06-01' });
    if (!posted.ok) throw new Error(posted.error.message);
    const [t, l] = [await openPage(browser, { viewport: { width: 1366, height: 900 } }), await openPage(browser, { viewport: { width: 1366, height: 900 } })];
    [tp, lp] = [t.page, l.page];
    errors.push(t.errors, l.errors);
    await tp.goto(town.host.openUrl);
    await lp.goto(laptop.host.openUrl);
  });

  afterEach(async (ctx) => {
    await screenshotOnFailure(tp, ctx, '-township');
    await screenshotOnFailure(lp, ctx, '-laptop');
  });

  afterAll(async () => {
    await browser?.close();
    await town?.stop();
    await laptop?.stop();
  });

  it('makes the package at the township and sets up the laptop from it, showing the same fingerprint', async () => {
    const { fingerprint: fp } = await setUpLaptop(tp, lp, tempDir(), cadreInput().name as string);
    await shown(lp.getByText('东立村').first());
    expect(laptop.core.role()).toBe('village');
    // The fingerprint stays at hand on the laptop, to be checked again later.
    await lp.getByRole('menuitem', { name: '数据同步' }).click();
    await shown(lp.getByText(fp, { exact: true }));
    await shown(lp.getByText('雁山镇（450311100）'));
    expect(laptop.core.db.prepare('SELECT count(*) AS n FROM cadres').get()).toEqual({ n: 1 });
    expect(errors.flat()).toEqual([]);
  });
});
