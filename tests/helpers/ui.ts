import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Web-first waits for playwright-core (which has no `expect`): each resolves as soon as the page
 * reaches the state and fails with the locator in the message after the page's timeout.
 */
export const shown = (l: Locator) => l.waitFor({ state: 'visible' });
export const gone = (l: Locator) => l.waitFor({ state: 'hidden' });

export async function hasValue(l: Locator, value: string): Promise<void> {
  await expect.poll(() => l.inputValue(), { timeout: 10_000 }).toBe(value);
}
