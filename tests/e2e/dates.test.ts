import { beforeAll, describe, expect, it } from 'vitest';
import { checkChar } from '../../electron/domain/idNumber';
import { createCadre } from '../../electron/services/cadres';
import { appSession, browserAvailable, type App } from '../helpers/browser';
import { gone, hasValue, shown } from '../helpers/ui';
import { CadresPage } from './pages/CadresPage';
import { ProjectsPage } from './pages/ProjectsPage';
import { answerDiscard } from './pages/widgets';

/** Every spelling of 2026-03-05 a clerk may type (the parser's table, tests/unit/dateText.test.ts). */
const SPELLINGS = ['2026-03-05', '2026-3-5', '2026/3/5', '2026.3.5', '20260305', '2026年3月5日', '2026年03月05日', '２０２６．３．５'];
const DAY = '2026-03-05';

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
const postings = (app: App) =>
  (app.core.db.prepare('SELECT c.name, p.start_date AS start FROM cadre_postings p JOIN cadres c ON c.id = p.cadre_id').all() as { name: string; start: string }[]).sort(byName);

function addCadre(app: App, name: string, n: number): void {
  const first17 = `4503021985031${String(n).padStart(2, '0')}12`;
  createCadre(app.core, { name, idNumber: first17 + checkChar(first17), ethnicity: null, politicalStatus: null, education: null, unit: '雁山区农业农村局', unitLevel: '县区直', postRank: null, mobile: null, note: null });
}

