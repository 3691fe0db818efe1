/**
 * Party-member development (发展党员): stages, the time rules as data, and the deadlines they
 * give. Pure functions shared by the service, the dashboard and the renderer; the rules come
 * from the dev_rules table (db/partyDev.ts), each with its effective date, and a step is always
 * judged by the rule in force on that step's own date (a rule changed later applies to later
 * steps only).
 */
import { addDays } from './dates';

export const DEV_STAGES = ['入党申请人', '入党积极分子', '发展对象', '预备党员', '正式党员'] as const;
export type DevStage = (typeof DEV_STAGES)[number];
export const ACTIVIST_WAYS = ['党员推荐', '群团组织推优'] as const;
export const EXIT_KINDS = ['本人撤回申请', '不予接收', '取消预备党员资格', '其他'] as const;
export const ASSESSMENT_KINDS = ['培训', '考察'] as const;
export const MEASURES = ['重新履行入党手续', '重新讨论预备党员转正', '提醒谈话', '警示谈话', '严重警告', '撤销党内职务'] as const;
export type Measure = (typeof MEASURES)[number];

/** Every rule the app applies, with what a clerk calls it and the range a value may take. */
export const RULES = {
  talk_months: { label: '收到入党申请后谈话期限', unit: '个月', min: 1, max: 12 },
  activist_months: { label: '入党积极分子培养考察至少', unit: '个月', min: 1, max: 36 },
  publicity_workdays: { label: '公示至少（0为不要求公示）', unit: '个工作日', min: 0, max: 30 },
  approval_months: { label: '乡镇党委审批期限', unit: '个月', min: 1, max: 12 },
  approval_max_months: { label: '特殊情况审批最长', unit: '个月', min: 1, max: 24 },
  probation_months: { label: '预备期', unit: '个月', min: 6, max: 24 },
  extension_min_months: { label: '延长预备期至少', unit: '个月', min: 1, max: 24 },
  extension_max_months: { label: '延长预备期最多', unit: '个月', min: 1, max: 24 },
} as const;
export type RuleKey = keyof typeof RULES;
export const RULE_KEYS = Object.keys(RULES) as RuleKey[];

export interface RuleVersion {
  key: RuleKey;
  value: number;
  /** First day the value applies to a step (YYYY-MM-DD). */
  effectiveFrom: string;
  source: string;
}

/**
 * The value of `key` for a step taken on `day`: the version with the latest effective date on or
 * before that day. A step older than every version (a record from before 2014) is judged by the
 * earliest version, the 2014 default, rather than by none.
 */
export function ruleAt(rules: readonly RuleVersion[], key: RuleKey, day: string): number {
  let best: RuleVersion | undefined;
  let earliest: RuleVersion | undefined;
  for (const r of rules) {
    if (r.key !== key) continue;
    if (!earliest || r.effectiveFrom < earliest.effectiveFrom) earliest = r;
    if (r.effectiveFrom <= day && (!best || r.effectiveFrom > best.effectiveFrom)) best = r;
  }
  const chosen = best ?? earliest;
  if (!chosen) throw new Error(`no rule ${key}`);
  return chosen.value;
}

/**
 * `day` plus `months` calendar months; a day the shorter month lacks becomes its last day
 * (2026-01-31 + 1 month = 2026-02-28), as a clerk counts "within one month".
 */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Monday to Friday. Public holidays and their make-up Saturdays are not known to the app. */
export function isWorkday(day: string): boolean {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/** Working days from `start` to `end`, both counted. */
export function workdaysBetween(start: string, end: string): number {
  let n = 0;
  for (let d = start; d <= end; d = addDays(d, 1)) if (isWorkday(d)) n++;
  return n;
}

/** The last day of a 公示 of `n` working days starting on `start` (the first working day counts). */
export function publicityEnd(start: string, n: number): string {
  let d = start;
  while (!isWorkday(d)) d = addDays(d, 1);
  for (let left = n - 1; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkday(d)) left--;
  }
  return d;
}

/** The step dates and people of one person in the pipeline, as stored. */
export interface DevSteps {
  application_date: string;
  talk_date: string | null;
  activist_date: string | null;
  candidate_date: string | null;
  publicity_start: string | null;
  publicity_end: string | null;
  accept_date: string | null;
  approval_date: string | null;
  extension_date: string | null;
  extension_months: number | null;
  full_approval_date: string | null;
  exit_date: string | null;
}

/** The stage reached: the last step taken (exit leaves the stage as it was, with exit_date set). */
export function stageOf(s: Pick<DevSteps, 'activist_date' | 'candidate_date' | 'approval_date' | 'full_approval_date'>): DevStage {
  if (s.full_approval_date) return '正式党员';
  if (s.approval_date) return '预备党员';
  if (s.candidate_date) return '发展对象';
  if (s.activist_date) return '入党积极分子';
  return '入党申请人';
}

/** The steps in the order they are taken; a later step needs every earlier one of the list. */
const ORDER: readonly [keyof DevSteps, string][] = [
  ['application_date', '入党申请'],
  ['talk_date', '谈话'],
  ['activist_date', '确定为入党积极分子'],
  ['candidate_date', '确定为发展对象'],
  ['accept_date', '支部大会讨论接收'],
  ['approval_date', '乡镇党委审批'],
  ['full_approval_date', '转正审批'],
];

/** The deadlines that follow from the steps taken and the rules in force on their dates. */
export interface DevDeadlines {
  /** Last day for the talk with the applicant. */
  talkDue: string;
  /** First day the activist may be determined as 发展对象 (after the minimum training time). */
  candidateFrom: string | null;
  /** Last day of a 公示 of the required working days, from its start; null when none required or not started. */
  publicityDue: string | null;
  /** Township approval: normal deadline and the furthest one allowed. */
  approvalDue: string | null;
  approvalMax: string | null;
  /** The day the probation ends (one year from the 支部大会, plus any extension). */
  probationEnd: string | null;
}

