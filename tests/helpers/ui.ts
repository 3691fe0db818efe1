import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Web-first waits for playwright-core (which has no `expect`): each resolves as soon as the page
 * reaches the state and fails with the locator in the message after the page's timeout.
 */
export const shown = (l: Locator) => l.waitFor({ state: 'visible' });
export const gone = (l: Locator) => l.waitFor({ state: 'hidden' });

/**
 * Waits until a dialog has finished opening: its zoom-in is over. Playwright aims a click at where
 * the button is drawn when it looks; while the dialog grows, the button moves before the click
 * lands, which then falls on the dialog's body and does nothing (a test on a loaded machine meets
 * this; a clerk's hand is never that quick). A dialog closed at any frame of its opening does close
 * (tried from the page itself at each phase of the zoom).
 */
export async function opened(dialog: Locator): Promise<void> {
  await shown(dialog);
  await expect.poll(() => dialog.getAttribute('class'), { timeout: 10_000 }).not.toMatch(/-(appear|enter)\b/);
}

export async function hasValue(l: Locator, value: string): Promise<void> {
  await expect.poll(() => l.inputValue(), { timeout: 10_000 }).toBe(value);
}

/**
 * Holds the page's calls to an API channel until the returned function is called, as a busy
 * machine answers late; `onCall` sees each call as it is made.
 */
export async function holdCalls(page: Page, channel: string, onCall?: () => void): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(`**/api/${channel}`, async (route) => {
    onCall?.();
    await held;
    await route.continue();
  });
  return release;
}
