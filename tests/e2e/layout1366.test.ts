import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appSession, browserAvailable } from '../helpers/browser';
import { seedLists as seed } from '../helpers/layoutSeed';
import { shown } from '../helpers/ui';

const VIEWPORT = { width: 1366, height: 768 };
/** The README's pictures of the main lists, remade by this test with REGEN_SCREENSHOTS=1 (a plain run leaves the tree clean). */
const SHOTS = path.resolve(__dirname, '../../docs/screenshots');
/** Each register, the columns a clerk needs at a glance, and a cell value of the seeded row. */
const REGISTERS = [
  { menu: '驻村干部', shot: 'cadres', columns: ['姓名', '驻村村（社区）', '驻村角色', '驻村时间', '状态', '在村', '手机号码', '操作'], cell: '欧阳明华' },
  { menu: '流动党员', shot: 'floating', columns: ['姓名', '所属村（社区）', '手机号码', '一对一联系人', '最近联系', '状态', '操作'], cell: '欧阳小明' },
  { menu: '一村一项目', shot: 'projects', columns: ['村（社区）', '项目名称', '状态', '总投资（万元）', '带动户数', '当前进度', '操作'], cell: '东立村百香果种植基地提质增效项目' },
];

describe.runIf(browserAvailable())('the registers at 1366×768', () => {
  // The page's timers on Playwright's clock (running at the real pace), so the 3 s auto-hide
  // below is passed by moving the clock on rather than by waiting it out.
  const s = appSession({ setup: true, seed, viewport: VIEWPORT, goto: false });
  beforeAll(async () => {
    await s.page.clock.install();
    await s.page.goto(s.app.host.openUrl);
  });

  it.each(REGISTERS)('$menu shows its key columns inside the window without scrolling', async ({ menu, shot, columns, cell }) => {
    await s.page.getByRole('menuitem', { name: menu }).click();
    await shown(s.page.getByRole('heading', { name: menu }));
    await shown(s.page.locator('.register-table').getByText(cell, { exact: true }).first());
    const table = s.page.locator('.register-table').first();
    const tableBox = (await table.boundingBox())!;
    expect(tableBox.x + tableBox.width).toBeLessThanOrEqual(VIEWPORT.width);
    for (const title of columns) {
      const th = table.locator('.ant-table-thead th').filter({ hasText: title }).first();
      const box = (await th.boundingBox())!;
      expect(box, title).not.toBeNull();
      expect(box.x, title).toBeGreaterThanOrEqual(tableBox.x);
      expect(box.x + box.width, title).toBeLessThanOrEqual(tableBox.x + tableBox.width + 1);
      expect(box.y + box.height, title).toBeLessThanOrEqual(VIEWPORT.height);
    }
    // Past the virtual list's 3 s auto-hide: still shown, without hovering.
    await s.page.mouse.move(0, 0);
    await s.page.evaluate(() => setTimeout(() => ((window as unknown as { tlPast3s: boolean }).tlPast3s = true), 3000));
    await s.page.clock.fastForward(3500);
    // The timers due are run; the renders they cause come next (React's scheduler is not on the clock).
    await s.page.waitForTimeout(200);
    expect(await s.page.evaluate(() => (window as unknown as { tlPast3s?: boolean }).tlPast3s), 'the page is past 3 s').toBe(true);
    const own = table.locator('.ant-table-tbody-virtual-scrollbar-horizontal');
    if (await own.count()) expect(await own.isVisible(), 'horizontal scrollbar').toBe(true);
    else expect(await table.locator('.ant-table-body').evaluate(overflows), 'horizontal scroll area').toBe(true);
    if (process.env.REGEN_SCREENSHOTS === '1') {
      fs.mkdirSync(SHOTS, { recursive: true });
      await s.page.screenshot({ path: path.join(SHOTS, `${shot}-1366x768.png`) });
    }
  });
});

/**
 * The table body scrolls sideways with the browser's own scrollbar, which is always shown (the
 * test's headless Chromium hides native scrollbars, so their size cannot be measured here).
 */
const overflows = (body: unknown) => {
  const b = body as { scrollWidth: number; clientWidth: number };
  const style = (globalThis as unknown as { getComputedStyle(e: unknown): { overflowX: string } }).getComputedStyle(body);
  return b.scrollWidth > b.clientWidth && (style.overflowX === 'auto' || style.overflowX === 'scroll');
};
