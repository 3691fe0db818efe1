import { describe, expect, it } from 'vitest';
import { appSession, browserAvailable, type App } from '../helpers/browser';
import { layoutProblems } from '../helpers/layoutCheck';
import { seedLists } from '../helpers/layoutSeed';
import { LayoutNotes, settle, VIEWPORT } from '../helpers/layoutWalk';
import { seedCaller } from '../helpers/seedCall';
import { localDay } from '../../electron/domain/dates';
import { quarterOf } from '../../electron/domain/cadres';
import { CadresPage } from './pages/CadresPage';

// Every page of a township, and every drawer and dialog its toolbars and rows open, at 1366×768:
// nothing cut off by the window, nothing drawn over something else, no text one character per line.

const PAGES = ['首页', '村（社区）', '驻村干部', '一村一项目', '流动党员', '发展党员', '评星定级', '统计报表', '数据同步', '操作日志', '数据备份', '系统设置'];
/** Toolbar buttons that open a drawer or a dialog, per register (the rows' names open nothing; their links are walked below). */
const OPENERS: Record<string, { buttons: string[] }> = {
  '村（社区）': { buttons: ['新增', '导入官方名单'] },
  // The name opens the ledger page (walked in its own test), not a drawer.
  驻村干部: { buttons: ['新增', '导入名册'] },
  一村一项目: { buttons: ['新增', '导入台账'] },
  流动党员: { buttons: ['新增', '导入名册'] },
  发展党员: { buttons: ['新增', '导入台账'] },
  评星定级: { buttons: ['新增', '导入台账'] },
};
/** The ledger's toolbar buttons, each opening a drawer or a dialog. */
const LEDGER_BUTTONS = ['编辑信息', '派驻', '填写日志', '登记督查', '季度考评', '年终考核'];

/** The lists' records, and a cadre ledger with something in every section (logs, inspections, reviews). */
async function seed(app: App) {
  await seedLists(app);
  const call = seedCaller(app);
  const cadreId = (app.core.db.prepare("SELECT id FROM cadres WHERE name = '欧阳明华'").get() as { id: string }).id;
  const day = (n: number) => localDay(new Date(Date.now() - n * 86_400_000));
  for (const n of [1, 2, 3]) await call('cadres.saveLog', { cadreId, logDate: day(n), inVillage: true, workKind: '走访农户', households: 3, content: '走访脱贫户，了解产业发展和务工收入情况，宣传惠民政策。' });
  await call('cadres.addInspection', { cadreId, inspectDate: day(5), inspector: '区委组织部督查组', inPost: false, notes: '到村督查时外出参加乡镇会议，已电话核实' });
  // A quarter and a year the cadre served in (posted 60 days ago: layoutSeed.ts).
  const year = Number(day(30).slice(0, 4));
  await call('cadres.saveEvaluation', { cadreId, year, quarter: quarterOf(day(30)), result: '较好' });
  await call('cadres.saveAssessment', { cadreId, year, result: '优秀' });
}

describe.runIf(browserAvailable())('every page, drawer and dialog at 1366×768', () => {
  const s = appSession({ setup: true, seed, viewport: VIEWPORT });
  let notes: LayoutNotes;

  it('the check itself sees text cut off, drawn over other text, and one character per line', async () => {
    const page = s.page;
    notes = new LayoutNotes(page);
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
    await notes.menu(menu);
    const o = OPENERS[menu];
    if (!o) return;
    for (const label of o.buttons) {
      const opened = await notes.overlay(`${menu} → ${label}`, page.locator('.ant-layout-content').getByRole('button', { name: label, exact: true }).first());
      expect(opened, `${menu} → ${label} opens nothing`).toBe(true);
    }
    // The first row's actions that open a drawer or dialog (删除 only asks; not clicked). Each one
    // the row has must open: unasserted, a drawer that came late on a loaded CI machine was taken
    // for none, and it covered the next link's click.
    const row = page.locator('.register-table .ant-table-row').first();
    for (const l of ['编辑', '日志', '联系', '进展']) {
      const link = row.getByText(l, { exact: true }).first();
      if (!(await link.count())) continue;
      expect(await notes.overlay(`${menu} → 第一行${l}`, link), `${menu} → 第一行${l} opens nothing`).toBe(true);
    }
  });

  it('驻村干部台账 and every drawer and dialog it opens', async () => {
    const c = new CadresPage(s.page);
    await c.open();
    await c.openLedger('欧阳明华');
    await settle(s.page);
    await notes.check('台账');
    for (const label of LEDGER_BUTTONS) {
      const opened = await notes.overlay(`台账 → ${label}`, s.page.getByRole('button', { name: label, exact: true }));
      expect(opened, `台账 → ${label} opens nothing`).toBe(true);
    }
    const posting = s.page.locator('.ledger-section').filter({ hasText: '驻村经历' });
    for (const l of ['编辑', '离岗']) expect(await notes.overlay(`台账 → 驻村经历${l}`, posting.getByText(l, { exact: true }).first())).toBe(true);
    await c.backToList();
  });

  it('finds nothing a clerk cannot read', () => {
    // Every page, the toolbars' drawers and dialogs, and the rows' detail and edit drawers were looked at.
    expect(notes.checked).toEqual(
      expect.arrayContaining([...PAGES, '驻村干部 → 新增', '驻村干部 → 第一行日志', '流动党员 → 导入名册', '村（社区） → 第一行编辑', '流动党员 → 第一行联系', '一村一项目 → 第一行进展', '台账', '台账 → 登记督查', '台账 → 填写日志']),
    );
    expect(notes.found).toEqual({});
  });
});
