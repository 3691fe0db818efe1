import type { Locator, Page } from 'playwright-core';
import { gone, hasValue, shown } from '../../helpers/ui';
import { settled } from './widgets';

export interface VillageValues {
  name?: string;
  code?: string;
  partyOrgName?: string;
  secretary?: string;
  secretaryPhone?: string;
  keyVillage?: boolean;
  year?: { year: string; income: string };
}

/** The villages register: toolbar, server-paged table and the edit drawer. */
export class VillagesPage {
  constructor(readonly page: Page) {}

  /** The app opens on 首页 after setup; the register is one menu click away. */
  async expectShown(): Promise<void> {
    await this.page.getByRole('menuitem', { name: '村（社区）' }).click();
    await shown(this.page.getByRole('heading', { name: '村（社区）', exact: true }));
  }

  async expectTotal(n: number): Promise<void> {
    if (n === 0) await shown(this.page.getByText('暂无数据', { exact: true }).last());
    else await shown(this.page.getByText(`共 ${n} 条`));
  }

  row(name: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  async search(text: string): Promise<void> {
    const box = this.page.getByPlaceholder('搜索名称、区划代码、书记');
    await box.fill(text);
    await box.press('Enter');
  }

  drawer(title: '新增村（社区）' | '编辑村（社区）'): Locator {
    return this.page.getByRole('dialog', { name: title });
  }

  async openNew(): Promise<Locator> {
    await this.page.getByRole('button', { name: '新增', exact: true }).click();
    const d = this.drawer('新增村（社区）');
    await shown(d);
    return d;
  }

  async openEdit(name: string): Promise<Locator> {
    await this.row(name).getByText('编辑', { exact: true }).click();
    const d = this.drawer('编辑村（社区）');
    await shown(d);
    await hasValue(d.getByLabel('村（社区）名称'), name);
    return d;
  }

  async fill(d: Locator, v: VillageValues): Promise<void> {
    if (v.name !== undefined) await d.getByLabel('村（社区）名称').fill(v.name);
    if (v.code !== undefined) await d.getByLabel('区划代码').fill(v.code);
    if (v.partyOrgName !== undefined) await d.getByLabel('党组织名称').fill(v.partyOrgName);
    if (v.secretary !== undefined) await d.getByLabel('党组织书记').fill(v.secretary);
    if (v.secretaryPhone !== undefined) await d.getByLabel('书记联系电话').fill(v.secretaryPhone);
    if (v.keyVillage !== undefined) {
      const sw = d.getByLabel('乡村振兴重点村');
      if ((await sw.getAttribute('aria-checked')) !== String(v.keyVillage)) await sw.click();
    }
    if (v.year) {
      await d.getByRole('button', { name: '添加年度' }).click();
      await d.getByLabel('年度', { exact: true }).last().fill(v.year.year);
      await d.getByLabel('集体经济收入（万元）').last().fill(v.year.income);
    }
  }

  async save(d: Locator): Promise<void> {
    // antd may keep a fading loading icon (aria-label "loading") in the name after a save.
    await d.getByRole('button', { name: /保存$/ }).click();
  }

  async expectSaved(d: Locator): Promise<void> {
    await shown(this.page.getByText('已保存').last());
    await gone(d);
  }

  async remove(name: string): Promise<void> {
    await this.row(name).getByText('删除', { exact: true }).click();
    const confirm = this.page.getByRole('tooltip').filter({ has: this.page.getByRole('button', { name: '删除', exact: true }) });
    await shown(confirm);
    await settled(confirm);
    await confirm.getByRole('button', { name: '删除', exact: true }).click();
    await shown(this.page.getByText('已删除').last());
  }
}
