import type { Locator, Page } from 'playwright-core';
import { shown } from '../../helpers/ui';

/** The 安全 card of 系统设置 and the full-screen lock page. */
export class LockScreen {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByRole('main', { name: '程序已锁定' });
  }

  async enable(password: string, confirm = password): Promise<void> {
    await this.page.getByRole('menuitem', { name: '系统设置' }).click();
    await this.page.getByRole('button', { name: '启用锁定密码' }).click();
    const form = this.page.getByRole('form', { name: '锁定密码设置' });
    await form.getByLabel('锁定密码', { exact: true }).fill(password);
    await form.getByLabel('再次输入密码').fill(confirm);
    await form.getByRole('button', { name: /确定$/ }).click();
  }

  async expectLocked(): Promise<void> {
    await shown(this.screen);
  }

  async unlock(password: string): Promise<void> {
    await this.screen.getByLabel('锁定密码').fill(password);
    await this.screen.getByRole('button', { name: /解锁$/ }).click();
  }
}
