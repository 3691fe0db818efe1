import type { Locator, Page } from 'playwright-core';
import { gone, shown } from '../../helpers/ui';
import { chooseOption, typeDate } from './widgets';

/** The 一村一项目 page: the ledger tab with its drawers, and the coverage tab. */
export class ProjectsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: '一村一项目' }).click();
    await shown(this.page.getByRole('heading', { name: '一村一项目' }));
  }

  async tab(name: '项目台账' | '覆盖情况'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  row(name: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  async expectTotal(n: number): Promise<void> {
    await shown(this.page.getByRole('tabpanel').getByText(`共 ${n} 条`).first());
  }

  drawer(title: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name: title });
  }

  async openNew(): Promise<Locator> {
    await this.page.getByRole('button', { name: '新增', exact: true }).click();
    const d = this.drawer('新增项目');
    await shown(d);
    return d;
  }

  private choose(d: Locator, label: string, option: string): Promise<void> {
    return chooseOption(this.page, d, label, option);
  }

  /** Sources by label, e.g. { '财政资金（万元）': '60' }. */
  async fill(d: Locator, v: { village?: string; name?: string; status?: string; total?: string; sources?: Record<string, string> }): Promise<void> {
    if (v.village !== undefined) {
      await chooseOption(this.page, d, '村（社区）', v.village, { type: true });
    }
    if (v.name !== undefined) await d.getByLabel('项目名称').fill(v.name);
    if (v.status !== undefined) await this.choose(d, '项目状态', v.status);
    if (v.total !== undefined) await d.getByLabel('总投资（万元）').fill(v.total);
    for (const [label, value] of Object.entries(v.sources ?? {})) await d.getByLabel(label, { exact: true }).fill(value);
  }

  async save(d: Locator): Promise<void> {
    await d.getByRole('button', { name: /保存$/ }).click();
  }

  async expectSaved(d: Locator): Promise<void> {
    await shown(this.page.getByText('已保存').last());
    await gone(d);
  }

  async openProgress(name: string): Promise<Locator> {
    await this.row(name).getByText('进展', { exact: true }).click();
    const d = this.drawer(`项目进展：${name}`);
    await shown(d);
    return d;
  }

  async addProgress(d: Locator, v: { date: string; percent: string; note: string }): Promise<void> {
    await typeDate(d, '进展日期', v.date);
    await d.getByLabel('完成进度（%）').fill(v.percent);
    await d.getByLabel('进展情况').fill(v.note);
    await d.getByRole('button', { name: /添加进展$/ }).click();
    await shown(d.getByRole('cell', { name: v.note, exact: true }));
  }
}
