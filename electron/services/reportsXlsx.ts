import type { AbsentEntry, Report, ReportScopeFigures, TownshipStatus } from '../api/contract';
import { fenToWan } from '../domain/money';
import { localDay } from '../domain/dates';
import { periodText, reportSections, reportUnit, scopeHeader, type ReportSection } from '../domain/reportColumns';
import { ranks, reportShares, SHARE_LABELS, type Shares } from '../domain/shares';
import { sheet, workbookBuffer, xlsxFile, type Column, type SheetSpec } from '../xlsx/write';

/** 万元 as an Excel number: the exact decimal from fen, shown with two places (the cell keeps all six). */
const WAN_FORMAT = '#,##0.00';
const wan = (fen: number) => Number(fenToWan(fen));

export const reportFileName = (r: Report) => `${reportUnit(r)}统计报表_${r.from}_${r.to}.xlsx`;

function sectionSheet(r: Report, s: ReportSection, footer: string[]): SheetSpec<unknown> {
  const columns: Column<ReportScopeFigures>[] = [
    { header: scopeHeader(r), width: 16, value: (row) => (row.data && !row.data.sent ? `${row.name}（未报送）` : row.name) },
    ...s.columns.map(
      (c): Column<ReportScopeFigures> => ({
        header: c.label,
        group: c.group,
        width: Math.max(8, Math.min(16, c.label.length * 2 + 2)),
        numFmt: c.money ? WAN_FORMAT : undefined,
        value: (row) => (c.money ? wan(c.value(row.figures)) : c.value(row.figures)),
      }),
    ),
  ];
  return sheet<ReportScopeFigures>({ name: s.title, title: `${reportUnit(r)}${s.title}统计（${periodText(r)}）`, columns, rows: r.scopes, footer, landscape: true });
}

/** Lists come from the township scopes only, so 合计 never repeats a district's rows. */
const listScopes = (r: Report) => r.scopes.filter((s) => s.code !== null);

function absentSheet(r: Report): SheetSpec<unknown> {
  const rows = listScopes(r).flatMap((s) => s.figures.cadres.absentList.map((a) => ({ ...a, scope: s.name })));
  return sheet<AbsentEntry & { scope: string }>({
    name: '督查不在岗名单',
    title: `${reportUnit(r)}督查发现不在岗名单（${periodText(r)}）`,
    columns: [
      { header: scopeHeader(r), width: 16, value: (a) => a.scope },
      { header: '姓名', width: 12, value: (a) => a.name },
      { header: '督查日期', width: 12, value: (a) => a.date },
      { header: '督查人', width: 12, value: (a) => a.inspector },
      { header: '情况说明', width: 40, value: (a) => a.notes },
    ],
    rows,
  });
}

function uncoveredSheet(r: Report): SheetSpec<unknown> {
  const rows = listScopes(r).flatMap((s) => s.figures.projects.uncoveredList.map((v) => ({ ...v, scope: s.name })));
  return sheet<{ scope: string; name: string; code: string | null }>({
    name: '无项目村名单',
    title: `${reportUnit(r)}${r.coverageYear}年无项目村（社区）名单`,
    columns: [
      { header: scopeHeader(r), width: 16, value: (v) => v.scope },
      { header: '村（社区）', width: 22, value: (v) => v.name },
      { header: '区划代码', width: 16, value: (v) => v.code },
    ],
    rows,
  });
}

/** District: every township, whether it sent data and as of when (its export time). */
function dataSheet(r: Report): SheetSpec<unknown> {
  return sheet<TownshipStatus>({
    name: '报送情况',
    title: `${reportUnit(r)}各乡镇（街道）数据情况（${periodText(r)}）`,
    columns: [
      { header: scopeHeader(r), width: 16, value: (t) => t.name },
      { header: '状态', width: 10, value: (t) => (t.sent ? '已报送' : '未报送') },
      { header: '数据截至（乡镇导出时间）', width: 16, value: (t) => t.asOf?.slice(0, 10) ?? '' },
      { header: '导入时间', width: 12, value: (t) => t.importedAt?.slice(0, 10) ?? '' },
      { header: '提示', width: 60, value: (t) => t.clockNote ?? (t.sent ? '' : '尚未收到该乡镇的同步文件，其数据按 0 计') },
    ],
    rows: r.scopes.flatMap((x) => (x.data ? [x.data] : [])),
  });
}

/** District: the townships' shares (domain/shares.ts) with their ranks, 合计 last and unranked. */
function rankingSheet(r: Report): SheetSpec<unknown> {
  const towns = r.scopes.filter((x) => x.code !== null);
  const keys = Object.keys(SHARE_LABELS) as (keyof Shares)[];
  const rankOf = Object.fromEntries(keys.map((k) => [k, ranks(towns.map((t) => reportShares(t)[k]))]));
  const counts: Record<keyof Shares, (x: ReportScopeFigures) => [number, number]> = {
    contacted: (x) => [x.figures.floating.contactedInInterval, x.figures.floating.onRoster],
    inVillage: (x) => [x.attendance.met, x.attendance.judged],
    coverage: (x) => [x.figures.projects.coveredVillages, x.figures.projects.villages],
  };
  const parts = ['分子', '分母'];
  return sheet<ReportScopeFigures>({
    name: '排名',
    title: `${reportUnit(r)}各乡镇（街道）主要指标排名（${periodText(r)}）`,
    landscape: true,
    columns: [
      { header: scopeHeader(r), width: 16, value: (x) => (x.data && !x.data.sent ? `${x.name}（未报送）` : x.name) },
      ...keys.flatMap((k): Column<ReportScopeFigures>[] => [
        ...parts.map((p, i): Column<ReportScopeFigures> => ({ header: p, group: SHARE_LABELS[k], width: 8, value: (x) => counts[k](x)[i] })),
        { header: '比率', group: SHARE_LABELS[k], width: 9, numFmt: '0.0%', value: (x) => reportShares(x)[k] },
        { header: '排名', group: SHARE_LABELS[k], width: 7, value: (x) => (x.code === null ? null : (rankOf[k]![towns.indexOf(x)] ?? null)) },
      ]),
    ],
    rows: r.scopes,
    footer: ['联系及时率＝间隔内已联系÷期末在册；在村达标率＝在村天数达标人次÷应考核人次（统计期内已结束的整月）；项目覆盖率＝有项目的村÷村。未报送或无分母的乡镇不排名。'],
  });
}

/** The report as one workbook: a sheet per section, then the two name lists behind the counts. */
export function reportSheets(r: Report, now: Date): SheetSpec<unknown>[] {
  const footer = [`统计期间：${periodText(r)}    导出时间：${localDay(now)}    填表人：________    审核人：________    填报日期：______年____月____日`];
  const data = r.role === 'district' ? [dataSheet(r), ...(r.scopes.length > 2 ? [rankingSheet(r)] : [])] : [];
  return [...data, ...reportSections(r).map((s) => sectionSheet(r, s, footer)), absentSheet(r), uncoveredSheet(r)];
}

export const exportReport = (r: Report, now: Date) => xlsxFile(reportFileName(r), reportSheets(r, now));

export const reportWorkbook = (r: Report, now: Date) => workbookBuffer(reportSheets(r, now));
