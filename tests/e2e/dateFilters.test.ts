import { beforeAll, describe, expect, it } from 'vitest';
import type { Request } from 'playwright-core';
import { appSession, browserAvailable } from '../helpers/browser';
import { seedLists } from '../helpers/layoutSeed';
import { gone, hasValue, shown } from '../helpers/ui';
import { CadresPage } from './pages/CadresPage';
import { ReportPage } from './pages/ReportPage';

// The list's month filter and the report's period are the app's one date input: typed the way
// a clerk writes them, shown back as understood, refused in red naming the field, never applied
// when refused, and kept across another page and F5.

/** Last year: its half-years are among the report's quick choices whenever this runs. */
const Y = new Date().getFullYear() - 1;

describe.runIf(browserAvailable())('month filter and report period typed in Chromium at 1366×768', () => {
  const s = appSession({ setup: true, seed: seedLists, viewport: { width: 1366, height: 768 } });
  /** The payloads the page sent on a channel, in order: what was actually used. */
  const sent: Record<string, Record<string, unknown>[]> = {};

  beforeAll(() => {
    s.page.on('request', (r: Request) => {
      const m = /\/api\/(cadres\.list|reports\.get)$/.exec(r.url());
      if (m) (sent[m[1]!] ??= []).push(JSON.parse(r.postData() ?? '{}') as Record<string, unknown>);
    });
  });

  it('考勤月份 takes month spellings, shows the month it understood, and lists that month', async () => {
    const c = new CadresPage(s.page);
    await c.open();
    const box = c.monthFilter();
    for (const [typed, month] of [
      [`${Y}-3`, `${Y}-03`],
      [`${Y}.04`, `${Y}-04`],
      [`${Y}年5月`, `${Y}-05`],
      [`${Y}06`, `${Y}-06`],
      [`${Y}/7`, `${Y}-07`],
      [`${Y}年08月`, `${Y}-08`],
    ] as const) {
      await box.fill(typed);
      if (typed !== `${month.replace('-', '年')}月`) await shown(s.page.getByText(`即 ${month.replace('-', '年')}月`));
      await box.press('Tab');
      await hasValue(box, `${month.replace('-', '年')}月`);
      await shown(c.monthColumn(month));
      expect(sent['cadres.list']!.at(-1)).toMatchObject({ month });
    }
  });

  it('考勤月份 refuses a day, an impossible month, words and nothing in red, and the list stays on the month it names', async () => {
    const c = new CadresPage(s.page);
    const box = c.monthFilter();
    const before = sent['cadres.list']!.length;
    for (const [typed, message] of [
      [`${Y}-08-05`, `考勤月份：“${Y}-08-05”是具体日期，这里只填月份`],
      [`${Y}-13`, `考勤月份：“${Y}-13”不是有效月份，仍按 ${Y}年08月`],
      ['八月', '考勤月份：“八月”不是可识别的月份'],
      ['', `请填写考勤月份，仍按 ${Y}年08月`],
    ] as const) {
      await box.fill(typed);
      await box.press('Tab');
      await hasValue(box, typed);
      await shown(s.page.getByRole('alert').filter({ hasText: message }));
      await shown(c.monthColumn(`${Y}-08`));
    }
    // Not one list request for anything the field refused.
    expect(sent['cadres.list']!.slice(before).filter((q) => q.month !== `${Y}-08`)).toEqual([]);
    await box.fill(`${Y}.9`);
    await box.press('Enter');
    await gone(s.page.getByRole('alert').filter({ hasText: '考勤月份' }));
    await shown(c.monthColumn(`${Y}-09`));
    // The month holds over another page and F5, as the other filters do.
    await s.page.getByRole('menuitem', { name: '首页' }).click();
    await c.open();
    await hasValue(box, `${Y}年09月`);
    await s.page.reload();
    await shown(c.monthColumn(`${Y}-09`));
    await hasValue(box, `${Y}年09月`);
  });

  it('统计期间 takes a quick choice or two typed dates in any spelling', async () => {
    const r = new ReportPage(s.page);
    await r.open('雁山镇');
    await r.choosePreset(`${Y}年上半年`, `${Y}-01-01`, `${Y}-06-30`);
    await hasValue(r.dateField('开始日期'), `${Y}-01-01`);
    await hasValue(r.dateField('结束日期'), `${Y}-06-30`);
    await r.dateField('开始日期').fill(`${Y}年2月1日`);
    await shown(s.page.getByText(`即 ${Y}-02-01`));
    await r.dateField('开始日期').press('Tab');
    await r.typeDate('结束日期', `${Y}0430`);
    await hasValue(r.dateField('开始日期'), `${Y}-02-01`);
    await hasValue(r.dateField('结束日期'), `${Y}-04-30`);
    await shown(r.periodLine(`${Y}-02-01`, `${Y}-04-30`));
    await shown(r.section('驻村干部'));
    expect(sent['reports.get']!.at(-1)).toMatchObject({ from: `${Y}-02-01`, to: `${Y}-04-30` });
    // A typed period that is no quick choice says so.
    await shown(s.page.locator('.ant-select').filter({ has: s.page.getByLabel('统计期间') }).getByText('自定义期间'));
  });

  it('统计期间 refuses a bad date and an end before the start in red, and the report stays on the period it names', async () => {
    const r = new ReportPage(s.page);
    const before = sent['reports.get']!.length;
    await r.typeDate('结束日期', `${Y}-02-30`);
    await hasValue(r.dateField('结束日期'), `${Y}-02-30`);
    await shown(s.page.getByRole('alert').filter({ hasText: `结束日期：“${Y}-02-30”不是有效日期` }));
    await shown(s.page.getByRole('alert').filter({ hasText: `报表仍为 ${Y}-02-01 至 ${Y}-04-30` }));
    await r.typeDate('结束日期', `${Y}.1.15`);
    await shown(s.page.getByRole('alert').filter({ hasText: `结束日期 ${Y}-01-15 早于开始日期 ${Y}-02-01，报表仍为 ${Y}-02-01 至 ${Y}-04-30` }));
    await r.typeDate('开始日期', '');
    await shown(s.page.getByRole('alert').filter({ hasText: '请填写开始日期' }));
    await shown(r.periodLine(`${Y}-02-01`, `${Y}-04-30`));
    expect(sent['reports.get']!.length).toBe(before);

    // Used once both dates are understood and in order, not before.
    await r.typeDate('结束日期', `${Y}.6.30`);
    await shown(s.page.getByRole('alert').filter({ hasText: '请填写开始日期' }));
    await r.typeDate('开始日期', `${Y}-1-1`);
    await shown(r.periodLine(`${Y}-01-01`, `${Y}-06-30`));
    await gone(s.page.getByRole('alert').filter({ hasText: '报表仍为' }));
    // Typed back to a quick choice's dates, the choice shows again.
    await shown(s.page.locator('.ant-select').filter({ has: s.page.getByLabel('统计期间') }).getByText(`${Y}年上半年`));
    expect(sent['reports.get']!.slice(before)).toEqual([expect.objectContaining({ from: `${Y}-01-01`, to: `${Y}-06-30` })]);
  });

  it('统计期间 holds over another page and F5', async () => {
    const r = new ReportPage(s.page);
    await r.typeDate('开始日期', `${Y}.3.1`);
    await shown(r.periodLine(`${Y}-03-01`, `${Y}-06-30`));
    const kept = async () => {
      await shown(r.periodLine(`${Y}-03-01`, `${Y}-06-30`));
      await hasValue(r.dateField('开始日期'), `${Y}-03-01`);
      await hasValue(r.dateField('结束日期'), `${Y}-06-30`);
      await shown(r.section('驻村干部'));
    };
    await s.page.getByRole('menuitem', { name: '驻村干部' }).click();
    await shown(s.page.getByRole('heading', { name: '驻村干部' }));
    await r.open('雁山镇');
    await kept();
    await s.page.reload();
    await shown(s.page.getByRole('heading', { name: '雁山镇统计报表' }));
    await kept();
    expect(sent['reports.get']!.at(-1)).toMatchObject({ from: `${Y}-03-01`, to: `${Y}-06-30` });
    expect(s.errors).toEqual([]);
  });
});
