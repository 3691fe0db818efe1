import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupsDir, listBackups } from '../../db/backup';
import { openCore } from '../../electron/core';
import { startHost } from '../../electron/host/server';
import { rendererDir } from '../../electron/paths';
import { createBackup } from '../../electron/services/backup';
import { completeSetup } from '../../electron/services/setup';
import { damageTablePage } from '../helpers/damage';
import { appSession, browserAvailable, launchBrowser, openPage, type App } from '../helpers/browser';
import { gone, shown } from '../helpers/ui';
import { BackupPage } from './pages/BackupPage';
import { VillagesPage } from './pages/VillagesPage';

const liveVillage = (app: App, name: string) => app.core.db.prepare('SELECT id FROM villages WHERE name = ? AND deleted_at IS NULL').get(name);

describe.runIf(browserAvailable())('backup and restore, in Chromium', () => {

  const s = appSession({ setup: true, viewport: { width: 1366, height: 768 }, timeout: 15_000 });

  it('backs up by hand, with a download of the checked copy', async () => {
    const backup = new BackupPage(s.page);
    await backup.open();
    const file = await backup.backupNow();
    expect(path.dirname(file)).toBe(backupsDir(s.app.dbFile));
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByRole('button', { name: '下载备份' }).click()]);
    const saved = await download.path();
    expect(fs.readFileSync(saved).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
    await shown(backup.row('手动备份').first());
  });

  it('restores that backup after a confirmation: a village added since is gone, and the state before was kept', async () => {
    const villages = new VillagesPage(s.page);
    await villages.expectShown();
    const d = await villages.openNew();
    await villages.fill(d, { name: '备份后新建村', code: '450311100298' });
    await villages.save(d);
    await villages.expectSaved(d);
    expect(liveVillage(s.app, '备份后新建村')).toBeDefined();

    const backup = new BackupPage(s.page);
    await backup.open();
    const question = await backup.restore('手动备份');
    expect(question).toContain('替换当前全部台账数据');
    expect(question).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 的备份/);
    // The page reloads with the restored data.
    await villages.expectShown();
    await villages.expectTotal(18);
    await gone(villages.row('备份后新建村'));
    expect(liveVillage(s.app, '备份后新建村')).toBeUndefined();
    const before = listBackups(backupsDir(s.app.dbFile)).filter((b) => b.kind === 'restore');
    expect(before).toHaveLength(1);
    await backup.open();
    await shown(backup.row('恢复前的备份').first());
    expect(s.errors).toEqual([]);
  });
});

describe.runIf(browserAvailable())('a damaged database at start, in Chromium', () => {
  it('shows the damage with the backups offered, and restores one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-e2e-damaged-'));
    const dbFile = path.join(dir, 'ledger.db');
    const first = await openCore(dbFile);
    completeSetup(first, { role: 'township', code: '450311100', name: '雁山镇', operator: '张三', importVillages: ['450311100200', '450311100201'] });
    await createBackup(first);
    first.close();
    damageTablePage(dbFile);
    const core = await openCore(dbFile);
    const host = await startHost({ core, staticDir: rendererDir });
    const browser = await launchBrowser();
    try {
      const { page } = await openPage(browser, { viewport: { width: 1366, height: 768 }, timeout: 15_000 });
      await page.goto(host.openUrl);
      await shown(page.getByText('数据库文件已损坏', { exact: true }));
      const backup = new BackupPage(page);
      await shown(backup.row('手动备份'));
      await backup.restore('手动备份');
      await shown(page.getByRole('menuitem', { name: '村（社区）' }));
      expect(core.damaged).toBeNull();
      expect((core.db.prepare('SELECT count(*) AS n FROM villages').get() as { n: number }).n).toBe(2);
      expect(fs.readdirSync(backupsDir(dbFile)).some((n) => n.includes('.damaged.'))).toBe(true);
    } finally {
      await browser.close();
      await host.close();
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
