/** Value lists and pure date helpers of the resident-cadre register, shared with the renderer. */

export const CADRE_ROLES = ['第一书记', '工作队长', '工作队员'] as const;
export type CadreRole = (typeof CADRE_ROLES)[number];

export const POSTING_STATUSES = ['在岗', '期满轮换', '召回调整', '其他'] as const;
/** How a posting can end; 在岗 is the only open state. */
export const POSTING_END_STATUSES = ['期满轮换', '召回调整', '其他'] as const;
/** The list's status filter: a posting status, or no posting at all. */
export const CADRE_LIST_STATUSES = [...POSTING_STATUSES, '未派驻'] as const;

export const UNIT_LEVELS = ['中直', '区直', '市直', '县区直', '乡镇'] as const;

export const WORK_KINDS = ['走访农户', '召开会议', '项目推进', '矛盾调解', '政策宣传', '其他'] as const;

export const EVALUATION_RESULTS = ['好', '较好', '一般', '差'] as const;
export const ASSESSMENT_RESULTS = ['优秀', '称职', '基本称职', '不称职'] as const;

/** First and last day of the calendar month of YYYY-MM. */
export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}` };
}

/** YYYY-MM of the month `n` months after `month` (negative goes back). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * Every month a cadre was posted in, up to `today`'s month (an open posting runs to today), in
 * order: the ledger lists each of them, also the months with no log at all, which are the ones
 * a clerk most needs to see.
 */
export function postingMonths(postings: readonly { startDate: string; actualEnd: string | null }[], today: string): string[] {
  const months = new Set<string>();
  const now = today.slice(0, 7);
  for (const p of postings) {
    const end = (p.actualEnd ?? today).slice(0, 7);
    const last = end < now ? end : now;
    for (let m = p.startDate.slice(0, 7); m <= last; m = addMonths(m, 1)) months.add(m);
  }
  return [...months].sort();
}

/** Quarter (1-4) of a YYYY-MM-DD day. */
export function quarterOf(day: string): number {
  return Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
}

/** A quarter's first and last day. */
export function quarterDays(year: number, quarter: number): [string, string] {
  const first = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
  return [first, `${year}-${['03-31', '06-30', '09-30', '12-31'][quarter - 1]}`];
}

/** Days of `month` inside the postings' spans (an open posting runs to the month's end). */
export function postedDays(month: string, postings: { startDate: string; actualEnd: string | null }[]): number {
  const { first, last } = monthBounds(month);
  let days = 0;
  for (const p of postings) {
    const from = p.startDate > first ? p.startDate : first;
    const to = p.actualEnd && p.actualEnd < last ? p.actualEnd : last;
    if (from <= to) days += Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  }
  return days;
}

/**
 * The month's requirement: the threshold in proportion to the days posted that month (a cadre
 * posted on the 21st owes a third of it), rounded to the nearest day. Integer arithmetic, so
 * the list's SQL filter computes exactly the same number.
 */
export function requiredDays(month: string, threshold: number, posted: number): number {
  const monthDays = Number(monthBounds(month).last.slice(8));
  return Math.floor((threshold * Math.min(posted, monthDays) + Math.floor(monthDays / 2)) / monthDays);
}

/** Days of `month` still to come after `today`: 0 for a past month, the whole month for a future one. */
export function daysLeft(month: string, today: string): number {
  const monthDays = Number(monthBounds(month).last.slice(8));
  const thisMonth = today.slice(0, 7);
  if (month < thisMonth) return 0;
  if (month > thisMonth) return monthDays;
  return monthDays - Number(today.slice(8));
}

/**
 * The fewest in-village days that month still counts as short, given `today`. A past month is
 * judged against the whole requirement; the current month only once the days left can no longer
 * make it up (so a clerk is not shown everyone as short on the 3rd); a future month never.
 */
export function attendanceBar(month: string, today: string, required: number): number {
  return Math.max(0, required - daysLeft(month, today));
}

/** 达标 / 未达标, or 进行中 for a current month that can still reach its requirement. */
export function attendanceLabel(m: { inVillage: number; required: number; belowThreshold: boolean }): '达标' | '未达标' | '进行中' {
  if (m.belowThreshold) return '未达标';
  return m.inVillage >= m.required ? '达标' : '进行中';
}
