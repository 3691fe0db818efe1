import type { Locator, Page } from 'playwright-core';
import { gone, shown } from '../../helpers/ui';
import { settled } from './widgets';

/** 数据备份: manual backup, the backups list with 恢复, and the restore confirmation. */
export class BackupPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: '数据备份' }).click();
    await shown(this.page.getByRole('heading', { name: '数据备份', exact: true }));
  }

  /** 立即备份 to the folder prefilled (the backups folder); returns the path shown. */
  async backupNow(): Promise<string> {
    await this.page.getByRole('button', { name: /立即备份$/ }).click();
    const made = this.page.getByTestId('backup-made');
    await shown(made);
    return (await made.locator('code').textContent()) ?? '';
  }

  row(kindLabel: string): Locator {
    return this.page.getByRole('row').filter({ hasText: kindLabel });
  }

  confirmDialog(title = '确认从备份恢复？'): Locator {
    return this.page.getByRole('dialog').filter({ hasText: title });
  }

  /** 恢复 on the first row of that kind, then the confirmation and the reload; returns the confirmation's text. */
  async restore(kindLabel: string): Promise<string> {
    await this.row(kindLabel).first().getByRole('button', { name: '恢复' }).click();
    const dialog = this.confirmDialog();
    await shown(dialog);
    // Clicked once it has finished zooming in (a click on a button still moving can be lost).
    await settled(dialog);
    const text = (await dialog.textContent()) ?? '';
    // A restore ends by reloading the page on the restored file: wait for it, so the next step
    // never races the reload.
    const reloaded = this.page.waitForEvent('load', { timeout: 30_000 });
    await dialog.getByRole('button', { name: /恢复$/ }).click();
    await reloaded;
    await gone(dialog);
    return text;
  }
}
