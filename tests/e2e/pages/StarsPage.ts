import type { Locator, Page } from 'playwright-core';
import { gone, shown } from '../../helpers/ui';
import { chooseOption, typeDate } from './widgets';

/** The 评星定级 page: the list and the rating drawer with its corrective items. */
export class StarsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: '评星定级' }).click();
    await shown(this.page.getByRole('heading', { name: '评星定级' }));
  }

  /** The list row of a village's rating for a year. */
  row(village: string, year: number): Locator {
    return this.page
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: village, exact: true }) })
      .filter({ has: this.page.getByRole('cell', { name: String(year), exact: true }) });
  }

  async openNew(): Promise<Locator> {
    await this.page.getByRole('button', { name: '新增', exact: true }).click();
    const d = this.page.getByRole('dialog', { name: '新增评星定级' });
    await shown(d);
    return d;
  }

  async fill(d: Locator, v: { village?: string; year?: number; stars?: string; score?: string; reason?: string }): Promise<void> {
    if (v.village !== undefined) await chooseOption(this.page, d, '村（社区）', v.village, { type: true });
    if (v.year !== undefined) await d.getByLabel('评定年度', { exact: true }).fill(String(v.year));
    if (v.stars !== undefined) await chooseOption(this.page, d, '星级', v.stars);
    if (v.score !== undefined) await d.getByLabel('得分', { exact: true }).fill(v.score);
    if (v.reason !== undefined) await d.getByLabel('升降星原因', { exact: true }).fill(v.reason);
  }

  async addItem(d: Locator, v: { item: string; deadline: string; responsible: string }): Promise<void> {
    await d.getByRole('button', { name: /添加整改事项$/ }).click();
    const card = d.locator('.ant-card').filter({ hasText: '整改事项' }).last();
    await card.getByLabel('整改事项', { exact: true }).fill(v.item);
    await typeDate(card, '整改时限', v.deadline);
    await card.getByLabel('责任人', { exact: true }).fill(v.responsible);
  }

  async save(d: Locator): Promise<void> {
    await d.getByRole('button', { name: /保存$/ }).click();
  }

  async expectSaved(d: Locator): Promise<void> {
    await shown(this.page.getByText('已保存').last());
    await gone(d);
  }
}
