import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { checkChar } from '../../electron/domain/idNumber';
import { appSession, browserAvailable, type App } from '../helpers/browser';
import { gone, shown } from '../helpers/ui';
import { readWorkbook, sheetRows } from '../helpers/xlsx';
import { CadresPage } from './pages/CadresPage';
import { ProjectsPage } from './pages/ProjectsPage';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const validId = (first17: string) => first17 + checkChar(first17);
const liveCadres = (app: App) => app.core.db.prepare('SELECT name FROM cadres WHERE deleted_at IS NULL ORDER BY name').all() as { name: string }[];

/** A hand-made cadre roster: title row, header, three cadres, the second with a wrong check digit. */
async function cadreRoster(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.mergeCells(1, 1, 1, 8);
  ws.getCell(1, 1).value = '雁山镇驻村干部花名册';
  ws.addRow(['序号', '姓名', '身份证号', '派出单位', '派出单位层级', '驻村村（社区）', '驻村角色', '驻村开始日期']);
  ws.addRow([1, '韦书记', validId('45030219850301123'), '桂林市农业农村局', '市直', '东立村', '第一书记', '2025.03']);
  const first17 = '45031119900101122';
  ws.addRow([2, '覃队员', first17 + (validId(first17).endsWith('1') ? '2' : '1'), '雁山区民政局', '县区直', '东立村', '工作队员', '2025-03-01']);
  ws.addRow([3, '蒙干部', validId('45031119880808111'), '雁山区教育局', '县区直']);
  ws.addRow(['填表人：王五']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.runIf(browserAvailable())('Excel import and export in Chromium', () => {

  const s = appSession({ setup: true });

  it('reports the bad row of a cadre roster, then imports the valid rows only when asked', async () => {
    const p = new CadresPage(s.page);
    await p.open();
    await s.page.getByRole('button', { name: '导入名册' }).click();
    const m = s.page.getByRole('dialog', { name: '导入驻村干部名册' });
    await shown(m);
    await m.getByLabel('名册文件').setInputFiles({ name: '花名册.xlsx', mimeType: XLSX, buffer: await cadreRoster() });
    await shown(m.getByText('花名册.xlsx'));
    await m.getByRole('button', { name: /检查文件$/ }).click();
    await shown(m.getByText('共 3 行，正确 2 行，有误 1 行。有误的行未改正前不会导入任何记录。'));
    const problem = m.getByRole('row').filter({ has: s.page.getByRole('cell', { name: '4', exact: true }) });
    await shown(problem.getByRole('cell', { name: '身份证号', exact: true }));
    await shown(problem.getByRole('cell', { name: '身份证号校验位不正确，请逐位核对' }));
    expect(await m.getByRole('button', { name: /确认导入$/ }).isDisabled()).toBe(true);
    expect(liveCadres(s.app)).toEqual([]);

    await m.getByText('仅导入有效行（跳过有误的行）').click();
    await m.getByRole('button', { name: /检查文件$/ }).click();
    await shown(m.getByText('共 3 行，正确 2 行，有误 1 行。确认后将导入 2 行，跳过第 4 行。'));
    await m.getByRole('button', { name: /确认导入$/ }).click();
    await shown(m.getByText('已导入 2 行，跳过第 4 行。'));
    expect(liveCadres(s.app)).toEqual([{ name: '蒙干部' }, { name: '韦书记' }]);
    await m.getByRole('button', { name: /Close|关闭/ }).click();
    await gone(m);
    await shown(p.row('韦书记').getByText('东立村'));
    await shown(p.row('蒙干部'));
  });

  it('shows a progress bar while a large roster is checked and imported', async () => {
    // 5,000 cadres without postings: enough rows that the import's write spans several of the
    // dialog's progress polls (300 ms apart) even on an idle machine, few enough to stay quick.
    const han = '甲乙丙丁戊己庚辛壬癸';
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['序号', '姓名', '身份证号', '派出单位', '派出单位层级']);
    for (let i = 0; i < 5000; i++) {
      const mmdd = `${String((i % 12) + 1).padStart(2, '0')}${String((Math.floor(i / 12) % 28) + 1).padStart(2, '0')}`;
      ws.addRow([i + 1, `干部${[...String(1000 + i)].map((d) => han[Number(d)]).join('')}`, validId(`4503111991${mmdd}${100 + Math.floor(i / 336)}`), '雁山区教育局', '县区直']);
    }
    const before = liveCadres(s.app).length;
    const p = new CadresPage(s.page);
    await p.open();
    await s.page.getByRole('button', { name: '导入名册' }).click();
    const m = s.page.getByRole('dialog', { name: '导入驻村干部名册' });
    await shown(m);
    await m.getByLabel('名册文件').setInputFiles({ name: '大名册.xlsx', mimeType: XLSX, buffer: Buffer.from(await wb.xlsx.writeBuffer()) });
    await shown(m.getByText('大名册.xlsx'));
    // Every text the bar shows, as it changes (a phase can be shorter than Playwright's polling).
    await s.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressTexts: string[] }).progressTexts = seen;
      new MutationObserver(() => {
        const status = document.querySelector('[role="status"][aria-label="导入进度"]');
        // A text counts only when the status holds the bar itself (the bar's percentage is
        // its own text, first in the status's).
        const text = status?.querySelector('[role="progressbar"]') ? status.textContent?.replace(/^\d+%/, '') : undefined;
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const texts = () => s.page.evaluate(() => (window as unknown as { progressTexts: string[] }).progressTexts.splice(0));
    await m.getByRole('button', { name: /检查文件$/ }).click();
    const bar = m.getByRole('status', { name: '导入进度' });
    // The bar itself is asserted through what the observer saw: a check quicker than two of
    // Playwright's polls may be gone before a second wait for the bar inside the status starts.
    // A loaded machine takes a while over 1,500 rows: the report is awaited longer than a click.
    const slow = { state: 'visible', timeout: 90_000 } as const;
    await m.getByText('共 5000 行，正确 5000 行，有误 0 行。可以导入。').waitFor(slow);
    await gone(bar);
    // The check shows what it is doing (its roster pass no longer writes, and may be over
    // between two polls: any of its phases counts).
    const checked = await texts();
    expect(checked, checked.join(' | ')).not.toEqual([]);
    expect(checked.some((t) => /^正在(?:读取文件|检查各行|按名册核对)/.test(t)), checked.join(' | ')).toBe(true);
    await m.getByRole('button', { name: /确认导入$/ }).click();
    await m.getByText('已导入 5000 行。').waitFor(slow);
    const imported = await texts();
    expect(imported.some((t) => /^正在写入（\d+ \/ 5000 行）$/.test(t))).toBe(true);
    // The bar moved during a write: a count between none and all was shown.
    const midway = [...checked, ...imported].map((t) => /^正在(?:按名册核对|写入)（(\d+) \/ 5000 行）$/.exec(t)?.[1]).filter((n) => n && Number(n) > 0 && Number(n) < 5000);
    expect(midway.length).toBeGreaterThan(0);
    expect(liveCadres(s.app).length).toBe(before + 5000);
    await m.getByRole('button', { name: /Close|关闭/ }).click();
    await gone(m);
  });

  it('downloads the project ledger as filtered, with exact 万元', async () => {
    const village = (s.app.core.db.prepare("SELECT id FROM villages WHERE name = '东立村'").get() as { id: string }).id;
    const base = { villageId: village, category: '光伏', model: '入股分红', status: '运营' } as const;
    for (const input of [
      { ...base, year: 2025, name: '东立村光伏电站', total: '1234.5', fiscal: '1234.499999', aid: '0.000001', households: 12, incomes: [{ year: 2025, income: '12.5' }] },
      { ...base, year: 2024, name: '旧项目', total: '1', fiscal: '1' },
    ]) {
      const r = await dispatch(s.app.core, 'projects.create', input);
      expect(r.ok).toBe(true);
    }
    const p = new ProjectsPage(s.page);
    await p.open();
    // The same robust dropdown pick the cadre page object uses, on the list's 年度 filter.
    await new CadresPage(s.page).choose(s.page.locator('body'), '年度筛选', '2025年');
    await gone(p.row('旧项目'));
    const downloading = s.page.waitForEvent('download');
    await s.page.getByRole('button', { name: /导出Excel$/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('雁山镇2025年度一村一项目台账.xlsx');
    const rows = sheetRows((await readWorkbook(fs.readFileSync((await download.path())!))).getWorksheet('一村一项目')!);
    expect(rows[1]!.slice(0, 8)).toEqual(['序号', '村（社区）', '年度', '项目名称', '类别', '经营模式', '状态', '总投资（万元）']);
    expect(rows[2]!.slice(0, 15)).toEqual([1, '东立村', 2025, '东立村光伏电站', '光伏', '入股分红', '运营', 1234.5, 1234.499999, 0.000001, 0, 0, 0, 12.5, 12]);
    expect(rows.some((r) => r[3] === '旧项目')).toBe(false);
  });

  it('logged no page errors', () => {
    expect(s.errors).toEqual([]);
  });
});
