import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../electron/domain/dates';
import { browserAvailable, launchBrowser, openPage, screenshotOnFailure, startApp, type App } from '../helpers/browser';
import { ok, townAndLaptop } from '../helpers/townLaptop';
import { layoutProblems } from '../helpers/layoutCheck';
import { settle } from '../helpers/layoutWalk';
import { gone, opened, shown } from '../helpers/ui';
import { cadreInput } from '../unit/fuzz.fixtures';
import { completeSetup } from '../../electron/services/setup';
import { districtKeys, PASSPHRASE, trustDistrict } from '../helpers/sync';
import { CadresPage } from './pages/CadresPage';
import { setUpLaptop } from './pages/LaptopSetup';
import { ReportPage } from './pages/ReportPage';
import { SyncPage } from './pages/SyncPage';

const VIEWPORT = { width: 1366, height: 768 };
const SHOTS = process.env.E2E_SHOTS;

/**
 * One USB trip each way between a 驻村版 and its township, in Chromium at 1366×768, and on to the
 * district: the laptop is set up from the package the township makes, the first secretary logs five days on the laptop, exports them, the township previews the file, reads the
 * laptop's fingerprint back by phone, imports, hands the receipt back, and the laptop takes it.
 * The township's ledger of that cadre then holds the five days.
 */
