import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { shown } from '../../helpers/ui';
import { chooseOption } from './widgets';

/** The 统计报表 page: the period picker, a card per section, export and print. */
export class ReportPage {
  constructor(readonly page: Page) {}

  async open(unitName: string): Promise<void> {
    await this.page.getByRole('menuitem', { name: '统计报表' }).click();
    await shown(this.page.getByRole('heading', { name: `${unitName}统计报表` }));
  }

  /** A preset such as "2026年上半年"; waits until the figures for it are shown. */
  async choosePreset(label: string, from: string, to: string): Promise<void> {
    // Through the shared select helper, which clicks once the dropdown has finished opening: a
    // click on the still-sliding list was lost once on a loaded CI machine and nothing was chosen.
    await chooseOption(this.page, this.page, '统计期间', label);
    await shown(this.page.getByText(`统计期间：${from} 至 ${to}`));
    await shown(this.section('驻村干部'));
  }

  /** 开始日期 or 结束日期: the app's date input, typed into like any other. */
  dateField(label: '开始日期' | '结束日期'): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  /** Types a date into 开始日期 or 结束日期 and leaves the field with Tab. */
  async typeDate(label: '开始日期' | '结束日期', text: string): Promise<void> {
    await this.dateField(label).fill(text);
    await this.dateField(label).press('Tab');
  }

  /** The period the figures are for (the line under the toolbar). */
  periodLine(from: string, to: string): Locator {
    return this.page.getByText(`统计期间：${from} 至 ${to}`, { exact: true });
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
