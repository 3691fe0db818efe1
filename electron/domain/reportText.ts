import type { Report, ReportFigures, ReportScopeFigures } from '../api/contracts/reports';
import { ASSESSMENT_RESULTS, CADRE_ROLES, EVALUATION_RESULTS, POSTING_END_STATUSES, UNIT_LEVELS } from './cadres';
import { FLOAT_REASONS } from './floating';
import { MEASURES } from './partyDev';
import { fenToWanShown } from './money';
import { FUNDING_SOURCES, PROJECT_STATUSES } from './projects';
import { STAR_LABELS } from './stars';

/**
 * 文字稿: the half-year report's paragraphs for a period, in the wording of such reports, every
 * figure filled from the report object (the same figures as the tables, the workbook and
 * `report --json`). Pure, so the report page and `report --text` share it; generated on demand
 * and never stored. A district's text speaks for 合计 (or for the one township it is narrowed
 * to). A new register adds its paragraph as one more entry of PARAGRAPHS.
 */

export interface ReportParagraph {
  key: string;
  /** What the paragraph is about, for the page's headings (not part of the prose). */
  heading: string;
  text: string;
}

export interface ReportText {
  /** 2026年上半年 / 2026年第一季度 / 2026年1月1日至3月15日 */
  period: string;
  /** Whose figures these are: 雁山镇, 雁山区委组织部, 雁山区委组织部（柘木镇）. */
  unit: string;
  /** Lines said before the text (townships that sent nothing, counted as 0). */
  notes: string[];
  paragraphs: ReportParagraph[];
}

/** What each paragraph builder is handed: the figures and how to name the period and the place. */
export interface TextContext {
  f: ReportFigures;
  report: Report;
  /** 上半年 / 下半年 / 一季度 / 今年 / 统计期内: how the period opens a sentence. */
  when: string;
  /** 6月30日: the period's last day, for 截至… */
  asOf: string;
  /** 全区 / 全镇 / 全乡 / 全街道 */
  area: string;
  /** The calendar years the period touches: 2026年 or 2025—2026年. */
  years: string;
}

const md = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** How the period is named in a title and how it opens a sentence. */
export function periodWords(from: string, to: string): { period: string; when: string } {
  const y = from.slice(0, 4);
  const sameYear = y === to.slice(0, 4);
  const span = from.slice(5) + '/' + to.slice(5);
  if (sameYear) {
    if (span === '01-01/06-30') return { period: `${y}年上半年`, when: '上半年' };
    if (span === '07-01/12-31') return { period: `${y}年下半年`, when: '下半年' };
    if (span === '01-01/12-31') return { period: `${y}年`, when: '今年以来' };
    const q = ['01-01/03-31', '04-01/06-30', '07-01/09-30', '10-01/12-31'].indexOf(span);
    if (q >= 0) return { period: `${y}年第${'一二三四'[q]}季度`, when: `${'一二三四'[q]}季度` };
  }
  return { period: `${y}年${md(from)}至${sameYear ? '' : `${to.slice(0, 4)}年`}${md(to)}`, when: '统计期内' };
}

function areaOf(r: Report, scope: ReportScopeFigures): string {
  if (r.role === 'district' && scope.code === null) return '全区';
  const name = scope.code === null ? r.unitName : scope.name;
  return name.endsWith('街道') ? '全街道' : name.endsWith('乡') ? '全乡' : name.endsWith('镇') ? '全镇' : '全乡镇';
}

/** 万元 in prose: two decimals as on the page, without a bare ".00". */
export const wanText = (fen: number) => `${fenToWanShown(fen).replace(/\.00$/, '')}万元`;

/** "第一书记2名、工作队长0名、工作队员1名" over a fixed list of keys, every one named. */
export const listed = (keys: readonly string[], counts: Record<string, number>, unit: string) => keys.map((k) => `${k}${counts[k] ?? 0}${unit}`).join('、');