describe.runIf(browserAvailable())('驻村版 → 乡镇 → 驻村版, in Chromium', () => {
  let browser: Browser;
  let town: App;
  let laptop: App;
  let tp: Page;
  let lp: Page;
  const errors: string[][] = [];
  const cadre = cadreInput().name as string;
  /** The five days the first secretary logs on the laptop (today and the four before). */
  const days: string[] = [];
  let district: App | undefined;
  // Lives across the two tests (tempDir() is removed after each one).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-vsync-'));

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ town, laptop } = await townAndLaptop());
    const [t, l] = [await openPage(browser, { viewport: VIEWPORT }), await openPage(browser, { viewport: VIEWPORT })];
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
    await district?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const shot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  };
  const fits = async (page: Page, where: string, scope = '.ant-layout') => expect(await layoutProblems(page, scope), where).toEqual([]);

  it('sets the laptop up from a package, logs five days, exports, imports at the township after the fingerprint check, and takes the receipt back', async () => {
    await setUpLaptop(tp, lp, dir, cadre);

    // Five days on the laptop, from the keyboard: four days back with PageUp, then Ctrl+Enter a day.
    const cadres = new CadresPage(lp);
    await cadres.open();
    await cadres.row(cadre).getByText('日志', { exact: true }).click();
    const d = lp.getByRole('dialog', { name: `填写驻村日志：${cadre}` });
    await shown(d);
    const date = d.getByLabel('日期', { exact: true });
    const content = d.getByLabel('工作内容', { exact: true });
    // Keys reach the form once a day has loaded and the cursor is back in 工作内容.
    const ready = () => expect.poll(() => content.evaluate((el) => el === document.activeElement && !(el as HTMLTextAreaElement).disabled), { timeout: 10_000 }).toBe(true);
    const today = localDay(new Date());
    await expect.poll(() => date.inputValue()).toBe(today);
    for (let n = 4; n >= 0; n--) days.push(localDay(new Date(Date.now() - n * 86_400_000)));
    for (let i = 0; i < 4; i++) {
      await ready();
      await lp.keyboard.press('PageUp');
      await expect.poll(() => date.inputValue()).toBe(days[3 - i]);
    }
    await ready();
    await content.fill('走访脱贫户了解务工情况');
    for (const day of days) {
      await expect.poll(() => date.inputValue()).toBe(day);
      await ready();
      await lp.keyboard.press('Control+Enter');
      await shown(lp.getByText(`已保存 ${day} 的日志`).last());
    }
    await lp.keyboard.press('Escape');
    await gone(d);

    // Export on the laptop: the file is downloaded and the screen says what it holds and where a copy is.
    const l = new SyncPage(lp);
    await l.open();
    await shown(lp.getByText('待乡镇确认的记录'));
    const ownFp = (await lp.getByTestId('laptop-own-fingerprint').textContent())!.trim();
    expect(ownFp).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    const bundle = await l.download(dir, () => lp.getByRole('button', { name: /导出给乡镇/ }).click(), /\.tlbundle$/, /已导出第 1 号同步文件（5 条记录）/);
    await shown(lp.getByTestId('village-exported').getByText(/驻村日志 5 条/));
    await shown(lp.getByText('待乡镇回执'));
    await fits(lp, '驻村版 数据同步');
    await shot(lp, 'laptop-sync-exported');

    // The township previews: village, the laptop's fingerprint (the one the laptop shows), counts.
    const t = new SyncPage(tp);
    await t.open();
    await tp.getByRole('tab', { name: '驻村版数据' }).click();
    await shown(tp.getByText('尚未导入过驻村版的文件'));
    await fits(tp, '乡镇 驻村版数据');
    await t.pick('.tlbundle', bundle);
    const modal = tp.getByRole('dialog', { name: '驻村版数据导入预览' });
    await shown(modal);
    await shown(modal.getByText('首次收到东立村驻村版电脑的文件'));
    expect((await modal.getByTestId('laptop-fingerprint').textContent())!.trim()).toBe(ownFp);
    const logsRow = modal.getByRole('row').filter({ has: tp.getByRole('cell', { name: /驻村日志/ }) });
    await shown(logsRow.getByRole('cell', { name: '5', exact: true }));
    await settle(tp);
    await fits(tp, '驻村版导入预览', '.ant-modal');
    await shot(tp, 'township-village-preview');
    const apply = modal.getByRole('button', { name: /确认导入/ });
    expect(await apply.isDisabled()).toBe(true); // not before the fingerprint was read back
    expect(town.core.db.prepare('SELECT count(*) AS n FROM work_logs').get()).toEqual({ n: 0 });
    await modal.getByLabel('已电话核对，驻村版电脑指纹一致').check();
    const receipt = await t.download(dir, () => apply.click(), /\.tlreceipt$/, /已导入东立村第 1 号文件：5 条变更/);
    await gone(modal);
    await shown(tp.getByRole('cell', { name: ownFp }));
    await shown(tp.getByText('使用中'));
    await fits(tp, '乡镇 驻村版电脑');
    await shot(tp, 'township-village-laptops');

    // The receipt back on the laptop: the bundle is confirmed.
    await l.pick('.tlreceipt', receipt);
    await l.toast('乡镇已确认收到第 1 号同步文件');
    await shown(lp.getByTestId('village-receipt'));
    await shown(lp.getByText(/乡镇已确认 \d{4}-/));
    await shot(lp, 'laptop-sync-receipt');

    // The township's ledger of the first secretary holds the five days.
    await new CadresPage(tp).open();
    await new CadresPage(tp).openLedger(cadre);
    await shown(tp.getByText('驻村日志（共 5 条）'));
    for (const day of days) await shown(tp.locator('.ledger-section').getByText(day, { exact: true }).first());
    expect(errors.flat()).toEqual([]);
  });

  it('shows why a file that is no 驻村版 bundle is refused, in red, and stops a lost laptop with a reason', async () => {
    const t = new SyncPage(tp);
    await t.open();
    await tp.getByRole('tab', { name: '驻村版数据' }).click();
    const junk = path.join(dir, 'TL-V-junk.tlbundle');
    fs.writeFileSync(junk, 'not a bundle at all');
    await t.pick('.tlbundle', junk);
    const modal = tp.getByRole('dialog', { name: '驻村版数据导入预览' });
    await shown(modal.getByText('此文件已拒绝导入，未写入任何数据'));
    expect((await modal.getByTestId('village-refusal').textContent())!.length).toBeGreaterThan(4);
    await opened(modal);
    await modal.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await gone(modal);
    await shown(tp.getByText('已拒绝').first());

    await tp.getByRole('button', { name: '停用' }).click();
    const stop = tp.getByRole('dialog', { name: '停用东立村的这台驻村版电脑' });
    await shown(stop);
    await stop.getByLabel('停用原因').fill('电脑丢失');
    await stop.getByRole('button', { name: '停用' }).click();
    await t.toast(/已停用东立村的这台驻村版电脑/);
    await shown(tp.getByText(/已停用 .*：电脑丢失/));
    expect(town.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'revoke:village'").get()).toEqual({ n: 1 });
    expect(errors.flat()).toEqual([]);
  });

  it('sends the five days on to the district, whose report counts them as entered in the village', async () => {
    // The district (its key made as in sync.test.ts, here through the services) and the township trusting it.
    district = await startApp();
    completeSetup(district.core, { role: 'district', code: '450311', name: '雁山区委组织部', operator: '王科长', importVillages: [] });
    await ok(district.core, 'sync.loadDistrictKey', { file: { fileName: 'district.key', base64: Buffer.from(districtKeys().secretFile).toString('base64') }, passphrase: PASSPHRASE });
    trustDistrict(town.core);
    const { page: dp, errors: dErrors } = await openPage(browser, { viewport: VIEWPORT });
    errors.push(dErrors);
    await dp.goto(district.host.openUrl);

    // The township exports as always (the page reloaded: its district key came in behind its back);
    // the laptop's rows travel on in its bundle.
    await tp.goto(town.host.openUrl);
    const t = new SyncPage(tp);
    await t.open();
    await tp.getByRole('tab', { name: '报送区县' }).click();
    const bundle = await t.download(dir, () => tp.getByRole('button', { name: /导出同步文件/ }).click(), /\.tlbundle$/, /已导出第 1 号同步文件/);

    const d = new SyncPage(dp);
    await d.open();
    await dp.getByLabel('导入口令').fill(PASSPHRASE);
    await d.pick('.tlbundle', bundle);
    const modal = dp.getByRole('dialog', { name: '导入预览' });
    await shown(modal);
    await modal.getByLabel('已核对，指纹一致').check();
    await d.download(dir, () => modal.getByRole('button', { name: /确认导入/ }).click(), /\.tlreceipt$/, /已导入雁山镇第 1 号同步文件/);

    // The report for the five days: 5 log days, all 5 entered in the village, a share of 100.
    const r = new ReportPage(dp);
    await r.open('雁山区委组织部');
    await r.typeDate('开始日期', days[0]!);
    await r.typeDate('结束日期', days[4]!);
    await shown(r.periodLine(days[0]!, days[4]!));
    const section = r.section('驻村日志');
    await shown(section.getByRole('columnheader', { name: '其中驻村版录入（天）' }));
    const row = section.locator('tr', { hasText: '雁山镇' });
    await shown(row);
    // 乡镇, 日志天数, 在村天数, 走访农户, 记日志干部, 其中驻村版录入, 驻村版录入占比.
    const texts = (await row.locator('td').allInnerTexts()).map((x) => x.trim());
    expect([texts[1], texts[5], texts[6]]).toEqual(['5', '5', '100']);
    await shot(dp, 'district-report-village-days');
    expect(errors.flat()).toEqual([]);
  });
});
