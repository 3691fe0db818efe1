import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { villagesOf } from '../../db/divisions';
import { dispatch } from '../../electron/api/dispatch';
import type { Dashboard, Input } from '../../electron/api/contract';
import type { ChannelName } from '../../electron/api/channels';
import { openCore, type Core } from '../../electron/core';
import { addDays, localDay } from '../../electron/domain/dates';
import { checkChar } from '../../electron/domain/idNumber';
import { completeSetup } from '../../electron/services/setup';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { appSession, browserAvailable } from '../helpers/browser';
import { districtKeys, trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { shown } from '../helpers/ui';
import { chooseOption } from './pages/widgets';
import { readWorkbook, sheetRows } from '../helpers/xlsx';
import { HomePage } from './pages/HomePage';
import { ProjectsPage } from './pages/ProjectsPage';

/**
 * Issue 18, items 4–6 in Chromium, on a district built as a new user builds one: four townships
 * set up with their official villages and filled through the real services, their bundles
 * imported, 草坪回族乡 left unsent. With 大埠乡 picked, every card, drill-down, list and export is
 * compared with 大埠乡's own dashboard, read on its own installation before its bundle was sent.
 */

const today = localDay(new Date());
let serial = 0;
const nextId = () => {
  const first17 = `45031119850101${String(100 + serial++).padStart(3, '0')}`;
  return first17 + checkChar(first17);
};

async function ok<K extends ChannelName>(core: Core, name: K, input: Input<K>): Promise<{ id: string }> {
  const r = await dispatch(core, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as { id: string };
}

interface Plan {
  code: string;
  name: string;
  /** Members away for 200 days, never contacted (overdue); one more contacted in time. */
  overdue: string[];
  /** First secretaries in post for 70 days with no log (short of last month's standard). */
  secretaries: string[];
  /** Whether the first village has a project this year (the others never do). */
  project: boolean;
}

const PLANS: Plan[] = [
  { code: '450311001', name: '良丰街道', overdue: [], secretaries: [], project: false },
  { code: '450311100', name: '雁山镇', overdue: ['雁山甲', '雁山乙', '雁山丙'], secretaries: ['雁山书记', '雁山二书记'], project: false },
  { code: '450311101', name: '柘木镇', overdue: ['柘木甲'], secretaries: [], project: true },
  { code: '450311200', name: '大埠乡', overdue: ['大埠甲', '大埠乙'], secretaries: ['大埠书记'], project: true },
];

async function fillTownship(core: Core, p: Plan): Promise<void> {
  const villages = core.db.prepare('SELECT id FROM villages ORDER BY code').all() as { id: string }[];
  const v = villages[0]!.id;
  const member = (name: string, leftDaysAgo: number) =>
    ok(core, 'floating.create', { villageId: v, name, idNumber: nextId(), memberType: '正式党员', leftDate: addDays(today, -leftDaysAgo), destProvince: '44', destCity: '4403', destCounty: '440306', reason: '务工', mobile: '13812345678' });
  for (const name of p.overdue) await member(name, 200);
  const fine = await member(`${p.name.slice(0, 2)}按期`, 30);
  await ok(core, 'floating.assignContact', { memberId: fine.id, cadreName: '李支书', cadrePhone: '13700000000', cadreRole: '党组织书记', startDate: addDays(today, -30) });
  // One first secretary per village.
  for (const [i, name] of p.secretaries.entries()) {
    const c = await ok(core, 'cadres.create', { name, idNumber: nextId(), unit: '桂林市某局', unitLevel: '市直', mobile: '13900000000' });
    await ok(core, 'cadres.post', { cadreId: c.id, villageId: villages[i]!.id, role: '第一书记', startDate: addDays(today, -70) });
  }
  if (p.project) {
    const year = Number(today.slice(0, 4));
    await ok(core, 'projects.create', { villageId: v, year, name: `${p.name}光伏电站`, category: '光伏', model: '村集体自营', status: '运营', total: '8015.634438', fiscal: '8015.634438' });
  }
}

/** Each township's own dashboard, read on its own installation: what the district must show for it. */
const own = new Map<string, Dashboard>();

async function buildDistrict(district: Core): Promise<void> {
  completeSetup(district, { role: 'district', code: '450311', name: '雁山区委组织部', operator: '王科长', importVillages: [] });
  const dir = tempDir();
  for (const p of PLANS) {
    const town = await openCore(path.join(dir, `${p.code}.db`));
    try {
      completeSetup(town, { role: 'township', code: p.code, name: p.name, operator: '张三', importVillages: villagesOf(p.code).slice(0, 4).map((x) => x.code) });
      trustDistrict(town);
      await fillTownship(town, p);
      const r = await dispatch(town, 'dashboard.get', { township: null });
      if (!r.ok) throw new Error(r.error.message);
      own.set(p.name, r.value as Dashboard);
      const { file } = await exportBundle(town, { dir: tempDir() });
      applyStaged(district, await stageBundle(district, file, districtKeys().keys));
    } finally {
      town.close();
    }
  }
}

async function pickTownship(page: Page, label: string): Promise<void> {
  await chooseOption(page, page, '乡镇筛选', label);
}

async function download(page: Page, click: () => Promise<void>) {
  const downloading = page.waitForEvent('download');
  await click();
  const d = await downloading;
  return { fileName: d.suggestedFilename(), bytes: fs.readFileSync((await d.path())!) };
}

describe.runIf(browserAvailable())('首页 at the district in Chromium', () => {
  const s = appSession({ seed: (app) => buildDistrict(app.core), viewport: { width: 1366, height: 768 } });

  it('with 大埠乡 picked, shows its own figures on every card, and only its row', async () => {
    const home = new HomePage(s.page);
    await home.expectShown();
    await pickTownship(s.page, '大埠乡（450311200）');
    const f = own.get('大埠乡')!.figures;
    expect([f.cadresInPost, f.belowThreshold, f.overdue, f.villagesWithoutProject]).toEqual([1, 1, 2, 3]);
    await shown(home.figure(`在岗驻村干部 ${f.cadresInPost} 名`));
    await shown(home.figure(`在村天数不足 ${f.belowThreshold} 名`));
    await shown(home.figure(`联系超期 ${f.overdue} 名`));
    await shown(home.figure(`无一对一联系人 ${f.noContact} 名`));
    await shown(home.figure(`无项目村 ${f.villagesWithoutProject} 个`));
    // Sent today: 今天, never "0 天前" (issue 13).
    await shown(home.figure('大埠乡数据截至 今天'));
    expect(await s.page.getByText('0 天前').count()).toBe(0);
    const table = s.page.locator('.ant-table-wrapper').filter({ hasText: '各乡镇（街道）情况' });
    await shown(table.getByRole('row').filter({ hasText: '大埠乡' }));
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(1);
  });

  it('opens 无项目村 as a coverage list of 大埠乡 only, and 联系超期 as its members only', async () => {
    const home = new HomePage(s.page);
    await home.follow('无项目村 3 个');
    await shown(s.page.getByRole('tab', { name: '覆盖情况', selected: true }));
    await shown(s.page.getByText('共 3 条。', { exact: false }));
    // The district has 12 villages without a project; 大埠乡's three are all that is listed.
    expect(await s.page.getByRole('tabpanel').locator('tbody tr.ant-table-row').count()).toBe(3);
    // The projects list shows 万元 to two decimals; the exact amount stays on hover.
    await new ProjectsPage(s.page).tab('项目台账');
    const cell = s.page.getByText('8,015.63', { exact: true });
    await shown(cell);
    expect(await cell.getAttribute('title')).toBe('8,015.634438 万元');

    await home.open();
    await home.follow('联系超期 2 名');
    await shown(s.page.getByRole('heading', { name: '流动党员' }));
    await shown(s.page.getByText('共 2 条'));
    await shown(s.page.getByRole('cell', { name: '大埠甲', exact: true }));
  });

  it('pages and exports a quality list for 大埠乡, with its 乡镇 column and name', async () => {
    const home = new HomePage(s.page);
    await home.open();
    const panel = await home.openCheck('本月无驻村日志的第一书记');
    await shown(panel.getByRole('columnheader', { name: '乡镇（街道）' }));
    await shown(panel.getByRole('row').filter({ hasText: '大埠书记' }).getByRole('cell', { name: '大埠乡', exact: true }));
    expect(await panel.getByRole('row').filter({ hasText: '雁山书记' }).count()).toBe(0);
    const file = await download(s.page, () => panel.getByRole('button', { name: /导出本项/ }).click());
    expect(file.fileName).toBe(`雁山区委组织部（大埠乡）本月无驻村日志的第一书记_${today}.xlsx`);
    const rows = sheetRows((await readWorkbook(file.bytes)).worksheets[0]!);
    expect(rows.filter((r) => typeof r[0] === 'number').map((r) => [r[1], r[3]])).toEqual([['大埠乡', '大埠书记']]);
  });

  it('ranks every township, the unsent one marked, and exports the table with the 报送情况 grid', async () => {
    await s.page.getByRole('link', { name: '显示全部乡镇' }).click();
    const table = s.page.locator('.ant-table-wrapper').filter({ hasText: '各乡镇（街道）情况' });
    await shown(table.getByRole('row').filter({ hasText: '草坪回族乡' }).getByText('未报送'));
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(5);
    // 联系及时率: 良丰街道 1/1 and 柘木镇 1/2 ... ranked highest first.
    await shown(table.getByLabel('良丰街道联系及时率 100.0% 第1名'));
    await shown(table.getByLabel('大埠乡联系及时率 33.3% 第3名'));
    await shown(table.getByLabel('雁山镇联系及时率 25.0% 第4名'));
    await table.getByRole('columnheader', { name: '项目覆盖率' }).click();
    await table.getByRole('columnheader', { name: '项目覆盖率' }).click();
    const first = await table.locator('tbody tr.ant-table-row').first().locator('td').first().innerText();
    expect(['柘木镇', '大埠乡']).toContain(first.trim());

    const file = await download(s.page, () => table.getByRole('button', { name: /导出Excel/ }).click());
    expect(file.fileName).toBe(`雁山区委组织部各乡镇（街道）情况_${today}.xlsx`);
    const wb = await readWorkbook(file.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['各乡镇（街道）情况', '报送情况']);
    const grid = sheetRows(wb.getWorksheet('报送情况')!);
    expect(grid.filter((r) => ['良丰街道', '雁山镇', '柘木镇', '大埠乡', '草坪回族乡'].includes(r[0] as string)).map((r) => r[8])).toEqual([1, 1, 1, 1, 0]);
  });

  it('prints and exports 大埠乡\'s notice, listing exactly its overdue and missing items', async () => {
    const table = s.page.locator('.ant-table-wrapper').filter({ hasText: '各乡镇（街道）情况' });
    await table.getByRole('link', { name: '大埠乡提醒单' }).click();
    await shown(s.page.getByRole('heading', { name: /雁山区委组织部\s*工作提醒单/ }));
    const part = (title: RegExp) => s.page.getByRole('region', { name: title });
    const overdue = part(/未联系的流动党员/);
    await shown(overdue.getByRole('cell', { name: '大埠甲', exact: true }));
    await shown(overdue.getByRole('cell', { name: '大埠乙', exact: true }));
    expect(await overdue.locator('tbody tr.ant-table-row').count()).toBe(own.get('大埠乡')!.figures.overdue);
    expect(await part(/在村天数不足/).locator('tbody tr.ant-table-row').count()).toBe(own.get('大埠乡')!.figures.belowThreshold);
    expect(await part(/无项目村/).locator('tbody tr.ant-table-row').count()).toBe(3);
    await shown(part(/数据质量问题/).getByRole('cell', { name: '大埠书记', exact: true }));
    expect(await s.page.getByText('雁山甲').count()).toBe(0);

    const file = await download(s.page, () => s.page.getByRole('button', { name: /导出Excel/ }).click());
    expect(file.fileName).toBe(`雁山区委组织部（大埠乡）工作提醒单_${today}.xlsx`);

    await s.page.emulateMedia({ media: 'print' });
    const pdf = path.join(tempDir(), 'notice.pdf');
    fs.writeFileSync(pdf, await s.page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
    await s.page.emulateMedia({ media: 'screen' });
    expect(pages[0]).toMatch(/工作提醒单/);
    expect(pages[0]).not.toMatch(/返回首页|数据质量检查/);
    pages.forEach((text, i) => expect(text).toMatch(new RegExp(`第\\s*${i + 1}\\s*页\\s*共\\s*${pages.length}\\s*页`)));
    expect(pages.join('').replace(/\s+/g, '')).toMatch(/大埠甲.*大埠乙/);
    await s.page.getByRole('button', { name: /返回首页/ }).click();
    await new HomePage(s.page).expectShown();
  });

  it('logged no page errors', () => {
    expect(s.errors).toEqual([]);
  });
});
