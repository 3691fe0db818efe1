import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appSession, browserAvailable } from '../helpers/browser';
import { layoutProblems } from '../helpers/layoutCheck';
import { seedLists } from '../helpers/layoutSeed';
import { shown } from '../helpers/ui';

// Every page of a township, and every drawer and dialog its toolbars and rows open, at 1366×768:
// nothing cut off by the window, nothing drawn over something else, no text one character per line.

const VIEWPORT = { width: 1366, height: 768 };
const PAGES = ['首页', '村（社区）', '驻村干部', '一村一项目', '流动党员', '评星定级', '统计报表', '数据同步', '操作日志', '数据备份', '系统设置'];
/** Toolbar buttons that open a drawer or a dialog, per register; and the row name that opens its detail. */
const OPENERS: Record<string, { buttons: string[]; row?: string }> = {
  '村（社区）': { buttons: ['新增', '导入官方名单'], row: '东立村' },
  驻村干部: { buttons: ['新增', '导入名册'], row: '欧阳明华' },
  一村一项目: { buttons: ['新增', '导入台账'], row: '东立村百香果种植基地提质增效项目' },
  流动党员: { buttons: ['新增', '导入名册'], row: '欧阳小明' },
  评星定级: { buttons: ['新增'] },
};

const OVERLAY = '.ant-drawer-open .ant-drawer-content-wrapper, .ant-modal-wrap:not([style*="display: none"]) .ant-modal';

async function settle(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(600);
}

async function closeOverlay(page: Page) {
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  // A form that asks before throwing away changes: nothing was typed, but answer if asked.
  const discard = page.getByRole('button', { name: /放弃|确定|确 定/ }).last();
  if (await page.locator('.ant-modal-confirm').count()) await discard.click().catch(() => undefined);
  await page.locator(OVERLAY).first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
}

describe.runIf(browserAvailable())('every page, drawer and dialog at 1366×768', () => {
  const s = appSession({ setup: true, seed: seedLists, viewport: VIEWPORT });
  const found: Record<string, string[]> = {};
  const checked: string[] = [];
  const note = (where: string, problems: string[]) => {
    checked.push(where);
    if (problems.length) found[where] = problems;
  };

  it('the check itself sees text cut off, drawn over other text, and one character per line', async () => {
    const page = s.page;
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.id = 'layout-probe';
      box.innerHTML =
        '<div style="position:fixed;left:1300px;top:300px;white-space:nowrap">超出窗口的文字内容</div>' +
        '<div style="position:fixed;left:400px;top:400px">第一段文字</div><div style="position:fixed;left:410px;top:402px">第二段文字</div>' +
        '<div style="position:fixed;left:600px;top:500px;width:14px">一字一行</div>';
      document.body.appendChild(box);
    });
    const problems = await layoutProblems(page, '#layout-probe');
    await page.evaluate(() => document.getElementById('layout-probe')?.remove());
    expect(problems.join('\n')).toMatch(/超出窗口左右边缘.*超出窗口的文字/);
    expect(problems.join('\n')).toMatch(/重叠.*第一段文字.*第二段文字/);
    expect(problems.join('\n')).toMatch(/一字一行/);
  });

  it.each(PAGES)('%s and what it opens', async (menu) => {
    const page = s.page;
    await page.getByRole('menuitem', { name: menu }).click();
    await settle(page);
    note(menu, await layoutProblems(page, '.ant-layout'));
    const o = OPENERS[menu];
    if (!o) return;
    for (const label of o.buttons) {
      await page.locator('.ant-layout-content').getByRole('button', { name: label, exact: true }).first().click();
      await shown(page.locator(OVERLAY).first());
      await settle(page);
      note(`${menu} → ${label}`, await layoutProblems(page, OVERLAY));
      await closeOverlay(page);
    }
    // The first row's name and its actions that open a drawer or dialog (删除 only asks; not clicked).
    const row = page.locator('.register-table .ant-table-row').first();
    const targets = [...(o.row ? [row.getByText(o.row, { exact: true }).first()] : []), ...['编辑', '日志', '联系', '进展'].map((l) => row.getByText(l, { exact: true }).first())];
    for (const [i, target] of targets.entries()) {
      if (!(await target.count())) continue;
      await target.click();
      const opened = await page
        .locator(OVERLAY)
        .first()
        .waitFor({ state: 'visible', timeout: 3000 })
        .then(() => true, () => false);
      if (!opened) continue;
      await settle(page);
      note(`${menu} → 第一行${i === 0 && o.row ? '名称' : (await target.textContent()) ?? ''}`, await layoutProblems(page, OVERLAY));
      await closeOverlay(page);
    }
  });

  it('finds nothing a clerk cannot read', () => {
    // Every page, the toolbars' drawers and dialogs, and the rows' detail and edit drawers were looked at.
    expect(checked).toEqual(expect.arrayContaining([...PAGES, '驻村干部 → 新增', '流动党员 → 导入名册', '村（社区） → 第一行编辑', '流动党员 → 第一行联系', '一村一项目 → 第一行进展']));
    expect(found).toEqual({});
  });
});
