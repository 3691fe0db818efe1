import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getInstallation } from '../../db/settings';
import { makeVillagePackage } from '../../electron/sync/villagePackageMake';
import { browserAvailable, launchBrowser, openPage, screenshotOnFailure, type App } from '../helpers/browser';
import { ok, townAndLaptop } from '../helpers/townLaptop';
import { tempDir } from '../helpers/tmp';
import { gone, shown } from '../helpers/ui';
import { cadreInput, memberInput, projectInput } from '../unit/fuzz.fixtures';
import { CadresPage } from './pages/CadresPage';
import { FloatingPage } from './pages/FloatingPage';
import { HomePage } from './pages/HomePage';
import { ProjectsPage } from './pages/ProjectsPage';

/**
 * A 驻村版's screens, in Chromium, on a laptop set up (through the services, for speed) from the
 * package the township made for 东立村: the registers read only, with no button that would end in
 * the read-only refusal, while the team's own entries (work logs, contact records, project
 * progress) are made from the same drawers as at the township.
 */
describe.runIf(browserAvailable())('驻村版 screens', () => {
  let browser: Browser;
  let town: App;
  let laptop: App;
  let page: Page;
  let errors: string[];
  const cadre = cadreInput().name as string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const started = await townAndLaptop();
    [town, laptop] = [started.town, started.laptop];
    const { village } = started;
    const m = await ok<{ id: string }>(town.core, 'floating.create', memberInput(village.id));
    await ok(town.core, 'floating.assignContact', { memberId: m.id, cadreName: '李书记', cadrePhone: '13900000001', cadreRole: '党组织书记', startDate: '2025-04-01' });
    await ok(town.core, 'projects.create', projectInput(village.id));
    const made = makeVillagePackage(town.core, village.id, tempDir());
    const file = { fileName: path.basename(made.file), base64: fs.readFileSync(made.file).toString('base64') };
    await ok(laptop.core, 'setup.completeVillage', { file, fingerprint: made.fingerprint, operator: '李明' });
    ({ page, errors } = await openPage(browser, { viewport: { width: 1366, height: 900 } }));
    await page.goto(laptop.host.openUrl);
  });

  afterEach(async (ctx) => {
    await screenshotOnFailure(page, ctx);
  });

  afterAll(async () => {
    await browser?.close();
    await town?.stop();
    await laptop?.stop();
  });

  /** No control on the page that writes the register's own rows. */
  async function expectNoRegisterWrites(): Promise<void> {
    await shown(page.locator('.ant-table-row').first());
    for (const name of ['新增', /^导入/, '派驻']) expect(await page.getByRole('button', { name, exact: typeof name === 'string' }).count(), String(name)).toBe(0);
    for (const text of ['编辑', '删除', '生成驻村版配置包']) expect(await page.locator('.ant-table-row').getByText(text, { exact: true }).count(), text).toBe(0);
  }

  it('opens on 首页 with the village’s figures and no error', async () => {
    await new HomePage(page).expectShown();
    await shown(page.getByText('驻村版', { exact: true }));
    expect(await page.locator('.ant-alert-error, .ant-result-error').count()).toBe(0);
    // The village's own figures: its one posted first secretary, its one village.
    await shown(page.getByText('第一书记 1 名'));
    await shown(page.getByText('共 1 个村（社区）'));
    expect(errors).toEqual([]);
  });

  it('offers no 新增, 编辑, 删除 or 导入 on 村（社区）, 驻村干部, 流动党员 and 一村一项目', async () => {
    await page.getByRole('menuitem', { name: '村（社区）' }).click();
    await shown(page.getByRole('heading', { name: '村（社区）' }));
    await expectNoRegisterWrites();
    // Alt+N, the keyboard's 新增, opens nothing either.
    await page.keyboard.press('Alt+n');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await new CadresPage(page).open();
    await expectNoRegisterWrites();
    await new FloatingPage(page).open();
    await expectNoRegisterWrites();
    await new ProjectsPage(page).open();
    await expectNoRegisterWrites();
    expect(errors).toEqual([]);
  });

  it('logs a day for the posted cadre from the list and shows it in the ledger, where only 填写日志 is offered', async () => {
    const cadres = new CadresPage(page);
    await cadres.open();
    await cadres.row(cadre).getByText('日志', { exact: true }).click();
    const d = page.getByRole('dialog', { name: `填写驻村日志：${cadre}` });
    await shown(d);
    const day = await d.getByLabel('日期', { exact: true }).inputValue();
    await d.getByLabel('工作内容', { exact: true }).fill('走访脱贫户了解务工情况');
    await page.keyboard.press('Control+Enter');
    await shown(page.getByText(`已保存 ${day} 的日志`).last());
    // The month below the form is read again after the save: the day is listed there.
    await shown(d.getByRole('cell', { name: '走访脱贫户了解务工情况', exact: true }));
    await page.keyboard.press('Escape');
    await gone(d);
    expect(laptop.core.db.prepare('SELECT log_date AS d, content AS c FROM work_logs WHERE deleted_at IS NULL').all()).toEqual([{ d: day, c: '走访脱贫户了解务工情况' }]);

    await cadres.openLedger(cadre);
    await shown(page.getByRole('cell', { name: '走访脱贫户了解务工情况', exact: true }));
    await shown(page.getByRole('button', { name: '填写日志' }));
    for (const name of ['编辑信息', '派驻', '登记督查', '季度考评', '年终考核']) expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    await cadres.backToList();
    expect(errors).toEqual([]);
  });

  it('adds a contact record to the village’s member, whose own details stay read-only', async () => {
    const floating = new FloatingPage(page);
    await floating.open();
    const d = await floating.openLedger('王小明');
    expect(await d.getByRole('button', { name: /指定联系人$/ }).count()).toBe(0);
    await d.getByLabel('联系内容', { exact: true }).fill('电话了解务工情况');
    await d.getByRole('button', { name: /添加联系记录$/ }).click();
    await shown(d.getByRole('cell', { name: '电话了解务工情况', exact: true }));
    await page.keyboard.press('Escape');
    await gone(d);
    expect(laptop.core.db.prepare('SELECT content FROM contact_records WHERE deleted_at IS NULL').all()).toEqual([{ content: '电话了解务工情况' }]);
    expect(errors).toEqual([]);
  });

  it('adds a progress entry to the village’s project', async () => {
    const projects = new ProjectsPage(page);
    await projects.open();
    const d = await projects.openProgress(projectInput('').name);
    await projects.addProgress(d, { date: '2026-01-05', percent: '60', note: '光伏板安装完成' });
    await page.keyboard.press('Escape');
    await gone(d);
    expect(laptop.core.db.prepare('SELECT percent, note FROM project_progress WHERE deleted_at IS NULL').all()).toEqual([{ percent: 60, note: '光伏板安装完成' }]);
    expect(errors).toEqual([]);
  });

  it('shows the township’s thresholds read-only in 系统设置 and saves the operator name', async () => {
    await page.getByRole('menuitem', { name: '系统设置' }).click();
    await shown(page.getByRole('heading', { name: '系统设置' }));
    expect(await page.getByLabel('每月驻村天数标准').isDisabled()).toBe(true);
    expect(await page.getByLabel('联系间隔天数').isDisabled()).toBe(true);
    await shown(page.getByText('由乡镇统一设置，随配置包下发；如需调整请联系乡镇。').first());
    await page.getByLabel('操作员姓名').fill('王五');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await shown(page.getByText('已保存').last());
    // An earlier test's 已保存 may still be on screen: the save is judged by the file.
    await expect.poll(() => getInstallation(laptop.core.db)!.operator).toBe('王五');
    expect(errors).toEqual([]);
  });
});
