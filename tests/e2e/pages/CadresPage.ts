import type { Locator, Page } from 'playwright-core';
import { gone, hasValue, shown } from '../../helpers/ui';

export interface CadreValues {
  name?: string;
  idNumber?: string;
  unit?: string;
  mobile?: string;
}

/** Resolves once the element's (and its children's) running CSS animations have finished. */
async function settled(l: Locator): Promise<void> {
  await l.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a: { finished: Promise<unknown> }) => a.finished.catch(() => undefined))));
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

  async openLedger(name: string): Promise<void> {
    await this.row(name).getByText('台账', { exact: true }).click();
    await shown(this.page.getByRole('heading', { name: `驻村干部台账：${name}` }));
  }

  async backToList(): Promise<void> {
    await this.page.getByRole('button', { name: '返回列表' }).click();
    await shown(this.page.getByRole('heading', { name: '驻村干部' }));
  }

  /** Picks an option of an antd Select by clicking it open and clicking the option. */
  async choose(scope: Locator, label: string, option: string, opts: { type?: boolean } = {}): Promise<void> {
    const box = scope.getByLabel(label, { exact: true });
    // The dropdown just opened: not a hidden one, nor one still fading out from an earlier pick.
    const dropdown = this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"])');
    // On a loaded machine a click can land while focus is still moving and the dropdown closes
    // again at once; a clerk would click again, and so does the test.
    for (let attempt = 1; ; attempt++) {
      await box.click();
      if (opts.type) await box.fill(option);
      const open = await dropdown.waitFor({ state: 'visible', timeout: 4000 }).then(() => true, () => false);
      if (open || attempt === 3) break;
    }
    await shown(dropdown);
    await settled(dropdown);
    await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  }

  /** Types a date into an antd DatePicker; Tab commits it without submitting the form (Enter would). */
  async setDate(scope: Locator, label: string, day: string, commit: 'Enter' | 'Tab' = 'Tab'): Promise<void> {
    const input = scope.getByLabel(label, { exact: true });
    await input.click();
    await input.fill(day);
    await input.press(commit);
    await hasValue(input, day);
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
