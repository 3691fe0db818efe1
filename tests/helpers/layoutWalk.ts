import type { Locator, Page } from 'playwright-core';
import { layoutProblems } from './layoutCheck';

/**
 * The walk of the 1366×768 layout tests (township and district): open a page, drawer or dialog,
 * let it settle, and note what layoutProblems finds there under a name that says where.
 */

export const VIEWPORT = { width: 1366, height: 768 };

/** An open drawer or dialog (antd keeps closed modals in the DOM, hidden). */
export const OVERLAY = '.ant-drawer-open .ant-drawer-content-wrapper, .ant-modal-wrap:not([style*="display: none"]) .ant-modal';

export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(600);
}

export async function closeOverlay(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  // A form that asks before throwing away changes: nothing was typed, but answer if asked.
  const discard = page.getByRole('button', { name: /放弃|确定|确 定/ }).last();
  if (await page.locator('.ant-modal-confirm').count()) await discard.click().catch(() => undefined);
  await page.locator(OVERLAY).first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
}

/** What the walk looked at and what it found, by place. */
export class LayoutNotes {
  readonly found: Record<string, string[]> = {};
  readonly checked: string[] = [];

  constructor(readonly page: Page) {}

  /** Checks the part of the page under `scope` (the whole layout by default). */
  async check(where: string, scope = '.ant-layout'): Promise<void> {
    const problems = await layoutProblems(this.page, scope);
    this.checked.push(where);
    if (problems.length) this.found[where] = problems;
  }

  /** Clicks `opener`; if a drawer or dialog opens, checks it and closes it. Whether it opened. */
  async overlay(where: string, opener: Locator, timeout = 3000): Promise<boolean> {
    if (!(await opener.count())) return false;
    await opener.click();
    const opened = await this.page
      .locator(OVERLAY)
      .first()
      .waitFor({ state: 'visible', timeout })
      .then(() => true, () => false);
    if (!opened) return false;
    await settle(this.page);
    await this.check(where, OVERLAY);
    await closeOverlay(this.page);
    return true;
  }

  /** Shows a page of the menu and checks it (noted as `where`, the label by default). */
  async menu(label: string, where = label): Promise<void> {
    await this.page.getByRole('menuitem', { name: label }).click();
    await settle(this.page);
    await this.check(where);
  }
}
