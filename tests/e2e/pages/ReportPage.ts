import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { shown } from '../../helpers/ui';

/** The 统计报表 page: the period picker, a card per section, export and print. */
export class ReportPage {
  constructor(readonly page: Page) {}

  async open(unitName: string): Promise<void> {
    await this.page.getByRole('menuitem', { name: '统计报表' }).click();
    await shown(this.page.getByRole('heading', { name: `${unitName}统计报表` }));
  }

  /** A preset such as "2026年上半年"; waits until the figures for it are shown. */
  async choosePreset(label: string, from: string, to: string): Promise<void> {
    await this.page.getByLabel('统计期间').click();
    await this.page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
    await shown(this.page.getByText(`统计期间：${from} 至 ${to}`));
    await shown(this.section('驻村干部'));
  }

  section(title: string): Locator {
    return this.page.getByRole('region', { name: title });
  }

  /** The value beside a figure's label in a township's section (a Descriptions item). */
  figure(section: string, label: string): Locator {
    return this.section(section).locator('th.ant-descriptions-item-label', { hasText: label }).locator('xpath=following-sibling::td[1]');
  }

  async exportXlsx(): Promise<{ fileName: string; bytes: Buffer }> {
    const downloading = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: /导出Excel$/ }).click();
    const download = await downloading;
    return { fileName: download.suggestedFilename(), bytes: fs.readFileSync((await download.path())!) };
  }
}
