import type { Locator, Page } from 'playwright-core';
import { shown } from '../../helpers/ui';

/** 首页: the dashboard's numbers (each a link to its filtered list), charts and quality checks. */
export class HomePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: '首页' }).click();
    await this.expectShown();
  }

  async expectShown(): Promise<void> {
    await shown(this.page.getByRole('heading', { name: '首页', exact: true }));
  }

  /** A number by its accessible name, e.g. "联系超期 2 名". */
  figure(label: string): Locator {
    return this.page.getByRole('link', { name: label, exact: true });
  }

  async follow(label: string): Promise<void> {
    await shown(this.figure(label));
    await this.figure(label).click();
  }

  chart(label: string): Locator {
    return this.page.getByRole('img', { name: label, exact: true });
  }

  /** Opens a data-quality check by its title; resolves with the list of checks to look into. */
  async openCheck(title: string): Promise<Locator> {
    const header = this.page.getByRole('button', { expanded: false }).filter({ hasText: title });
    await header.click();
    await shown(this.page.getByRole('button', { expanded: true }).filter({ hasText: title }));
    return this.page.locator('.ant-collapse');
  }

  /** A row of an opened check, by the record name it links to (a click opens that record). */
  checkRecord(panel: Locator, name: string): Locator {
    return panel.getByRole('link', { name, exact: true });
  }

  /** The header link opening 统计报表 on the current half-year. */
  reportLink(): Locator {
    return this.page.getByRole('link', { name: '本半年统计报表', exact: true });
  }
}
