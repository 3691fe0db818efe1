import type { Locator, Page } from 'playwright-core';
import { gone, shown } from '../../helpers/ui';
import { chooseOption, settled, typeDate } from './widgets';

export interface CadreValues {
  name?: string;
  idNumber?: string;
  unit?: string;
  mobile?: string;
}

/** The 驻村干部 register: list, profile drawer, ledger, posting and review modals, log entry. */
export class CadresPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: '驻村干部' }).click();
    await shown(this.page.getByRole('heading', { name: '驻村干部' }));
  }

  async expectTotal(n: number): Promise<void> {
    await shown(this.page.getByText(`共 ${n} 条`));
  }

  /** A list row (the table is virtualized: rows are found by their text, not by ARIA role). */
  row(name: string): Locator {
    return this.page.locator('.ant-table-row').filter({ hasText: name });
  }

  /** The 考勤月份 filter (the app's date input in month mode). */
  monthFilter(): Locator {
    return this.page.getByLabel('考勤月份', { exact: true });
  }

  /** The in-village days column, titled by the month the list was read for (2026年03月在村). */
  monthColumn(month: string): Locator {
    return this.page.getByRole('columnheader', { name: `${month.replace('-', '年')}月在村` });
  }

  drawer(title: string): Locator {
    return this.page.getByRole('dialog', { name: title });
  }

  async openNew(): Promise<Locator> {
    await this.page.getByRole('button', { name: '新增', exact: true }).click();
    const d = this.drawer('新增驻村干部');
    await shown(d);
    return d;
  }

  async fill(d: Locator, v: CadreValues): Promise<void> {
    if (v.name !== undefined) await d.getByLabel('姓名').fill(v.name);
    if (v.idNumber !== undefined) await d.getByLabel('身份证号').fill(v.idNumber);
    if (v.unit !== undefined) await d.getByLabel('派出单位', { exact: true }).fill(v.unit);
    if (v.mobile !== undefined) await d.getByLabel('手机号码').fill(v.mobile);
  }

  async save(d: Locator): Promise<void> {
    await d.getByRole('button', { name: /保存$/ }).click();
  }

  async expectSaved(d: Locator): Promise<void> {
    await shown(this.page.getByText('已保存').last());
    await gone(d);
  }

  /**
   * Wheels the list's body down until the row is inside it: the list fits the window, five or
   * six rows at 1366×768, and a virtual list's rows out of sight cannot be scrolled to by a click.
   */
  async scrollToRow(name: string): Promise<void> {
    const body = this.page.locator('.register-table .ant-table-tbody-virtual-holder, .register-table .ant-table-body').first();
    // Where the row is against the body: 0 inside, 1 below or not drawn yet, -1 above.
    const where = async () => {
      const box = await body.boundingBox();
      const row = (await this.row(name).count()) ? await this.row(name).first().boundingBox() : null;
      if (!box || !row) return 1;
      return row.y < box.y ? -1 : row.y + row.height > box.y + box.height + 1 ? 1 : 0;
    };
    // A virtual list draws no row far out of sight, above as below: a row not drawn is looked for
    // from the top down (it was taken for "below" and the list wheeled away from a row above).
    if (!(await this.row(name).count())) {
      await body.hover({ position: { x: 8, y: 8 } });
      await this.page.mouse.wheel(0, -100_000);
      await this.page.waitForTimeout(50);
    }
    for (let i = 0, w = await where(); i < 40 && w !== 0; i++, w = await where()) {
      await body.hover({ position: { x: 8, y: 8 } });
      await this.page.mouse.wheel(0, 120 * w);
      await this.page.waitForTimeout(50);
    }
  }

  async openLedger(name: string): Promise<void> {
    await this.scrollToRow(name);
    await this.row(name).getByText('台账', { exact: true }).click();
    await shown(this.page.getByRole('heading', { name: `驻村干部台账：${name}` }));
  }

  async backToList(): Promise<void> {
    await this.page.getByRole('button', { name: '返回列表' }).click();
    await shown(this.page.getByRole('heading', { name: '驻村干部' }));
  }

  choose(scope: Locator, label: string, option: string, opts: { type?: boolean } = {}): Promise<void> {
    return chooseOption(this.page, scope, label, option, opts);
  }

  setDate(scope: Locator, label: string, day: string, commit: 'Enter' | 'Tab' = 'Tab'): Promise<void> {
    return typeDate(scope, label, day, commit);
  }

  async modal(button: string, title: string): Promise<Locator> {
    await this.page.getByRole('button', { name: button, exact: true }).click();
    const m = this.page.getByRole('dialog', { name: title });
    await shown(m);
    // The modal moves focus when its opening animation ends, which would close a dropdown opened earlier.
    await settled(m);
    return m;
  }

  async post(village: string, role: string, start: string): Promise<Locator> {
    const m = await this.modal('派驻', '派驻到村');
    await this.choose(m, '驻村村（社区）', village, { type: true });
    await this.choose(m, '驻村角色', role);
    await this.setDate(m, '驻村开始日期', start);
    await this.save(m);
    return m;
  }
}
