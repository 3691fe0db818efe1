/** Dates are ISO strings: YYYY-MM-DD for days, UTC ISO for timestamps. Pure helpers. */
import { halfWidth } from './text';

export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100) return false;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** The local calendar day of a Date as YYYY-MM-DD (clerks think in local days, not UTC). */
export function localDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Days from a to b (b - a) for YYYY-MM-DD strings. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** How long ago a day was, as a clerk says it: 今天, 昨天, 3 天前 (never "0 天前"). */
export function daysAgoText(days: number): string {
  if (days <= 0) return '今天';
  if (days === 1) return '昨天';
  return `${days} 天前`;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export type DateText = { ok: true; value: string; monthOnly: boolean } | { ok: false; message: string };

/**
 * A date as clerks type it, in forms and in spreadsheet cells alike: 2026-03-05, 2026-3-5,
 * 2026/3/5, 2026.3.5, 20260305, 2026年3月5日, full-width digits too. Month-only spellings
 * (2026.03, 2026年3月, 202603) are the first of the month, and only where the field allows a
 * month: a day field refuses them rather than invent the day. Empty text is null (no date).
 */
export function parseDateText(text: string, opts: { allowMonth?: boolean } = {}): DateText | null {
  const t = halfWidth(text).replace(/\s/g, '');
  if (!t) return null;
  const example = opts.allowMonth ? '如 1985-03-01、1985.03、1985年3月' : '如 2026-03-05、2026.3.5、2026年3月5日';
  const m =
    /^(\d{4})[.\-/年](\d{1,2})(?:[.\-/月](\d{1,2})日?|月)?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})?$/.exec(t);
  if (!m) return { ok: false, message: `“${text.trim()}”不是可识别的日期（${example}）` };
  const monthOnly = m[3] === undefined;
  if (monthOnly && !opts.allowMonth) return { ok: false, message: `“${text.trim()}”缺少日，请填写到日（${example}）` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), monthOnly ? 1 : Number(m[3])];
  const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (!isCalendarDate(iso)) return { ok: false, message: `“${text.trim()}”不是有效日期` };
  return { ok: true, value: iso, monthOnly };
}
