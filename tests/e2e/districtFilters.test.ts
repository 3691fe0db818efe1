import { describe, expect, it } from 'vitest';
import type { Output } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';
import { CADRE_ROLES } from '../../electron/domain/cadres';
import { appSession, browserAvailable } from '../helpers/browser';
import { seedTwoTownships } from '../helpers/districtSeed';
import { shown } from '../helpers/ui';
import { CadresPage } from './pages/CadresPage';
import { FloatingPage } from './pages/FloatingPage';
import { chooseOption } from './pages/widgets';

type Alerts = Output<'floating.alerts'>;
type Figures = Output<'cadres.summary'>;
interface Own {
  alerts: Alerts;
  figures: Figures;
}
const YEAR_2025 = { from: '2025-01-01', to: '2025-12-31' };

async function own<T>(core: Core, name: 'floating.alerts' | 'cadres.summary', input: object): Promise<T> {
  const r = await dispatch(core, name, input as never);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

/**
 * 雁山镇 (three villages, every register) and 柘木镇 (one village) each send a bundle to the
 * district. Each township's own banner and summary figures are read from its own database
 * (which holds only its rows), on the same day as the district, before it sends.
 */
async function seedDistrict(district: Core, figures: Map<string, Own>): Promise<void> {
  await seedTwoTownships(district, {
    onBuilt: async (name, core) => {
      figures.set(name, { alerts: await own(core, 'floating.alerts', {}), figures: await own(core, 'cadres.summary', YEAR_2025) });
    },
  });
}

const inPost = (f: Figures) => `在岗：${CADRE_ROLES.map((r) => `${r} ${f.inPostByRole[r] ?? 0}`).join('，')}。`;
const checks = (f: Figures) => `督查 ${f.inspections} 人次，发现不在岗 ${f.foundAbsent} 人次。`;

describe.runIf(browserAvailable())('a township picked at the district narrows the register banners (Chromium)', () => {
  const figures = new Map<string, Own>();
  const s = appSession({ seed: (app) => seedDistrict(app.core, figures), viewport: { width: 1366, height: 768 } });
  const pick = async (township: string) => {
    await chooseOption(s.page, s.page, '乡镇筛选', township);
  };
  const get = (name: string) => figures.get(name)!;

  it('流动党员: the alert banner shows the district, then only the township picked', async () => {
    const p = new FloatingPage(s.page);
    await p.open();
    const [a, b] = [get('雁山镇').alerts, get('柘木镇').alerts];
    // Figures that would pass unnarrowed prove nothing.
    expect(b.out).toBeGreaterThan(0);
    expect([a.out, a.overdue, a.noContact]).not.toEqual([b.out, b.overdue, b.noContact]);
    await p.expectAlerts(a.overdue + b.overdue, a.noContact + b.noContact);
    for (const name of ['柘木镇', '雁山镇']) {
      await pick(`${name}（`);
      const own = get(name).alerts;
      await p.expectAlerts(own.overdue, own.noContact);
      await shown(s.page.locator('.ant-alert .ant-statistic').filter({ hasText: '外出中' }).getByText(String(own.out), { exact: true }));
    }
  });

  it('驻村干部: the summary counts only the township picked', async () => {
    const c = new CadresPage(s.page);
    await c.open();
    const year = s.page.getByLabel('统计年度');
    await year.fill('2025');
    await year.press('Tab');
    await s.page.locator('.ant-segmented-item').filter({ hasText: '全年' }).click();
    expect(inPost(get('雁山镇').figures) + checks(get('雁山镇').figures)).not.toBe(inPost(get('柘木镇').figures) + checks(get('柘木镇').figures));
    for (const name of ['柘木镇', '雁山镇']) {
      await pick(`${name}（`);
      const own = get(name).figures;
      const summary = s.page.locator('.ant-card').filter({ hasText: '统计' }).locator('.ant-typography');
      await shown(summary.filter({ hasText: inPost(own) }).filter({ hasText: checks(own) }));
    }
  });
});
