import type { Locator, Page } from 'playwright-core';
import { gone, shown } from '../../helpers/ui';
import { chooseOption, settled, typeDate } from './widgets';

/** The 流动党员 page: roster list with its alerts, the member drawer, the ledger drawer, import. */
export class FloatingPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: '流动党员' }).click();
    await shown(this.page.getByRole('heading', { name: '流动党员' }));
  }

  row(name: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  async expectAlerts(overdue: number, noContact: number): Promise<void> {
    await shown(this.page.getByLabel(`逾期未联系 ${overdue} 名`));
    await shown(this.page.getByLabel(`无联系人 ${noContact} 名`));
  }

  drawer(title: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name: title });
  }

  pickVillage(scope: Locator, label: string, village: string): Promise<void> {
    return chooseOption(this.page, scope, label, village, { type: true });
  }

  pickDate(scope: Locator, label: string, date: string): Promise<void> {
    return typeDate(scope, label, date);
  }

  async pickDestination(scope: Locator, path: string[]): Promise<void> {
    await scope.getByLabel('流入地', { exact: true }).click();
    // Clicked once it has finished sliding open (a click on a moving item can be lost).
    await settled(this.page.locator('.ant-cascader-dropdown:visible'));
    for (const name of path) {
      await this.page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item').filter({ hasText: new RegExp(`^${name}$`) }).click();
    }
    // A leaf closes the dropdown by itself; only a path that stops above a leaf leaves it open.
    // An Esc sent after it has closed reaches the drawer, which then asks 放弃未保存的修改？.
    const open = this.page.locator('.ant-cascader-dropdown:visible');
    await open.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => this.page.keyboard.press('Escape'));
  }

  async addMember(v: { name: string; village: string; idNumber: string; leftDate: string; destination: string[] }): Promise<void> {
    await this.page.getByRole('button', { name: '新增', exact: true }).click();
    const d = this.drawer('新增流动党员');
    await shown(d);
    // The drawer focuses 姓名 once its opening animation has ended; pickers opened before that
    // would chase a moving anchor.
    await shown(d.locator('input#floatingMember_name:focus'));
    await d.getByLabel('姓名', { exact: true }).fill(v.name);
    await this.pickVillage(d, '所属村（社区）', v.village);
    await d.getByLabel('身份证号', { exact: true }).fill(v.idNumber);
    await this.pickDate(d, '外出时间', v.leftDate);
    await this.pickDestination(d, v.destination);
    await d.getByRole('button', { name: /保存$/ }).click();
    await shown(this.page.getByText('已保存').last());
    await gone(d);
  }

  async openLedger(name: string): Promise<Locator> {
    await this.row(name).getByText('联系', { exact: true }).click();
    const d = this.drawer(`联系情况：${name}`);
    await shown(d);
    return d;
  }
}
