import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { reportSections } from '../../electron/domain/reportColumns';
import { completeSetup } from '../../electron/services/setup';
import { buildReport } from '../../electron/services/reports';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { appSession, browserAvailable } from '../helpers/browser';
import { steppingClock } from '../helpers/core';
import { districtKeys, trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { shown } from '../helpers/ui';
import { chooseOption } from './pages/widgets';
import { buildSmallTownship, buildTownship, FROM, TO } from '../unit/reports.helpers';
import { ReportPage } from './pages/ReportPage';

/** A4 landscape less the report's 10 mm margins, in CSS pixels (96 per inch). */
const PRINTABLE_WIDTH = Math.floor(((297 - 20) / 25.4) * 96);

async function township(file: string, code: string, name: string): Promise<Core> {
  const core = await openCore(file, { now: steppingClock() });
  completeSetup(core, { role: 'township', code, name, operator: '张三', importVillages: [] });
  trustDistrict(core);
  return core;
}

/** The district of reports.test.ts: 雁山镇 (three villages, every register) and 柘木镇 (one village). */
async function seedDistrict(district: Core): Promise<void> {
  completeSetup(district, { role: 'district', code: '450311', name: '雁山区委组织部', operator: '王科长', importVillages: [] });
  const dir = tempDir();
  const a = await township(path.join(dir, 'a.db'), '450311100', '雁山镇');
  const b = await township(path.join(dir, 'b.db'), '450311101', '柘木镇');
  try {
    await buildTownship(a, ['450311100201', '450311100202', '450311100203']);
    await buildSmallTownship(b, '450311101201');
    for (const town of [a, b]) {
      const { file } = await exportBundle(town, { dir: tempDir() });
      await applyStaged(district, await stageBundle(district, file, districtKeys().keys));
    }
  } finally {
    a.close();
    b.close();
  }
}

/** The text of each page of a PDF, by poppler's pdftotext (form feed between pages). */
function pdfPages(pdf: Buffer): string[] {
  const file = path.join(process.env.TL_KEEP_PDF ?? tempDir(), 'report.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

describe.runIf(browserAvailable())('统计报表 on paper (district)', () => {
  const s = appSession({ seed: (app) => seedDistrict(app.core), viewport: { width: 1366, height: 768 } });

  it('prints every column of every section inside A4 landscape, with page numbers and the signature line, and no empty page', async () => {
    const r = new ReportPage(s.page);
    await r.open('雁山区委组织部');
    const period = buildReport(s.app.core, { from: FROM, to: TO, township: null });
    await r.choosePreset('2025年下半年', FROM, TO);
    await shown(r.section('驻村干部').getByRole('cell', { name: '柘木镇', exact: true }).first());
    // Every township of the district is a row; those that sent nothing say so, with no as-of date.
    const data = r.section('各乡镇（街道）数据情况');
    for (const name of ['良丰街道', '大埠乡', '草坪回族乡']) {
      await shown(data.getByRole('row').filter({ hasText: name }).getByText('未报送'));
      await shown(r.section('驻村干部').getByRole('cell', { name: `${name}（未报送）`, exact: true }).first());
    }
    for (const name of ['雁山镇', '柘木镇']) await shown(data.getByRole('row').filter({ hasText: name }).getByText('已报送'));
    // The townships ranked by the three shares, each with its counts, and printed with the rest.
    const ranking = r.section('各乡镇（街道）主要指标排名');
    for (const h of ['联系及时率', '在村达标率', '项目覆盖率']) await shown(ranking.getByRole('columnheader', { name: h }));
    expect(await ranking.locator('tbody tr.ant-table-row').count()).toBe(5);

    // Laid out as the printer lays it out: print media at the printable width.
    await s.page.setViewportSize({ width: PRINTABLE_WIDTH, height: 700 });
    await s.page.emulateMedia({ media: 'print' });
    const tables = await s.page.locator('.report-page table').evaluateAll((els) =>
      els.map((t) => ({ right: Math.ceil(t.getBoundingClientRect().right), width: t.scrollWidth })),
    );
    expect(tables.length).toBeGreaterThan(4);
    for (const t of tables) expect(t.right, `a table reaches ${t.right}px of ${PRINTABLE_WIDTH}px`).toBeLessThanOrEqual(PRINTABLE_WIDTH);
    // Every figure of every section has its heading on paper: nothing is dropped to make room.
    for (const sec of reportSections(period)) {
      const headings = await r.section(sec.title).locator('th').evaluateAll((ths) =>
        ths.map((th) => ({ text: (th.textContent ?? '').trim(), right: Math.ceil(th.getBoundingClientRect().right) })),
      );
      for (const c of sec.columns) {
        const h = headings.find((x) => x.text === c.label);
        expect(h, `${sec.title}: ${c.group ?? ''} ${c.label} is not printed`).toBeDefined();
        expect(h!.right).toBeLessThanOrEqual(PRINTABLE_WIDTH);
      }
    }

    const pages = pdfPages(await s.page.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, i) => {
      // A page that holds nothing, or only headings or the signature line, is wasted paper.
      const body = text.replace(/第\s*\d+\s*页\s*共\s*\d+\s*页|填表人.*|审核人.*|填报日期.*|.*统计报表|统计期间.*|驻村干部|驻村日志|流动党员|一村一项目|\s/g, '');
      expect(body.length, `page ${i + 1} is empty:\n${text}`).toBeGreaterThan(40);
      // Nor does a page end on a heading whose table is on the next one.
      const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !/^第\s*\d+\s*页/.test(l));
      expect(lines.at(-1), `page ${i + 1} ends on a heading`).not.toMatch(/^(驻村干部|驻村日志|流动党员|一村一项目)(（\d+\/\d+）)?$/);
      expect(text, `page ${i + 1} has no page number`).toMatch(new RegExp(`第\\s*${i + 1}\\s*页\\s*共\\s*${pages.length}\\s*页`));
    });
    const all = pages.join('\n').replace(/\s+/g, '');
    expect(all).toMatch(/填表人：.*审核人：.*填报日期：/);
    await s.page.emulateMedia({ media: 'screen' });
  });

  it('narrowed to one township, says so in the title and the file name, and keeps township and period over F5', async () => {
    const r = new ReportPage(s.page);
    await chooseOption(s.page, s.page, '乡镇筛选', '柘木镇（450311101）');
    await shown(s.page.getByRole('heading', { name: '雁山区委组织部（柘木镇）统计报表' }));
    await s.page.reload();
    await shown(s.page.getByRole('heading', { name: '雁山区委组织部（柘木镇）统计报表' }));
    await shown(s.page.getByText(`统计期间：${FROM} 至 ${TO}`));
    const file = await r.exportXlsx();
    expect(file.fileName).toBe(`雁山区委组织部（柘木镇）统计报表_${FROM}_${TO}.xlsx`);
    // A township that never sent data is offered too, marked as such.
    await s.page.getByLabel('乡镇筛选').click();
    await shown(s.page.locator('.ant-select-item-option').filter({ hasText: '大埠乡（未报送）' }));
    await s.page.keyboard.press('Escape');
  });

  it('logged no page errors', () => {
    expect(s.errors).toEqual([]);
  });
});
