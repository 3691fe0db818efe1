import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { completeSetup } from '../../electron/services/setup';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { browserAvailable, launchBrowser, openPage, screenshotOnFailure, startApp, type App } from '../helpers/browser';
import { districtKeys, trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { gone, shown } from '../helpers/ui';
import { PAGE_CHECK, PAGE_GUARD, payloadFor, XSS } from '../helpers/xss';
import { buildXssWorld, type XssWorld } from '../helpers/xssWorld';
import { CadresPage } from './pages/CadresPage';
import { FloatingPage } from './pages/FloatingPage';
import { ProjectsPage } from './pages/ProjectsPage';
import { VillagesPage } from './pages/VillagesPage';

/**
 * Script payloads in every free-text field, arriving through the API, a form, the roster
 * imports and a sync bundle, shown by every list, ledger and drawer in Chromium: each must read
 * as text, and none may run (the sentinel __xss stays unset, no dialog opens, no CSP violation
 * is reported and no element an injection would create exists).
 */

interface Watched {
  page: Page;
  dialogs: string[];
  errors: string[];
}

async function watchedPage(browser: Browser, app: App): Promise<Watched> {
  const { page, errors } = await openPage(browser, { timeout: 15_000 });
  await page.addInitScript(PAGE_GUARD);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(app.host.openUrl);
  return { page, dialogs, errors };
}

async function clean(w: Watched, where: string): Promise<void> {
  expect(await w.page.evaluate(PAGE_CHECK), where).toEqual({ xss: undefined, csp: [], injected: [] });
  expect(w.dialogs, where).toEqual([]);
}

const menu = async (page: Page, name: string) => {
  await page.getByRole('menuitem', { name }).click();
  await shown(page.getByRole('heading', { name }).first());
};

/** Every register page, its ledger and detail drawers, each showing the payloads as text. */
async function visitRegisters(w: Watched, world: XssWorld, who: string): Promise<void> {
  const { page } = w;
  await menu(page, '村（社区）');
  await new VillagesPage(page).search(world.village);
  await shown(page.getByRole('cell', { name: world.village, exact: true }));
  await clean(w, `${who} villages`);

  const cadres = new CadresPage(page);
  await menu(page, '驻村干部');
  await shown(cadres.row(world.cadreName).getByText(world.village).first());
  await cadres.openLedger(world.cadreName);
  // The log's content holds every payload, one per line, shown as typed.
  for (const p of [XSS[0]!, XSS[2]!, XSS[8]!]) await shown(page.getByText(p).first());
  await clean(w, `${who} cadre ledger`);
  await cadres.backToList();

  const floating = new FloatingPage(page);
  await menu(page, '流动党员');
  await shown(floating.row(world.importedName));
  const ledger = await floating.openLedger(world.memberName);
  await shown(ledger.getByText(XSS[1]!).first());
  await clean(w, `${who} floating ledger`);
  await page.keyboard.press('Escape');
  await gone(ledger);

  const projects = new ProjectsPage(page);
  await menu(page, '一村一项目');
  await shown(page.getByRole('cell', { name: world.project, exact: true }));
  for (const name of world.imported.filter((n) => n.includes('<'))) await shown(page.getByRole('cell', { name, exact: true }));
  const progress = await projects.openProgress(world.project);
  await shown(progress.getByText(XSS[3]!).first());
  await clean(w, `${who} project progress`);
  await page.keyboard.press('Escape');
  await gone(progress);

  for (const name of ['首页', '统计报表', '操作日志']) {
    await page.getByRole('menuitem', { name }).click();
    await shown(page.getByRole('heading').first());
    await clean(w, `${who} ${name}`);
  }
}

describe.runIf(browserAvailable())('script payloads render as text, in Chromium', () => {
  let browser: Browser;
  let town: App;
  let district: App;
  let world: XssWorld;
  let tp: Watched;
  let dp: Watched;

  beforeAll(async () => {
    browser = await launchBrowser();
    town = await startApp({ setup: true });
    world = await buildXssWorld(town.core);
    // The same rows carried to a district in a real (encrypted, signed) bundle.
    district = await startApp();
    completeSetup(district.core, { role: 'district', code: '450311', name: '雁山区委组织部', operator: '王科长', importVillages: [] });
    trustDistrict(town.core);
    const { file } = await exportBundle(town.core, { dir: tempDir(), full: true });
    applyStaged(district.core, await stageBundle(district.core, file, districtKeys().keys));
    tp = await watchedPage(browser, town);
    dp = await watchedPage(browser, district);
  });

  afterEach(async (ctx) => {
    await screenshotOnFailure(tp?.page, ctx, '-township');
    await screenshotOnFailure(dp?.page, ctx, '-district');
  });

  afterAll(async () => {
    await browser?.close();
    await town?.stop();
    await district?.stop();
  });

  it('refuses bidi tricks at the boundary, and a form keeps typed markup as text', async () => {
    expect(world.refused).toHaveLength(1);
    const villages = new VillagesPage(tp.page);
    await villages.expectShown();
    const d = await villages.openNew();
    // Prefixed so they differ from the rows the API wrote.
    const name = `表单${payloadFor(0, 40)}`;
    const org = `表单${payloadFor(3, 50)}`;
    await villages.fill(d, { name, partyOrgName: org });
    await villages.save(d);
    await villages.expectSaved(d);
    await villages.search(name);
    await shown(tp.page.getByRole('cell', { name, exact: true }));
    await shown(villages.row(name).getByText(org).first());
    await clean(tp, 'village form');
  });

  it('township: every register, ledger and drawer shows the payloads as text and runs none', async () => {
    await visitRegisters(tp, world, 'township');
    expect(tp.errors).toEqual([]);
  });

  it('district: the same rows, imported from a bundle, run nothing either', async () => {
    await visitRegisters(dp, world, 'district');
    expect(dp.errors).toEqual([]);
  });

  it('the page has no Node, module loader or raw IPC in reach', async () => {
    const reach = await tp.page.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      return Object.fromEntries(['require', 'process', 'module', 'exports', 'global', 'Buffer', 'ipcRenderer', 'electron', '__dirname', 'ledger'].map((k) => [k, typeof g[k]]));
    });
    expect(reach).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      exports: 'undefined',
      global: 'undefined',
      Buffer: 'undefined',
      ipcRenderer: 'undefined',
      electron: 'undefined',
      __dirname: 'undefined',
      // The Electron preload's bridge does not exist in browser mode: the page talks HTTP with the token.
      ledger: 'undefined',
    });
  });
});