/** The same over whatever keys have a count, largest first; null when there are none. */
function nonZero(counts: Record<string, number>, unit: string): string | null {
  const parts = Object.entries(counts).filter(([, n]) => n > 0);
  return parts.length ? parts.map(([k, n]) => `${k}${n}${unit}`).join('、') : null;
}

function cadresParagraph({ f, when, asOf }: TextContext): ReportParagraph {
  const c = f.cadres;
  const w = f.workLogs;
  const text =
    `${when}，选派${c.sent}名干部到村任第一书记、驻村工作队队员（${listed(CADRE_ROLES, c.sentByRole, '名')}，其中35岁以下年轻干部${c.youngSent}名），` +
    `其中增派乡村振兴重点村驻村第一书记${c.keyVillageFirstSecretaries}名、易地安置社区工作队员${c.relocationTeamMembers}名；` +
    `调整工作队员${c.adjusted}名（${listed(POSTING_END_STATUSES, c.adjustedByStatus, '名')}）。` +
    `截至${asOf}，在岗驻村干部${c.inPost}名，其中${listed(CADRE_ROLES, c.inPostByRole, '名')}；按派出单位层级，${listed(UNIT_LEVELS, c.inPostByUnitLevel, '名')}。` +
    `构建“常态督查、季度考评、年终考核、人人建台帐”工作模式，开展督查${c.inspections}次，发现不在岗${c.foundAbsent}人次（${c.absentCadres}人）；` +
    `季度考评${listed(EVALUATION_RESULTS, c.evaluations, '人次')}；年终考核${listed(ASSESSMENT_RESULTS, c.assessments, '人')}。` +
    `${w.cadresLogging}名驻村干部记录驻村日志${w.logDays}天，其中在村${w.daysInVillage}天，走访农户${w.householdsVisited}户次。`;
  return { key: 'cadres', heading: '驻村干部', text };
}

function floatingParagraph({ f, when, asOf, report }: TextContext): ReportParagraph {
  const m = f.floating;
  const where = nonZero(m.byProvince, '名');
  const text =
    `加大对流动党员管理，推动乡镇（街道）和村（社区）全部建立流动党员名册，截至${asOf}，在册流动党员${m.onRoster}名，分布在${m.villagesWithRoster}个村（社区），` +
    `其中${listed(FLOAT_REASONS, m.byReason, '名')}${where ? `；主要流入地为${where}` : ''}。` +
    `建立由村“两委”干部与流动党员“一对一”联系服务机制，${m.withContactCadre}名流动党员明确了一对一联系人，近${report.contactIntervalDays}天内已联系${m.contactedInInterval}名；` +
    `${when}记录联系${m.contactRecords}次，返回${m.returned}名，组织关系转出${m.transferredOut}名。`;
  return { key: 'floating', heading: '流动党员', text };
}

function projectsParagraph({ f, area, years, report }: TextContext): ReportParagraph {
  const p = f.projects;
  const kinds = nonZero(p.byCategory, '个');
  const sources = FUNDING_SOURCES.map((s) => `${s.label}${wanText(p.investment[s.key])}`).join('、');
  const text =
    `推动“一村一项目”工作落实落地，${area}在册村级集体经济项目${p.projects}个，其中${listed(PROJECT_STATUSES, p.byStatus, '个')}` +
    `${kinds ? `，按类别${kinds}` : ''}；总投资${wanText(p.investment.total)}，其中${sources}，带动${p.households}户。` +
    `${years}项目收益${wanText(p.projectIncome)}，村级集体经济收入${wanText(p.villageIncome)}。` +
    `按${report.coverageYear}年度统计，${p.villages}个村（社区）中${p.coveredVillages}个已有项目，${p.uncoveredVillages}个尚无项目。`;
  return { key: 'projects', heading: '一村一项目', text };
}

