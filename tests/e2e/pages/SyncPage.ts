import fs from 'node:fs';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { shown } from '../../helpers/ui';

/** The 数据同步 screen, for both the township and the district side. */
export class SyncPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: '数据同步' }).click();
    await shown(this.page.getByRole('heading', { name: '数据同步' }));
  }

  /**
   * Runs `action` and returns the file it made the page download, saved under `dir`. `toast`: the
   * message the action shows, waited for from before the action (it shows as the download starts
   * and lasts 3 s, which saving a large file on a loaded machine can outlast).
   */
  async download(dir: string, action: () => Promise<void>, name?: RegExp, toast?: string | RegExp): Promise<string> {
    const got = this.page.waitForEvent('download', { predicate: (d: Download) => !name || name.test(d.suggestedFilename()) });
    const said = toast === undefined ? undefined : this.toast(toast);
    // Awaited below; a failure before then must not surface as an unhandled rejection.
    said?.catch(() => undefined);
    await action();
    const d = await got;
    const file = path.join(dir, d.suggestedFilename());
    await d.saveAs(file);
    await said;
    return file;
  }

  async pick(accept: string, file: string): Promise<void> {
    await this.page.locator(`input[type=file][accept="${accept}"]`).setInputFiles({
      name: path.basename(file),
      mimeType: 'application/octet-stream',
      buffer: fs.readFileSync(file),
    });
  }

  async toast(text: string | RegExp): Promise<void> {
    await shown(this.page.locator('.ant-message').getByText(text).last());
  }
}
