import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { exportVillageBundle } from '../../electron/sync/villageExport';
import { applyVillageStaged, stageVillageBundle } from '../../electron/sync/villageImport';
import { makeVillagePackage } from '../../electron/sync/villagePackageMake';
import { importVillageReceipt, writeVillageReceipt } from '../../electron/sync/villageReceipt';
import { browserAvailable, launchBrowser, openPage, screenshotOnFailure, type App } from '../helpers/browser';
import { ok, townAndLaptop } from '../helpers/townLaptop';
import { tempDir } from '../helpers/tmp';
import { gone, shown } from '../helpers/ui';
import { SyncPage } from './pages/SyncPage';

type Log = { id: string; version: number; content: string };
const logOf = (core: Core, id: string) => core.db.prepare('SELECT id, version, content FROM work_logs WHERE id = ?').get(id) as Log;

/**
 * A log the township corrected that the first secretary also changed on the 驻村版: the township's
 * preview lists it with both values, the clerk chooses from the keyboard which stands, and the
 * import takes that choice. The earlier trip (log made, imported, receipt back) runs through the
 * services, as in villageSync.test.ts.
 */
describe.runIf(browserAvailable())('a conflict between the township and the 驻村版, in Chromium', () => {
  let browser: Browser;
  let town: App;
  let laptop: App;
  let tp: Page;
  const errors: string[][] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-vconf-'));

  beforeAll(async () => {
    browser = await launchBrowser();
    const started = await townAndLaptop();
    [town, laptop] = [started.town, started.laptop];
    const { village, cadre: c } = started;
    const made = makeVillagePackage(town.core, village.id, tempDir());
    await ok(laptop.core, 'setup.completeVillage', { file: { fileName: path.basename(made.file), base64: fs.readFileSync(made.file).toString('base64') }, fingerprint: made.fingerprint, operator: '李明' });
    const save = (core: Core, id: string | null, version: number | null, content: string) =>
      ok<Log>(core, 'cadres.saveLog', { id, version, cadreId: c.id, logDate: '2025-11-03', inVillage: true, workKind: '走访农户', content });
    const log = await save(laptop.core, null, null, '走访脱贫户');
    const first = await exportVillageBundle(laptop.core, { dir: tempDir() });
    const staged = await stageVillageBundle(town.core, first.file);
    applyVillageStaged(town.core, staged, { confirmPin: true });
    importVillageReceipt(laptop.core, fs.readFileSync(writeVillageReceipt(town.core, staged.header, staged.hash, tempDir()), 'utf8'));
    await save(town.core, log.id, logOf(town.core, log.id).version, '乡镇核实后更正');
    await save(laptop.core, log.id, logOf(laptop.core, log.id).version, '驻村版补充内容');
    const { page, errors: e } = await openPage(browser, { viewport: { width: 1366, height: 768 } });
    tp = page;
    errors.push(e);
    await tp.goto(town.host.openUrl);
  });

  afterEach(async (ctx) => {
    await screenshotOnFailure(tp, ctx, '-township');
  });

  afterAll(async () => {
    await browser?.close();
    await town?.stop();
    await laptop?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the row both sides changed with both values, and imports only after the clerk chose, from the keyboard', async () => {
    const bundle = (await exportVillageBundle(laptop.core, { dir })).file;
    const id = (town.core.db.prepare('SELECT id FROM work_logs').get() as { id: string }).id;
    const t = new SyncPage(tp);
    await t.open();
    await tp.getByRole('tab', { name: '驻村版数据' }).click();
    await t.pick('.tlbundle', bundle);
    const modal = tp.getByRole('dialog', { name: '驻村版数据导入预览' });
    await shown(modal);
    await shown(modal.getByText('有 1 条记录乡镇和驻村版都改过'));
    const row = modal.getByTestId('village-conflicts').getByRole('row').filter({ hasText: '2025-11-03 的驻村日志' });
    await shown(row.getByText('乡镇核实后更正'));
    await shown(row.getByText('驻村版补充内容'));
    const apply = modal.getByRole('button', { name: /确认导入/ });
    expect(await apply.isDisabled()).toBe(true);
    // Space picks 乡镇, the arrow key moves the choice to 驻村版.
    await row.getByRole('radio', { name: '乡镇' }).focus();
    await tp.keyboard.press('Space');
    await expect.poll(() => row.getByRole('radio', { name: '乡镇' }).isChecked()).toBe(true);
    await tp.keyboard.press('ArrowRight');
    await expect.poll(() => row.getByRole('radio', { name: '驻村版' }).isChecked()).toBe(true);
    expect(await apply.isDisabled()).toBe(false);
    await t.download(dir, () => apply.click(), /\.tlreceipt$/, /已导入东立村第 2 号文件/);
    await gone(modal);
    expect(logOf(town.core, id).content).toBe('驻村版补充内容');
    expect(town.core.db.prepare("SELECT json_extract(before, '$.content') AS lost FROM audit_log WHERE action = 'conflict:kept-village'").get()).toEqual({ lost: '乡镇核实后更正' });
    expect(errors.flat()).toEqual([]);
  });
});