function partyDevParagraph({ f, when, asOf, area }: TextContext): ReportParagraph {
  const d = f.partyDev;
  const m = d.measures as Record<string, number>;
  const all = d.villages > 0 && d.villagesWithTwo === d.villages;
  const twoEach = all
    ? `实现每个村（社区）至少培养2名入党积极分子`
    : `${d.villages}个村（社区）中${d.villagesWithTwo}个已培养2名以上入党积极分子、${d.villages - d.villagesWithTwo}个尚不足2名`;
  const text =
    `聚焦重点群体和薄弱领域发展党员工作，${when}确定入党积极分子${d.newActivists}名，发展党员${d.newProbationers}名，预备党员转正${d.newFullMembers}名；` +
    `${area}${twoEach}，截至${asOf}入党积极分子库存${d.activists}名。` +
    `强化农村发展党员管理，开展农村发展党员违规违纪问题排查整顿，认定存在违规违纪问题${d.casesFound}人。` +
    `对存在违规违纪问题发展入党对象从确定为发展对象起重新履行入党手续${m[MEASURES[0]] ?? 0}人，重新讨论预备党员转正事宜${m[MEASURES[1]] ?? 0}人，` +
    `${MEASURES.slice(2).map((k) => `${k}${m[k] ?? 0}人`).join('，')}。`;
  return { key: 'partyDev', heading: '发展党员', text };
}

function starsParagraph({ f, report }: TextContext): ReportParagraph {
  const s = f.stars;
  const year = report.to.slice(0, 4);
  const text =
    `深入实施基层党组织星级化管理，推动后进赶先进、中间争先进、先进更前进，全面提升农村基层党建工作质量，` +
    `新增五星级农村党组织${s.newFive}个、四星级${s.newFour}个、三星级${s.newThree}个。` +
    `${year}年度评定星级的村（社区）党组织${s.rated}个，其中${[...STAR_LABELS].reverse().map((l) => `${l}级${s.byStars[l] ?? 0}个`).join('、')}，` +
    `一星级${s.weak}个按软弱涣散党组织整顿；三星级及以下党组织列出整改事项${s.rectifications}项，已完成${s.rectified}项。`;
  return { key: 'stars', heading: '评星定级', text };
}

/** The paragraphs in the order of the report's sections; a register adds its builder here. */
export const PARAGRAPHS: readonly ((ctx: TextContext) => ReportParagraph | null)[] = [cadresParagraph, floatingParagraph, projectsParagraph, partyDevParagraph, starsParagraph];

/** The scope a text speaks for: 合计 in a district, else the report's only scope. */
const textScope = (r: Report): ReportScopeFigures => r.scopes.find((s) => s.code === null) ?? r.scopes[0]!;

export function reportText(r: Report): ReportText {
  const scope = textScope(r);
  const { period, when } = periodWords(r.from, r.to);
  const fromYear = r.from.slice(0, 4);
  const toYear = r.to.slice(0, 4);
  const ctx: TextContext = {
    f: scope.figures,
    report: r,
    when,
    asOf: md(r.to),
    area: areaOf(r, scope),
    years: fromYear === toYear ? `${toYear}年` : `${fromYear}—${toYear}年`,
  };
  const unsent = r.scopes.filter((s) => s.data && !s.data.sent).map((s) => s.name);
  const unit = r.role === 'district' && scope.code !== null ? `${r.unitName}（${scope.name}）` : r.unitName;
  return {
    period,
    unit,
    notes: unsent.length ? [`${unsent.join('、')}尚未报送数据，按 0 计入。`] : [],
    paragraphs: PARAGRAPHS.map((p) => p(ctx)).filter((p): p is ReportParagraph => p !== null),
  };
}

/** The text as `report --text` prints it and the page copies it: a title line, then one paragraph a line. */
export function reportTextPlain(t: ReportText): string {
  return [`${t.unit}${t.period}工作情况（文字稿）`, ...t.notes.map((n) => `注：${n}`), ...t.paragraphs.map((p) => p.text)].join('\n');
}
