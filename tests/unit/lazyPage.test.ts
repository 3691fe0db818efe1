import { describe, expect, it } from 'vitest';
import type { ComponentType } from 'react';
import { lazyPage } from '../../renderer/src/lazyPage';

const Page: ComponentType = () => null;

/** A page whose first fetch fails (the network) and whose second succeeds; loads() counts the fetches. */
function failingOnce() {
  let n = 0;
  const p = lazyPage(async () => {
    n++;
    if (n === 1) throw new Error('network');
    return { HomePage: Page };
  }, 'HomePage');
  return { p, loads: () => n };
}

describe('pages loaded on first show', () => {
  it('fetches a page once, however often it is preloaded or shown', async () => {
    let loads = 0;
    const p = lazyPage(async () => {
      loads++;
      return { VillagesPage: Page };
    }, 'VillagesPage');
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([p.preload(), p.preload()]);
    await p.preload();
    expect(loads).toBe(1);
    expect(a).toEqual({ default: Page });
    expect(b).toBe(a);
  });

  it('tries again after a failed fetch instead of failing the page for good', async () => {
    const { p, loads } = failingOnce();
    await expect(p.preload()).rejects.toThrow('network');
    await expect(p.preload()).resolves.toEqual({ default: Page });
    expect(loads()).toBe(2);
  });
});

describe('opening a page from the menu', () => {
  it("runs the module's early call once its code is in, and nothing for a page without one", async () => {
    let early = 0;
    let loads = 0;
    const withEarly = lazyPage(async () => {
      loads++;
      return { VillagesPage: Page, early: () => void early++ };
    }, 'VillagesPage');
    withEarly.opening();
    await withEarly.preload();
    expect(early).toBe(1);
    withEarly.opening();
    await withEarly.preload();
    expect(early).toBe(2);
    expect(loads).toBe(1);

    const plain = lazyPage(async () => ({ AuditPage: Page }), 'AuditPage');
    plain.opening();
    await expect(plain.preload()).resolves.toEqual({ default: Page });
  });

  it('swallows a failed fetch at the click: the page shows its own error when it renders', async () => {
    const { p, loads } = failingOnce();
    p.opening();
    await new Promise((r) => setTimeout(r, 0));
    await expect(p.preload()).resolves.toEqual({ default: Page });
    expect(loads()).toBe(2);
  });
});
