import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { appSession, browserAvailable } from '../helpers/browser';
import { seedTwoTownships } from '../helpers/districtSeed';
import { shown } from '../helpers/ui';
import { laptopLog, pinLaptop } from '../helpers/villageRows';
import { ReportPage } from './pages/ReportPage';

const FROM = '2025-07-01';
const TO = '2025-12-31';

/** What 雁山镇 holds before it sends, so the expected figures come from its own rows. */
interface Seeded {
  logDays: number;
  villageDays: number;
}

/**
 * 雁山镇 has imported five days from a first secretary's 驻村版 (made as that import leaves them:
 * the laptop pinned to the village, its rows with the laptop's origin) and sends its bundle on.
 */
async function seed(district: Core, seeded: Seeded): Promise<void> {
  await seedTwoTownships(district, {
    onBuilt: async (name, core) => {
      if (name !== '雁山镇') return;
      const p = core.db
        .prepare("SELECT cadre_id, village_id, start_date FROM cadre_postings WHERE deleted_at IS NULL AND status = '在岗' AND actual_end IS NULL ORDER BY start_date LIMIT 1")
        .get() as { cadre_id: string; village_id: string; start_date: string };
      const laptop = pinLaptop(core, p.village_id);
      const free = (day: string) => !core.db.prepare('SELECT 1 FROM work_logs WHERE cadre_id = ? AND log_date = ? AND deleted_at IS NULL').get(p.cadre_id, day);
      const days = Array.from({ length: 28 }, (_, i) => `2025-11-${String(i + 1).padStart(2, '0')}`).filter((d) => d >= p.start_date && free(d)).slice(0, 5);
      expect(days).toHaveLength(5);
      for (const day of days) laptopLog(core, laptop, p.cadre_id, day);
      seeded.logDays = (core.db.prepare('SELECT count(*) AS n FROM work_logs WHERE deleted_at IS NULL AND log_date BETWEEN ? AND ?').get(FROM, TO) as { n: number }).n;
      seeded.villageDays = days.length;
    },
  });
}

describe.runIf(browserAvailable())('the district report shows the share of log days entered in the village (Chromium)', () => {
  const seeded: Seeded = { logDays: 0, villageDays: 0 };
  const s = appSession({ seed: (app) => seed(app.core, seeded), viewport: { width: 1366, height: 768 } });

  it('驻村日志: 雁山镇 counts its 驻村版 days and their share; 柘木镇 has none; 合计 is the share over both', async () => {
    const r = new ReportPage(s.page);
    await r.open('雁山区委组织部');
    await r.typeDate('开始日期', FROM);
    await r.typeDate('结束日期', TO);
    await shown(r.periodLine(FROM, TO));
    const section = r.section('驻村日志');
    await shown(section.getByRole('columnheader', { name: '驻村版录入占比（%）' }));
    const share = Math.round((1000 * seeded.villageDays) / seeded.logDays) / 10;
    expect(seeded.villageDays).toBe(5);
    expect(share).toBeGreaterThan(0);
    const row = section.locator('tr', { hasText: '雁山镇' });
    const cells = async () => (await row.locator('td').allInnerTexts()).map((t) => t.trim());
    await shown(row);
    // 乡镇, 日志天数, 在村天数, 走访农户, 记日志干部, 其中驻村版录入, 驻村版录入占比.
    const texts = await cells();
    expect([texts[1], texts[5], texts[6]]).toEqual([String(seeded.logDays), '5', String(share)]);
    const zhemu = (await section.locator('tr', { hasText: '柘木镇' }).locator('td').allInnerTexts()).map((t) => t.trim());
    expect([zhemu[5], zhemu[6]]).toEqual(['0', '0']);
    // 合计: the district's 驻村版 days over all its log days (not the sum or mean of the shares).
    const total = (await section.locator('tr', { hasText: '合计' }).locator('td').allInnerTexts()).map((t) => t.trim());
    const all = seeded.logDays + Number(zhemu[1]);
    expect([total[1], total[5], total[6]]).toEqual([String(all), '5', String(Math.round((1000 * 5) / all) / 10)]);
  });

  it('logged no page errors', () => {
    expect(s.errors).toEqual([]);
  });
});