export function deadlines(s: DevSteps, rules: readonly RuleVersion[]): DevDeadlines {
  const r = (key: RuleKey, day: string) => ruleAt(rules, key, day);
  const pub = s.publicity_start ? r('publicity_workdays', s.publicity_start) : 0;
  let probationEnd: string | null = null;
  if (s.accept_date) {
    probationEnd = addMonths(s.accept_date, r('probation_months', s.accept_date));
    if (s.extension_months) probationEnd = addMonths(probationEnd, s.extension_months);
  }
  return {
    talkDue: addMonths(s.application_date, r('talk_months', s.application_date)),
    candidateFrom: s.activist_date ? addMonths(s.activist_date, r('activist_months', s.activist_date)) : null,
    publicityDue: s.publicity_start && pub > 0 ? publicityEnd(s.publicity_start, pub) : null,
    approvalDue: s.accept_date ? addMonths(s.accept_date, r('approval_months', s.accept_date)) : null,
    approvalMax: s.accept_date ? addMonths(s.accept_date, r('approval_max_months', s.accept_date)) : null,
    probationEnd,
  };
}

/**
 * Why the recorded steps break the order or the time rules, one sentence each (empty when they
 * keep them). Dates out of order and an extension outside the rule are refused by the service;
 * the time rules are reported, not refused: a register has to record what happened, and a
 * breach is what the 排查整顿 review looks for.
 */
export function orderProblems(s: DevSteps, rules: readonly RuleVersion[]): string[] {
  const out: string[] = [];
  let prev: [string, string] | null = null;
  for (const [k, label] of ORDER) {
    const v = s[k] as string | null;
    if (!v) continue;
    if (prev && v < prev[1]) out.push(`${label}日期不能早于${prev[0]}日期（${prev[1]}）`);
    prev = [label, v];
  }
  const firstMissing = ORDER.findIndex(([k]) => !s[k]);
  if (firstMissing >= 0) {
    const later = ORDER.slice(firstMissing + 1).find(([k]) => s[k]);
    if (later) out.push(`已填写${later[1]}日期，但尚未填写${ORDER[firstMissing]![1]}日期`);
  }
  if (s.publicity_start && s.publicity_end && s.publicity_end < s.publicity_start) out.push('公示结束日期不能早于开始日期');
  if ((s.extension_date === null) !== (s.extension_months === null)) out.push('延长预备期须同时填写决定日期和延长月数');
  if (s.extension_date && s.extension_months) {
    if (!s.approval_date) out.push('尚未审批为预备党员，不能延长预备期');
    const min = ruleAt(rules, 'extension_min_months', s.extension_date);
    const max = ruleAt(rules, 'extension_max_months', s.extension_date);
    if (s.extension_months < min || s.extension_months > max) out.push(`延长预备期应为${min}至${max}个月（只能延长一次）`);
  }
  if (s.exit_date && s.exit_date < s.application_date) out.push('退出日期不能早于入党申请日期');
  return out;
}

/** Time rules the recorded steps did not keep (reported beside the person, never refused). */
export function ruleBreaches(s: DevSteps, rules: readonly RuleVersion[]): string[] {
  const d = deadlines(s, rules);
  const out: string[] = [];
  if (s.talk_date && s.talk_date > d.talkDue) out.push(`谈话晚于期限（应在${d.talkDue}前）`);
  if (s.candidate_date && d.candidateFrom && s.candidate_date < d.candidateFrom) out.push(`培养考察不足规定时间即确定为发展对象（应在${d.candidateFrom}及以后）`);
  if (d.publicityDue && s.publicity_end && s.publicity_end < d.publicityDue) out.push(`公示不足规定工作日（应至${d.publicityDue}）`);
  if (s.approval_date && d.approvalMax && s.approval_date > d.approvalMax) out.push(`审批超过最长期限（${d.approvalMax}）`);
  return out;
}

export type DevAlertKind = 'talk_overdue' | 'eligible' | 'approval_overdue' | 'probation_ending';

export const ALERT_LABELS: Record<DevAlertKind, string> = {
  talk_overdue: '谈话逾期',
  eligible: '可确定为发展对象',
  approval_overdue: '审批逾期',
  probation_ending: '预备期将满（30天内）',
};

/**
 * The 首页 alerts of one person still in the pipeline on `today`:
 *  - talk_overdue: no talk recorded and today is after the talk deadline;
 *  - eligible: an activist (not yet 发展对象) whose minimum training time has run by today;
 *  - approval_overdue: accepted by the 支部大会, not approved, and today is after the normal deadline;
 *  - probation_ending: a 预备党员 not yet approved as full member whose probation ends within
 *    30 days of today (or has ended already).
 * A person who left the pipeline has none.
 */
export function alertsOf(s: DevSteps, rules: readonly RuleVersion[], today: string): DevAlertKind[] {
  if (s.exit_date) return [];
  const d = deadlines(s, rules);
  const out: DevAlertKind[] = [];
  if (!s.talk_date && today > d.talkDue) out.push('talk_overdue');
  if (s.activist_date && !s.candidate_date && d.candidateFrom && today >= d.candidateFrom) out.push('eligible');
  if (s.accept_date && !s.approval_date && d.approvalDue && today > d.approvalDue) out.push('approval_overdue');
  if (s.approval_date && !s.full_approval_date && d.probationEnd && d.probationEnd <= addDays(today, 30)) out.push('probation_ending');
  return out;
}

/** The report's target: at least this many activists in every village (community). */
export const MIN_ACTIVISTS = 2;
