import type { Locator, Page } from 'playwright-core';
import { layoutProblems } from './layoutCheck';

/**
 * The walk of the 1366×768 layout tests (township and district): open a page, drawer or dialog,
 * let it settle, and note what layoutProblems finds there under a name that says where.
 */

export const VIEWPORT = { width: 1366, height: 768 };

/** An open drawer or dialog (antd keeps closed modals in the DOM, hidden). */
export const OVERLAY = '.ant-drawer-open .ant-drawer-content-wrapper, .ant-modal-wrap:not([style*="display: none"]) .ant-modal';

/**
 * The motion of antd's drawers and dialogs shortened to 1 ms for the walk: one is looked at
 * where it comes to rest, not mid-slide or mid-zoom (a scaled dialog overlaps and cuts off its
 * own text). 1 ms rather than none, so transitionend and animationend still fire and antd's
 * motion ends (and unmounts what it closes) as it would. Only drawers and dialogs: a select's
 * dropdown is placed by its motion's steps and was left outside the window without them. Only
 * the walk's page gets it: other tests keep the real motion (forms.test types during it).
 */
const MOTION_SCOPES = ['.ant-drawer', '.ant-modal-root'];
const NO_MOTION = `${MOTION_SCOPES.flatMap((s) => [s, `${s} *`, `${s} *::before`, `${s} *::after`]).join(', ')} {
  transition-duration: 1ms !important; transition-delay: 0s !important;
  animation-duration: 1ms !important; animation-delay: 0s !important;
}`;

export async function stillMotion(page: Page): Promise<void> {
  await page.evaluate((css) => {
    if (document.getElementById('tl-no-motion')) return;
    const style = document.createElement('style');
    style.id = 'tl-no-motion';
    style.textContent = css;
    document.head.appendChild(style);
  }, NO_MOTION);
}

/** Requests the page has sent and not yet had answered, counted from the first settle on it. */
const inFlight = new WeakMap<Page, Set<unknown>>();

function requestsOf(page: Page): Set<unknown> {
  let open = inFlight.get(page);
  if (!open) {
    const set = new Set<unknown>();
    page.on('request', (r) => set.add(r));
    page.on('requestfinished', (r) => set.delete(r));
    page.on('requestfailed', (r) => set.delete(r));
    open = set;
    inFlight.set(page, open);
  }
  return open;
}

/**
 * Waits until the page is at rest: no request to the server open, fonts loaded, no spinner or
 * skeleton, no finite animation running (but the click's wave), and every box of the layout and
 * its overlays where it was over three looks 50 ms apart. A fixed pause (600 ms before) either
 * wastes time or, on a loaded machine, looks too early.
 */
export async function settle(page: Page): Promise<void> {
  const open = requestsOf(page);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const deadline = Date.now() + 15_000;
  let last: string | null = null;
  let same = 0;
  while (same < 2) {
    if (Date.now() > deadline) throw new Error('settle: the page never came to rest in 15 s');
    await page.waitForTimeout(50);
    const now = await page.evaluate(() => {
      const busy =
        document.fonts.status !== 'loaded' ||
        !!document.querySelector('.ant-spin-spinning, .ant-skeleton-active, .ant-btn-loading') ||
        document.getAnimations().some((a) => {
          // The click's wave (a 2 s fade around the button) moves nothing a clerk reads.
          const target = a.effect instanceof KeyframeEffect ? a.effect.target : null;
          return a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity && !target?.closest('.ant-wave');
        });
      if (busy) return null;
      const parts: string[] = [];
      for (const e of document.querySelectorAll('.ant-layout *, .ant-drawer *, .ant-modal-root *, .ant-message *')) {
        const r = e.getBoundingClientRect();
        parts.push(`${r.x | 0},${r.y | 0},${r.width | 0},${r.height | 0}`);
      }
      return parts.join(';');
    });
    same = now !== null && open.size === 0 && now === last ? same + 1 : 0;
    last = now;
  }
}

export async function closeOverlay(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  // A form that asks before throwing away changes: nothing was typed, but answer if asked.
  const asked = page.locator('.ant-modal-confirm').first();
  const outcome = await Promise.race([
    page.locator(OVERLAY).first().waitFor({ state: 'hidden', timeout: 5000 }).then(() => 'closed', () => 'open'),
    asked.waitFor({ state: 'visible', timeout: 5000 }).then(() => 'asked', () => 'open'),
  ]);
  if (outcome !== 'closed' && (await asked.count())) await page.getByRole('button', { name: /放弃|确定|确 定/ }).last().click().catch(() => undefined);
  await page.locator(OVERLAY).first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
}

/** What the walk looked at and what it found, by place. */
export class LayoutNotes {
  readonly found: Record<string, string[]> = {};
  readonly checked: string[] = [];

  constructor(readonly page: Page) {}

  /** Checks the part of the page under `scope` (the whole layout by default). */
  async check(where: string, scope = '.ant-layout'): Promise<void> {
    await stillMotion(this.page);
    const problems = await layoutProblems(this.page, scope);
    this.checked.push(where);
    if (problems.length) this.found[where] = problems;
  }

  /**
   * Clicks `opener`; if a drawer or dialog opens, checks it and closes it. Whether it opened
   * (false at once when there is no such opener). 10 s: on a loaded CI machine a drawer took
   * over 3 s, was taken for none, and then covered the walk's next click.
   */
  async overlay(where: string, opener: Locator, timeout = 10_000): Promise<boolean> {
    if (!(await opener.count())) return false;
    await stillMotion(this.page);
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
    await stillMotion(this.page);
    await this.page.getByRole('menuitem', { name: label }).click();
    await settle(this.page);
    await this.check(where);
  }
}
