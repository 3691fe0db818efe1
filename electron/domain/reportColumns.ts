import type { Report, ReportFigures } from '../api/contracts/reports';
import { ASSESSMENT_RESULTS, CADRE_ROLES, EVALUATION_RESULTS, POSTING_END_STATUSES, UNIT_LEVELS } from './cadres';
import { FLOAT_REASONS } from './floating';
import { MEASURES } from './partyDev';
import { FUNDING_SOURCES, PROJECT_CATEGORIES, PROJECT_STATUSES } from './projects';
import { STAR_LABELS } from './stars';

/**
 * The report's tables, defined once for the page and the workbook: one section per register,
 * one row per scope (township, or each township and 合计), one column per figure. Pure, so the
 * renderer and the main process share it.
 */

export interface ReportColumn {
  key: string;
  /** Heading over several columns in the page (选派, 期末在岗...); the workbook writes "group：label". */
  group?: string;
  label: string;
  /** Integer fen, shown in 万元. */
  money?: boolean;
  value: (f: ReportFigures) => number;
}

export interface ReportSection {
  key: 'cadres' | 'workLogs' | 'floating' | 'projects' | 'partyDev' | 'stars';
  /** Card title and sheet name. */
  title: string;
  columns: ReportColumn[];
}

type Grouped = (f: ReportFigures) => Record<string, number>;

const each = (prefix: string, group: string, keys: readonly string[], of: Grouped): ReportColumn[] =>
  keys.map((k) => ({ key: `${prefix}.${k}`, group, label: k, value: (f) => of(f)[k] ?? 0 }));

const col = (key: string, label: string, value: (f: ReportFigures) => number, group?: string): ReportColumn => ({ key, label, value, group });

function cadreColumns(): ReportColumn[] {
  return [
    col('sent', '合计', (f) => f.cadres.sent, '选派'),
    ...each('sentByRole', '选派', CADRE_ROLES, (f) => f.cadres.sentByRole),
    col('youngSent', '其中35岁以下', (f) => f.cadres.youngSent, '选派'),
    col('keyVillageFirstSecretaries', '重点村第一书记', (f) => f.cadres.keyVillageFirstSecretaries, '其中增派'),
    col('relocationTeamMembers', '安置社区工作队员', (f) => f.cadres.relocationTeamMembers, '其中增派'),
    col('adjusted', '合计', (f) => f.cadres.adjusted, '调整'),
    ...each('adjustedByStatus', '调整', POSTING_END_STATUSES, (f) => f.cadres.adjustedByStatus),
    col('inPost', '合计', (f) => f.cadres.inPost, '期末在岗'),
    ...each('inPostByRole', '期末在岗', CADRE_ROLES, (f) => f.cadres.inPostByRole),
    ...each('inPostByUnitLevel', '期末在岗（派出单位级别）', UNIT_LEVELS, (f) => f.cadres.inPostByUnitLevel),
    col('inspections', '督查次数', (f) => f.cadres.inspections, '督查'),
    col('foundAbsent', '不在岗次数', (f) => f.cadres.foundAbsent, '督查'),
    col('absentCadres', '不在岗人数', (f) => f.cadres.absentCadres, '督查'),
    ...each('evaluations', '季度考评', EVALUATION_RESULTS, (f) => f.cadres.evaluations),
    ...each('assessments', '年终考核', ASSESSMENT_RESULTS, (f) => f.cadres.assessments),
  ];
}

const workLogColumns = (): ReportColumn[] => [
  col('logDays', '日志天数', (f) => f.workLogs.logDays),
  col('daysInVillage', '在村天数', (f) => f.workLogs.daysInVillage),
  col('householdsVisited', '走访农户（户次）', (f) => f.workLogs.householdsVisited),
  col('cadresLogging', '记日志干部（人）', (f) => f.workLogs.cadresLogging),
  col('villageDays', '其中驻村版录入（天）', (f) => f.workLogs.villageDays),
  col('villageShare', '驻村版录入占比（%）', (f) => villageShare(f)),
];

/**
 * 驻村版录入占比: the share of the period's log days entered in the village on a 驻村版 laptop, in
 * percent with one decimal (half up): 100 × 其中驻村版录入 ÷ 日志天数; 0 when there are no log days.
 * Each scope's own counts, so 合计 is the share over the district's rows, not a sum of shares.
 */
export const villageShare = (f: ReportFigures): number =>
  f.workLogs.logDays > 0 ? Math.round((1000 * f.workLogs.villageDays) / f.workLogs.logDays) / 10 : 0;

