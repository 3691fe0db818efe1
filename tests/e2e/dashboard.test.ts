import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { Input } from '../../electron/api/contract';
import type { ChannelName } from '../../electron/api/channels';
import { addMonths, monthBounds } from '../../electron/domain/cadres';
import { addDays, localDay } from '../../electron/domain/dates';
import { checkChar } from '../../electron/domain/idNumber';
import { appSession, browserAvailable, type App } from '../helpers/browser';
import { hasValue, shown } from '../helpers/ui';
import { CadresPage } from './pages/CadresPage';
import { FloatingPage } from './pages/FloatingPage';
import { HomePage } from './pages/HomePage';

const today = localDay(new Date());
const lastMonth = addMonths(today.slice(0, 7), -1);
const validId = (n: number) => {
  const first17 = `45031119850101${String(n).padStart(3, '0')}`;
  return first17 + checkChar(first17);
};

async function ok<K extends ChannelName>(app: App, name: K, input: Input<K>) {
  const r = await dispatch(app.core, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as { id: string };
}

/**
 * Through the real services: two members overdue (one without a contact cadre) and one in time;
 * two cadres in post since before last month, one of them with 20 days logged last month, and
 * one never posted.
 */
async function seed(app: App): Promise<void> {
  const [v1, v2] = app.core.db.prepare('SELECT id FROM villages WHERE deleted_at IS NULL ORDER BY code LIMIT 2').all() as { id: string }[];
  const member = (name: string, n: number, leftDaysAgo: number) =>
    ok(app, 'floating.create', { villageId: v1!.id, name, idNumber: validId(n), memberType: '正式党员', leftDate: addDays(today, -leftDaysAgo), destProvince: '44', destCity: '4403', destCounty: '440306', reason: '务工', mobile: '13812345678' });
  const contact = (memberId: string, daysAgo: number) =>
    ok(app, 'floating.assignContact', { memberId, cadreName: '李支书', cadrePhone: '13700000000', cadreRole: '党组织书记', startDate: addDays(today, -daysAgo) });
  await member('逾期甲', 1, 120);
  await contact((await member('逾期乙', 2, 100)).id, 100);
  await contact((await member('按期丙', 3, 30)).id, 30);
  const cadre = (name: string, n: number) => ok(app, 'cadres.create', { name, idNumber: validId(100 + n), unit: '桂林市某局', unitLevel: '市直', mobile: '13900000000' });
  const start = addDays(today, -70);
  const steady = (await cadre('勤勉书记', 1)).id;
  await ok(app, 'cadres.post', { cadreId: steady, villageId: v1!.id, role: '第一书记', startDate: start });
  const { first } = monthBounds(lastMonth);
  for (let i = 0; i < 20; i++) await ok(app, 'cadres.saveLog', { id: null, version: null, cadreId: steady, logDate: addDays(first, i), inVillage: true, workKind: '走访农户' });
  const absent = (await cadre('缺勤队员', 2)).id;
  await ok(app, 'cadres.post', { cadreId: absent, villageId: v2!.id, role: '工作队员', startDate: start });
  await cadre('未派驻干部', 3);
}

describe.runIf(browserAvailable())('首页 dashboard in Chromium', () => {

  const s = appSession({ setup: true, seed: (app) => seed(app) });

  it('opens on the dashboard with the morning figures, charts and checks', async () => {
    const home = new HomePage(s.page);
    await home.expectShown();
    await shown(home.figure('在岗驻村干部 2 名'));
    await shown(home.figure('在村天数不足 1 名'));
    await shown(home.figure('联系超期 2 名'));
    await shown(home.figure('无一对一联系人 1 名'));
    await shown(home.figure('无项目村 18 个'));
    await shown(home.figure('尚未导出同步文件'));
    // A chart is drawn when it comes near the visible area (below the fold on a full dataset).
    const chart = home.chart('外出中流动党员联系情况饼图');
    await chart.scrollIntoViewIfNeeded();
    await shown(chart.locator('canvas'));
    // 勤勉书记 logged last month only: listed as a first secretary without a log this month.
    const panel = await home.openCheck('本月无驻村日志的第一书记');
    await shown(panel.getByText('勤勉书记', { exact: true }));
  });

  it('follows 联系超期 to the floating list filtered to exactly those members', async () => {
    const home = new HomePage(s.page);
    await home.follow('联系超期 2 名');
    const floating = new FloatingPage(s.page);
    await shown(s.page.getByRole('heading', { name: '流动党员' }));
    await shown(s.page.getByText('共 2 条'));
    await shown(floating.row('逾期甲'));
    await shown(floating.row('逾期乙'));
    expect(await floating.row('按期丙').count()).toBe(0);
    await shown(s.page.locator('.ant-select').filter({ has: s.page.getByLabel('提醒') }).getByText('逾期未联系'));
    // The filter was for that one visit: back through the menu the list is whole again.
    await new HomePage(s.page).open();
    await floating.open();
    await shown(s.page.getByText('共 3 条'));
  });

  it('follows 在村天数不足 to the cadres list for last month', async () => {
    const home = new HomePage(s.page);
    await home.open();
    await home.follow('在村天数不足 1 名');
    const cadres = new CadresPage(s.page);
    await shown(s.page.getByRole('heading', { name: '驻村干部' }));
    await cadres.expectTotal(1);
    await shown(cadres.row('缺勤队员'));
    expect(await s.page.getByRole('checkbox', { name: '只看在村天数不足' }).isChecked()).toBe(true);
    await hasValue(s.page.getByLabel('考勤月份'), `${lastMonth.slice(0, 4)}年${lastMonth.slice(5)}月`);
  });

  it('follows 无项目村 to the projects coverage tab for this year', async () => {
    const home = new HomePage(s.page);
    await home.open();
    await home.follow('无项目村 18 个');
    await shown(s.page.getByRole('tab', { name: '覆盖情况', selected: true }));
    await shown(s.page.getByText(`${today.slice(0, 4)}年`, { exact: true }));
    await shown(s.page.getByText('共 18 条。', { exact: false }));
    expect(s.errors).toEqual([]);
  });

  it('opens the record a quality check found, and the half-year report from the header', async () => {
    const home = new HomePage(s.page);
    await home.open();
    const panel = await home.openCheck('本月无驻村日志的第一书记');
    await home.checkRecord(panel, '勤勉书记').click();
    await shown(s.page.getByRole('heading', { name: '驻村干部台账：勤勉书记' }));
    await s.page.getByRole('button', { name: '返回列表' }).click();
    await home.open();
    await home.reportLink().click();
    const half = Number(today.slice(5, 7)) <= 6 ? '上半年' : '下半年';
    await shown(s.page.locator('.ant-select').filter({ has: s.page.getByLabel('统计期间') }).getByText(`${today.slice(0, 4)}年${half}`));
    expect(s.errors).toEqual([]);
  });
});
