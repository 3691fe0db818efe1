import type { Page } from 'playwright-core';
import { shown } from '../../helpers/ui';

/** The first-run setup screen, written once for every end-to-end flow that starts fresh. */
export class SetupPage {
  constructor(readonly page: Page) {}

  async open(openUrl: string): Promise<void> {
    await this.page.goto(openUrl);
    await shown(this.page.getByText('初始设置').first());
  }

  async fillUnit(unit: { role?: '乡镇（街道）' | '区县组织部'; code: string; operator: string; name?: string }): Promise<void> {
    if (unit.role) await this.page.getByLabel(unit.role).check();
    await this.page.getByLabel('区划代码').fill(unit.code);
    if (unit.name !== undefined) await this.page.getByLabel('单位名称').fill(unit.name);
    await this.page.getByLabel('操作员姓名').fill(unit.operator);
  }

  async expectOfficialName(text: string): Promise<void> {
    await shown(this.page.getByText(`官方名称：${text}`));
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: '下一步' }).click();
  }

  async expectOfferedVillages(count: number, someNames: string[]): Promise<void> {
    await shown(this.page.getByText(`共 ${count} 个村（社区）`));
    for (const n of someNames) await shown(this.page.getByRole('cell', { name: n, exact: true }).first());
  }

  async importSelected(): Promise<void> {
    await this.page.getByRole('button', { name: '导入所选并完成' }).click();
  }
}