describe.runIf(browserAvailable())('typed dates: what the clerk typed is what is saved, in Chromium at 1366×768', () => {
  const names = SPELLINGS.map((_, i) => `干部${'甲乙丙丁戊己庚辛'[i]}`);
  const s = appSession({ setup: true, viewport: { width: 1366, height: 768 }, seed: (app) => names.forEach((n, i) => addCadre(app, n, i + 10)) });
  let cadres: CadresPage;

  beforeAll(async () => {
    cadres = new CadresPage(s.page);
    await cadres.open();
  });

  it('the calendar beside a date field fits on the screen and fills the field with the day picked', async () => {
    await cadres.openLedger(names[0]!);
    const m = await cadres.modal('派驻', '派驻到村');
    const start = m.getByLabel('驻村开始日期', { exact: true });
    await m.getByRole('button', { name: '从日历选择' }).first().click();
    const calendar = s.page.locator('.ant-popover .ant-picker-calendar');
    await shown(calendar);
    await s.page.waitForTimeout(400);
    const box = (await s.page.locator('.ant-popover:visible').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1366);
    expect(box.width).toBeLessThan(420);
    await s.page.screenshot({ path: '/tmp/tl-e2e-shots/calendar-popover.png' });
    await calendar.locator('.ant-picker-cell-in-view').filter({ hasText: /^01$/ }).first().click();
    await expect.poll(() => start.inputValue()).toMatch(/^\d{4}-\d{2}-01$/);
    await m.getByRole('button', { name: '取消' }).click();
    await answerDiscard(s.page, '放弃');
    await gone(m);
    await cadres.backToList();
  });

  it('派驻到村 refuses an impossible date, a month without a day and an unreadable text under the field, and saves nothing', async () => {
    await cadres.openLedger(names[0]!);
    const m = await cadres.modal('派驻', '派驻到村');
    await cadres.choose(m, '驻村村（社区）', '东立村', { type: true });
    const start = m.getByLabel('驻村开始日期', { exact: true });
    for (const [typed, message] of [
      ['2026-02-31', '驻村开始日期：“2026-02-31”不是有效日期'],
      ['2026.3', '驻村开始日期：“2026.3”缺少日，请填写到日'],
      ['三月五日', '驻村开始日期：“三月五日”不是可识别的日期'],
    ] as const) {
      await start.fill(typed);
      await start.press('Tab');
      // What was typed stays visible, with the reason it is refused; never replaced by today.
      await hasValue(start, typed);
      await shown(m.getByText(message));
      await cadres.save(m);
      await shown(m.getByText(message));
    }
    await start.fill('');
    await cadres.save(m);
    await shown(m.getByText('请填写驻村开始日期'));
    expect(postings(s.app)).toEqual([]);
    await m.getByRole('button', { name: '取消' }).click();
    await answerDiscard(s.page, '放弃');
    await gone(m);
    await cadres.backToList();
  });

  it('派驻到村 saves each spelling as 2026-03-05 and shows it back on Tab', async () => {
    for (const [i, typed] of SPELLINGS.entries()) {
      await cadres.openLedger(names[i]!);
      const m = await cadres.modal('派驻', '派驻到村');
      await cadres.choose(m, '驻村村（社区）', '东立村', { type: true });
      const start = m.getByLabel('驻村开始日期', { exact: true });
      await start.fill(typed);
      if (typed !== DAY) await shown(m.getByText(`即 ${DAY}`));
      await start.press('Tab');
      await hasValue(start, DAY);
      await cadres.save(m);
      await gone(m);
      await shown(s.page.locator('.ledger-section').filter({ hasText: '驻村经历' }).getByText(DAY).first());
      await cadres.backToList();
    }
    expect(postings(s.app)).toEqual(names.map((name) => ({ name, start: DAY })).sort(byName));
  });

  it('派驻到村 saves a date committed by Enter, which also saves the form', async () => {
    addCadre(s.app, '干部壬', 30);
    await s.page.getByPlaceholder(/^搜索姓名/).fill('干部壬');
    await s.page.getByRole('button', { name: '查询' }).click();
    await cadres.openLedger('干部壬');
    const m = await cadres.modal('派驻', '派驻到村');
    // The cursor starts in the first field.
    await shown(m.locator('input#cadre-post_villageId:focus'));
    await cadres.choose(m, '驻村村（社区）', '东立村', { type: true });
    const start = m.getByLabel('驻村开始日期', { exact: true });
    await start.fill('2026.4.1');
    await start.press('Enter');
    await gone(m);
    expect(postings(s.app).find((p) => p.name === '干部壬')).toEqual({ name: '干部壬', start: '2026-04-01' });
    await cadres.backToList();
  });

  it('新增项目 saves each spelling typed into its four date fields', async () => {
    const p = new ProjectsPage(s.page);
    await p.open();
    const fields = ['计划开工日期', '计划完工日期', '实际开工日期', '实际完工（终止）日期'];
    for (const [k, batch] of [SPELLINGS.slice(0, 4), SPELLINGS.slice(4, 8)].entries()) {
      const name = `东立村项目${k + 1}`;
      const d = await p.openNew();
      await p.fill(d, { village: '东立村', name, status: '运营', total: '10', sources: { '财政资金（万元）': '10' } });
      for (const [j, typed] of batch.entries()) {
        const box = d.getByLabel(fields[j]!, { exact: true });
        await box.fill(typed);
        await box.press('Tab');
        // The issue: this field used to empty itself on Tab for anything but 2026-03-05.
        await hasValue(box, DAY);
      }
      await p.save(d);
      await p.expectSaved(d);
      const row = s.app.core.db.prepare('SELECT planned_start, planned_end, actual_start, actual_end FROM projects WHERE name = ?').get(name);
      expect(row).toEqual({ planned_start: DAY, planned_end: DAY, actual_start: DAY, actual_end: DAY });
    }
  });

  it('新增项目 keeps a refused date visible and red, and saves nothing', async () => {
    const p = new ProjectsPage(s.page);
    const d = await p.openNew();
    await p.fill(d, { village: '东立村', name: '东立村项目3', status: '运营', total: '10', sources: { '财政资金（万元）': '10' } });
    const box = d.getByLabel('计划开工日期', { exact: true });
    await box.fill('2026年2月30日');
    await box.press('Tab');
    await hasValue(box, '2026年2月30日');
    await p.save(d);
    await shown(d.getByText('计划开工日期：“2026年2月30日”不是有效日期'));
    expect(s.app.core.db.prepare("SELECT count(*) AS n FROM projects WHERE name = '东立村项目3'").get()).toEqual({ n: 0 });
    await box.fill('2026年2月28日');
    await box.press('Tab');
    await gone(d.getByText('计划开工日期：“2026年2月30日”不是有效日期'));
    await p.save(d);
    await p.expectSaved(d);
    expect(s.app.core.db.prepare("SELECT planned_start FROM projects WHERE name = '东立村项目3'").get()).toEqual({ planned_start: '2026-02-28' });
  });
});
