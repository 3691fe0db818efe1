import type { Dashboard, FilePayload, QualityCheck, QualityItem, TownshipDashboardRow } from '../api/contract';
import type { Core } from '../core';
import { localDay } from '../domain/dates';
import { dashboardShares, ranks, SHARE_LABELS, type Shares } from '../domain/shares';
import { sheet, xlsxFile, type Column } from '../xlsx/write';
import { qualityAll, QUALITY_KEYS, type QualityContext, type QualityKey } from './dashboardQuality';
import { completenessGrid, unitLabel } from './townships';

const PERCENT = '0.0%';
const footer = (core: Core) => [`导出时间：${localDay(core.now())}    填表人：________    审核人：________`];

const qualityColumns = (district: boolean): Column<QualityItem>[] => [
  { header: '序号', width: 6, value: (_r, i) => i + 1 },
  ...(district ? [{ header: '乡镇（街道）', width: 14, value: (r: QualityItem) => r.township }] : []),
  { header: '名册', width: 10, value: (r) => r.register },
  { header: '姓名（项目）', width: 28, value: (r) => r.name },
  { header: '村（社区）', width: 14, value: (r) => r.village },
  { header: '情况', width: 30, value: (r) => r.detail },
];

/** Every row of one data-quality check, or of all four (a sheet each), with the rule above the table. */
export async function exportQuality(core: Core, c: QualityContext, check: QualityKey | null): Promise<FilePayload> {
  const label = unitLabel(core, c.township);
  const checks: QualityCheck[] = (check ? [check] : QUALITY_KEYS).map((k) => qualityAll(c, k));
  const name = check ? checks[0]!.title : '数据质量检查';
  return xlsxFile(
    `${label}${name}_${c.today}`,
    checks.map((q) =>
      sheet<QualityItem>({
        name: q.title,
        title: `${label}${q.title}（共 ${q.count} 条，统计日期 ${c.today}）`,
        columns: qualityColumns(c.district),
        rows: q.items,
        footer: [`检查规则：${q.rule}`, ...footer(core)],
      }),
    ),
  );
}

const shareColumns = (rowsShares: Shares[], rows: TownshipDashboardRow[]): Column<TownshipDashboardRow>[] =>
  (Object.keys(SHARE_LABELS) as (keyof Shares)[]).flatMap((k) => {
    const rank = ranks(rowsShares.map((s) => s[k]));
    const at = (r: TownshipDashboardRow) => rows.indexOf(r);
    return [
      { header: SHARE_LABELS[k], width: 11, numFmt: PERCENT, value: (r: TownshipDashboardRow) => rowsShares[at(r)]![k] },
      { header: `${SHARE_LABELS[k]}排名`, width: 9, value: (r: TownshipDashboardRow) => rank[at(r)] ?? null },
    ];
  });

/** District: the 首页 per-township table (with its shares and ranks) and the weekly 报送情况 grid. */
export async function exportTownships(core: Core, d: Dashboard, weeks: number): Promise<FilePayload> {
  const unit = core.installation()!.unitName;
  const rows = d.townships;
  const shares = rows.map((r) => dashboardShares(r.figures));
  const grid = completenessGrid(core, weeks);
  type GridRow = (typeof grid.townships)[number];
  const asOf = (r: { asOf: string | null }) => r.asOf?.slice(0, 10) ?? '未报送';
  return xlsxFile(`${unit}各乡镇（街道）情况_${d.today}`, [
    sheet<TownshipDashboardRow>({
      name: '各乡镇（街道）情况',
      title: `${unit}各乡镇（街道）情况（统计日期 ${d.today}）`,
      landscape: true,
      columns: [
        { header: '乡镇（街道）', width: 14, value: (r) => r.name },
        { header: '数据截至（乡镇导出）', width: 14, value: asOf },
        { header: '在岗驻村干部', width: 9, value: (r) => r.figures.cadresInPost },
        { header: '上月在村天数不足', width: 10, value: (r) => r.figures.belowThreshold },
        { header: '外出中流动党员', width: 9, value: (r) => r.figures.floatingOut },
        { header: '联系超期', width: 8, value: (r) => r.figures.overdue },
        { header: '无一对一联系人', width: 9, value: (r) => r.figures.noContact },
        { header: '村（社区）', width: 8, value: (r) => r.figures.villages },
        { header: '无项目村', width: 8, value: (r) => r.figures.villagesWithoutProject },
        ...shareColumns(shares, rows),
      ],
      rows,
      footer: [
        `在村达标率 =（在岗驻村干部 − 上月在村天数不足）÷ 在岗驻村干部；联系及时率 =（外出中 − 联系超期）÷ 外出中；项目覆盖率 =（村 − ${d.year}年无项目村）÷ 村。未报送的乡镇按 0 计，不排名。`,
        ...footer(core),
      ],
    }),
    sheet<GridRow>({
      name: '报送情况',
      title: `${unit}各乡镇（街道）报送情况（近${weeks}周，按乡镇导出日期计）`,
      landscape: true,
      columns: [
        { header: '乡镇（街道）', width: 14, value: (r) => r.name },
        ...grid.weeks.map((w, i): Column<GridRow> => ({ header: `${w.start.slice(5)}至${w.end.slice(5)}`, width: 10, value: (r) => r.counts[i] ?? '—' })),
        { header: '未报送周数', width: 9, value: (r) => r.counts.filter((n) => n === 0).length },
        { header: '数据截至', width: 12, value: asOf },
        { header: '最近导入', width: 12, value: (r) => r.lastImportAt?.slice(0, 10) ?? '' },
        { header: '提示', width: 40, value: (r) => r.clockNote ?? '' },
      ],
      rows: grid.townships,
      footer: ['每格为该周内乡镇导出、已导入本机的同步文件个数；0 表示该周没有报送。', ...footer(core)],
    }),
  ]);
}