function floatingColumns(provinces: string[]): ReportColumn[] {
  return [
    col('onRoster', '期末在册', (f) => f.floating.onRoster),
    col('villagesWithRoster', '有在册党员的村', (f) => f.floating.villagesWithRoster),
    ...each('byReason', '外出原因', FLOAT_REASONS, (f) => f.floating.byReason),
    col('withContactCadre', '有一对一联系人', (f) => f.floating.withContactCadre),
    col('contactedInInterval', '间隔内已联系', (f) => f.floating.contactedInInterval),
    col('contactRecords', '期内联系记录', (f) => f.floating.contactRecords),
    col('returned', '期内返回', (f) => f.floating.returned),
    col('transferredOut', '期内组织关系转出', (f) => f.floating.transferredOut),
    ...each('byProvince', '流入地', provinces, (f) => f.floating.byProvince),
  ];
}

function projectColumns(): ReportColumn[] {
  const money = (key: string, label: string, value: (f: ReportFigures) => number, group?: string): ReportColumn => ({ ...col(key, label, value, group), money: true });
  return [
    col('projects', '项目数', (f) => f.projects.projects),
    ...each('byStatus', '项目状态', PROJECT_STATUSES, (f) => f.projects.byStatus),
    ...each('byCategory', '项目类别', PROJECT_CATEGORIES, (f) => f.projects.byCategory),
    money('investment.total', '总投资（万元）', (f) => f.projects.investment.total, '投资'),
    ...FUNDING_SOURCES.map((s) => money(`investment.${s.key}`, `${s.label}（万元）`, (f) => f.projects.investment[s.key], '投资')),
    col('households', '带动户数', (f) => f.projects.households),
    money('projectIncome', '项目收益（万元）', (f) => f.projects.projectIncome, '收益'),
    money('villageIncome', '村级集体经济收入（万元）', (f) => f.projects.villageIncome, '收益'),
    col('villages', '村（社区）数', (f) => f.projects.villages, '覆盖'),
    col('coveredVillages', '有项目', (f) => f.projects.coveredVillages, '覆盖'),
    col('uncoveredVillages', '无项目', (f) => f.projects.uncoveredVillages, '覆盖'),
  ];
}

const partyDevColumns = (): ReportColumn[] => [
  col('activists', '入党积极分子库存', (f) => f.partyDev.activists, '发展党员'),
  col('villagesWithTwo', '积极分子2名以上的村', (f) => f.partyDev.villagesWithTwo, '发展党员'),
  col('newActivists', '期内确定积极分子', (f) => f.partyDev.newActivists, '发展党员'),
  col('newProbationers', '期内发展党员', (f) => f.partyDev.newProbationers, '发展党员'),
  col('newFullMembers', '期内转正', (f) => f.partyDev.newFullMembers, '发展党员'),
  col('casesFound', '认定存在违规违纪问题（人）', (f) => f.partyDev.casesFound, '排查整顿'),
  ...each('measures', '排查整顿', MEASURES, (f) => f.partyDev.measures),
];

const starColumns = (): ReportColumn[] => [
  col('newFive', '五星级', (f) => f.stars.newFive, '新增'),
  col('newFour', '四星级', (f) => f.stars.newFour, '新增'),
  col('newThree', '三星级', (f) => f.stars.newThree, '新增'),
  col('rated', '合计', (f) => f.stars.rated, '期末年度星级'),
  ...each('byStars', '期末年度星级', STAR_LABELS, (f) => f.stars.byStars),
  col('weak', '软弱涣散（一星）', (f) => f.stars.weak),
  col('rectifications', '整改事项', (f) => f.stars.rectifications, '整改'),
  col('rectified', '已完成', (f) => f.stars.rectified, '整改'),
];

/** Destination provinces that occur in any scope, the largest counts first. */
function provincesOf(report: Report): string[] {
  const total = new Map<string, number>();
  for (const s of report.scopes) for (const [k, n] of Object.entries(s.figures.floating.byProvince)) total.set(k, Math.max(total.get(k) ?? 0, n));
  return [...total.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN')).map(([k]) => k);
}

export function reportSections(report: Report): ReportSection[] {
  return [
    { key: 'cadres', title: '驻村干部', columns: cadreColumns() },
    { key: 'workLogs', title: '驻村日志', columns: workLogColumns() },
    { key: 'floating', title: '流动党员', columns: floatingColumns(provincesOf(report)) },
    { key: 'projects', title: '一村一项目', columns: projectColumns() },
    { key: 'partyDev', title: '发展党员', columns: partyDevColumns() },
    { key: 'stars', title: '评星定级', columns: starColumns() },
  ];
}

export const periodText = (r: { from: string; to: string }) => `${r.from} 至 ${r.to}`;

/** The first column's heading: 乡镇 in a district's report, 单位 in a township's. */
export const scopeHeader = (r: Report) => (r.role === 'district' ? '乡镇（街道）' : '单位');

/**
 * Whose report this is, for titles and file names: the unit, and at a district narrowed to one
 * township, that township too (a one-township report must never pass for the district's).
 */
export function reportUnit(r: Report): string {
  const only = r.role === 'district' && r.scopes.length === 1 ? r.scopes[0] : undefined;
  return only?.code ? `${r.unitName}（${only.name}）` : r.unitName;
}
