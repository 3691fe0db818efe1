import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { gone, hasValue, shown } from '../../helpers/ui';

/**
 * One helper per widget for the page objects: an antd select, the app's date input, and the
 * question a form with unsaved changes asks before closing.
 */

/** Resolves once the element's (and its children's) running CSS animations have finished. */
export async function settled(l: Locator): Promise<void> {
  await l.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a: { finished: Promise<unknown> }) => a.finished.catch(() => undefined))));
}

/**
 * Picks an option of a Select labelled `label` inside `scope`: clicks it open (typing the option
 * when `type`, for long lists such as villages) and clicks the first option containing it.
 */
export async function chooseOption(page: Page, scope: Locator | Page, label: string, option: string, opts: { type?: boolean } = {}): Promise<void> {
  const box = scope.getByLabel(label, { exact: true });
  // The dropdown just opened: not a hidden one, nor one still fading out from an earlier pick.
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"])');
  await box.click();
  if (opts.type) await box.fill(option);
  await shown(dropdown);
  await settled(dropdown);
  await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
}

/** Types a date into the app's date input; Tab commits it without submitting the form (Enter would). */
export async function typeDate(scope: Locator, label: string, day: string, commit: 'Enter' | 'Tab' = 'Tab'): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(day);
  await input.press(commit);
  // Shown back as typed when typed as 2026-03-05 (other spellings are shown as that form).
  if (/^\d{4}-\d{2}-\d{2}$/.test(day)) await hasValue(input, day);
}

/** The question asked before unsaved changes are thrown away. */
export const discardQuestion = (page: Page): Locator => page.locator('.ant-modal-confirm').filter({ hasText: '放弃未保存的修改？' });

/**
 * Answers the question (which must be showing): 放弃 throws the changes away, 继续编辑 keeps the
 * form open. Clicked once the question has finished opening (a click on a button still zooming
 * in was once lost on a loaded CI machine, leaving the question over the next test's menu), and
 * done when no question is left on the page at all, not only the one answered.
 */
export async function answerDiscard(page: Page, answer: '放弃' | '继续编辑'): Promise<void> {
  const q = discardQuestion(page);
  await shown(q);
  await settled(q);
  await q.getByRole('button', { name: answer }).click();
  await gone(q);
  await expect.poll(() => page.locator('.ant-modal-confirm:visible').filter({ hasText: '放弃未保存的修改？' }).count(), { timeout: 10_000 }).toBe(0);
}
