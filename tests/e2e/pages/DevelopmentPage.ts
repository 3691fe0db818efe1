import type { Locator, Page } from 'playwright-core';
import { gone, shown } from '../../helpers/ui';
import { chooseOption, typeDate } from './widgets';

/** The 发展党员 register: its list, the add drawer and the step drawer; and its card on 首页. */
export class DevelopmentPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: '发展党员' }).click();
    await shown(this.page.getByRole('heading', { name: '发展党员', exact: true }));
  }

  row(name: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  async add(v: { name: string; village: string; idNumber: string; applicationDate: string }): Promise<void> {
    await this.page.getByRole('button', { name: '新增', exact: true }).click();
    const d = this.page.getByRole('dialog', { name: '新增入党申请人' });
    await shown(d);
    await d.getByLabel('姓名', { exact: true }).fill(v.name);
    await chooseOption(this.page, d, '所属村（社区）党组织', v.village, { type: true });
    await d.getByLabel('身份证号', { exact: true }).fill(v.idNumber);
    await typeDate(d, '入党申请日期', v.applicationDate);
    await this.saveAndClose(d);
  }

  /** Opens the step drawer of `name`, types the given dates (label → day) and saves. */
  async recordSteps(name: string, dates: Record<string, string>): Promise<void> {
    await this.row(name).getByText('记录步骤', { exact: true }).click();
    const d = this.page.getByRole('dialog', { name: '记录发展步骤' });
    await shown(d);
    await shown(d.getByText(`${name}（`).first());
    for (const [label, day] of Object.entries(dates)) await typeDate(d, label, day);
    await this.saveAndClose(d);
  }

  private async saveAndClose(d: Locator): Promise<void> {
    await d.getByRole('button', { name: /保存$/ }).click();
    await shown(this.page.getByText('已保存').last());
    await gone(d);
  }

  /** 首页's 发展党员提醒 card, opened afresh. */
  async homeCard(): Promise<Locator> {
    await this.page.getByRole('menuitem', { name: '首页' }).click();
    const card = this.page.getByLabel('发展党员提醒');
    await shown(card);
    return card;
  }
}
