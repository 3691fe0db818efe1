import fs from 'node:fs';
import dayjs from 'dayjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { appSession, browserAvailable, type App } from '../helpers/browser';
import { gone, hasValue, shown } from '../helpers/ui';
import { typeDate } from './pages/widgets';
import { readWorkbook, sheetRows } from '../helpers/xlsx';
import { ProjectsPage } from './pages/ProjectsPage';

const VILLAGE = '东立村';
const NAME = '东立村光伏电站';
const year = dayjs().year();

const liveProjects = (app: App) => app.core.db.prepare('SELECT * FROM projects WHERE deleted_at IS NULL').all() as Record<string, unknown>[];

describe.runIf(browserAvailable())('一村一项目 in Chromium', () => {

  const s = appSession({ setup: true });

  beforeAll(async () => {
    await new ProjectsPage(s.page).open();
  });

  it(`lists all 18 villages as having no project in ${year}`, async () => {
    const p = new ProjectsPage(s.page);
    await p.tab('覆盖情况');
    await shown(p.row(VILLAGE));
    await p.expectTotal(18);
    await p.tab('项目台账');
  });

  it('refuses sources that do not add up, under 总投资, and saves nothing', async () => {
    const p = new ProjectsPage(s.page);
    const d = await p.openNew();
    await p.fill(d, { village: VILLAGE, name: NAME, status: '运营', total: '100', sources: { '财政资金（万元）': '60', '帮扶单位（万元）': '30' } });
    await shown(d.getByText('各来源合计：90 万元（未填的来源按 0 计）'));
    await p.save(d);
    await shown(d.getByText('各来源合计 90 万元，与总投资 100 万元不一致'));
    expect(liveProjects(s.app)).toEqual([]);

    await p.fill(d, { sources: { '村集体自筹（万元）': '10.000001' }, total: '100.000001' });
    await p.save(d);
    await p.expectSaved(d);
    await p.expectTotal(1);
    const [row] = liveProjects(s.app);
    expect(row).toMatchObject({ name: NAME, year, status: '运营', total_fen: 100_000_001, fiscal_fen: 60_000_000, aid_fen: 30_000_000, village_fen: 10_000_001 });
    // The list shows 万元 to two decimals; the exact amount stays underneath (hover, edit form).
    const total = p.row(NAME).getByRole('cell', { name: '100.00', exact: true });
    await shown(total);
    expect(await total.locator('span').getAttribute('title')).toBe('100.000001 万元');
  });

  it('adds two progress updates and shows the latest as the current progress', async () => {
    const p = new ProjectsPage(s.page);
    const d = await p.openProgress(NAME);
    await p.addProgress(d, { date: dayjs().format('YYYY-MM-DD'), percent: '70', note: '并网发电' });
    // Reported later but dated earlier: history, not the current figure.
    await p.addProgress(d, { date: dayjs().subtract(20, 'day').format('YYYY-MM-DD'), percent: '40', note: '完成支架安装' });
    await shown(d.getByRole('progressbar', { name: '当前进度' }).and(d.locator('[aria-valuenow="70"]')));
    // 600 typed for 60, and Enter: refused under the field, not saved as 100 (the field clamped it).
    // Full-width digits are digits.
    const before = s.app.core.db.prepare('SELECT count(*) AS n FROM project_progress').get();
    await typeDate(d, '进展日期', dayjs().subtract(10, 'day').format('YYYY-MM-DD'));
    await d.getByLabel('进展情况').fill('土建完工');
    const percent = d.getByLabel('完成进度（%）');
    await percent.fill('600');
    await percent.press('Enter');
    await shown(d.getByText('完成进度不能大于100'));
    await hasValue(percent, '600');
    expect(s.app.core.db.prepare('SELECT count(*) AS n FROM project_progress').get()).toEqual(before);
    // Between the 40% before it and the 70% after it (progress only goes forward).
    await percent.fill('５５');
    await d.getByRole('button', { name: /添加进展$/ }).click();
    await shown(d.getByRole('cell', { name: '土建完工', exact: true }));
    expect(s.app.core.db.prepare("SELECT percent FROM project_progress WHERE note = '土建完工'").get()).toEqual({ percent: 55 });
    await s.page.keyboard.press('Escape');
    await gone(d);
    await shown(p.row(NAME).getByRole('progressbar', { name: '当前进度 70%' }));
  });

  it('takes the village off the no-project list for the year', async () => {
    const p = new ProjectsPage(s.page);
    await p.tab('覆盖情况');
    await p.expectTotal(17);
    await gone(p.row(VILLAGE));
    await p.tab('项目台账');
  });

  it('exports the list to .xlsx with exact amounts', async () => {
    const downloading = s.page.waitForEvent('download');
    await s.page.getByRole('button', { name: /导出Excel$/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('雁山镇一村一项目台账.xlsx');
    const ws = (await readWorkbook(fs.readFileSync((await download.path())!))).getWorksheet('一村一项目')!;
    const rows = sheetRows(ws);
    expect(rows[1]!.slice(0, 9)).toEqual(['序号', '村（社区）', '年度', '项目名称', '类别', '经营模式', '状态', '总投资（万元）', '财政资金（万元）']);
    expect(rows[2]).toEqual([1, VILLAGE, year, NAME, '种植', '村集体自营', '运营', 100.000001, 60, 30, 10.000001, 0, 0, undefined, undefined, '70%']);
  });

  it('logged no page errors', () => {
    expect(s.errors).toEqual([]);
  });
});
