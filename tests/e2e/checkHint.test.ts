import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { villagesOf } from '../../db/divisions';
import { startQuickCheck } from '../../db/open';
import { openCore, type Core } from '../../electron/core';
import { startHost, type Host } from '../../electron/host/server';
import { rendererDir } from '../../electron/paths';
import { completeSetup } from '../../electron/services/setup';
import { browserAvailable, launchBrowser, openPage } from '../helpers/browser';
import { gone, shown } from '../helpers/ui';
import { VillagesPage } from './pages/VillagesPage';

/**
 * A save made right after the app opened waits for the start-up check of the database file. On a
 * district's large file that is seconds (12 s for the 2 GB bench file): the clerk is told why
 * instead of watching the button spin. Here the app's own check (quick_check in the worker) is
 * held until the test has seen what the clerk sees meanwhile, so no timing decides the outcome.
 */

const HINT = '正在进行启动时的数据库例行检查';

async function setUpFile(dir: string): Promise<string> {
  const file = path.join(dir, 'ledger.db');
  const core = await openCore(file);
  completeSetup(core, { role: 'township', code: '450311100', name: '雁山镇', operator: '张三', importVillages: villagesOf('450311100').map((v) => v.code) });
  core.close();
  return file;
}

describe.runIf(browserAvailable())('a save waiting for the start-up check', () => {
  let dir: string;
  let core: Core;
  let host: Host;
  let browser: Browser;
  let page: Page;
  let release: () => void;
  const held = new Promise<void>((r) => (release = r));
  let started = false;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-e2e-check-'));
    const file = await setUpFile(dir);
    // The hosts' way of opening (openApp): reads at once, the check once the first screen is
    // quiet or a write asks for it (here only the write: the quiet period is long).
    core = await openCore(file, {
      backgroundCheck: true,
      checkAfter: { quietMs: 600_000, atMostMs: 600_000 },
      quickCheck: async (f, signal) => {
        started = true;
        await held;
        return startQuickCheck(f, signal);
      },
    });
    host = await startHost({ core, staticDir: rendererDir });
    browser = await launchBrowser();
    ({ page } = await openPage(browser, { viewport: { width: 1366, height: 768 }, timeout: 20_000 }));
    await page.goto(host.openUrl);
  }, 120_000);

  afterAll(async () => {
    release();
    await browser?.close();
    await host?.close();
    core?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says the save waits for the check while it runs, keeps the form through Esc and Enter, then saves once', async () => {
    const villages = new VillagesPage(page);
    await villages.expectShown();
    expect(core.checking).toBe(true);
    const d = await villages.openNew();
    await villages.fill(d, { name: '检查中新建村' });
    expect(started).toBe(false);
    await villages.save(d);
    await shown(page.getByText(HINT));
    // The save asked for the check at once; nothing is written before it has passed.
    expect(started).toBe(true);
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
    release();
    await villages.expectSaved(d);
    await gone(page.getByText(HINT));
    expect(core.checking).toBe(false);
    expect(core.db.prepare("SELECT count(*) AS n FROM villages WHERE name = '检查中新建村'").get()).toEqual({ n: 1 });
  }, 120_000);

  it('says nothing on a save once the check is over', async () => {
    const villages = new VillagesPage(page);
    const d = await villages.openEdit('检查中新建村');
    await villages.fill(d, { secretary: '李四' });
    await villages.save(d);
    await villages.expectSaved(d);
    await expect(page.getByText(HINT).count()).resolves.toBe(0);
  });
});
