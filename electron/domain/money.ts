import { halfWidth } from './text';

/**
 * Money is kept as integer fen (分). Clerks type 万元 with up to 6 decimals (1 万元 =
 * 1,000,000 分), so parsing is done on the digits, never through floating point.
 */
export const FEN_PER_WAN = 1_000_000;
const MAX_WAN_DIGITS = 9; // up to 999,999,999 万元 stays below 2^53 fen

export type MoneyParse = { ok: true; fen: number } | { ok: false; message: string };

export function parseWanToFen(raw: string): MoneyParse {
  // Full-width digits, point and commas read as their half-width selves. A comma only groups
  // thousands: "12,5" meant 12.5 (a decimal comma) and used to be read as 125 万元.
  const t = halfWidth(raw).replace(/\s/g, '');
  if (t.includes(',') && !/^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/.test(t)) {
    return { ok: false, message: '金额中的逗号只能用作千位分隔（如 1,234.5），小数点请用“.”' };
  }
  const s = t.replace(/,/g, '');
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return { ok: false, message: '金额应为数字（单位：万元），如 12.5' };
  const int = m[1]!.replace(/^0+(?=\d)/, '');
  const frac = m[2] ?? '';
  if (int.length > MAX_WAN_DIGITS) return { ok: false, message: '金额过大' };
  if (frac.length > 6) return { ok: false, message: '金额最多保留6位小数（精确到分）' };
  return { ok: true, fen: Number(int) * FEN_PER_WAN + Number(frac.padEnd(6, '0')) };
}

/** 1234567 fen -> "1.234567"; trailing zeros dropped, optional thousands separators. */
export function fenToWan(fen: number, opts: { grouped?: boolean } = {}): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError('fen must be a safe integer');
  const neg = fen < 0;
  const abs = Math.abs(fen);
  let int = String(Math.floor(abs / FEN_PER_WAN));
  const frac = String(abs % FEN_PER_WAN).padStart(6, '0').replace(/0+$/, '');
  if (opts.grouped) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + int + (frac ? '.' + frac : '');
}

/**
 * 万元 as people read it on screen and paper: two decimals (to the hundred yuan), rounded half
 * up, grouped. The exact fen stay underneath (the workbook keeps exact values).
 */
export function fenToWanShown(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError('fen must be a safe integer');
  const abs = Math.abs(fen);
  const hundredths = Math.floor(abs / 10_000) + (abs % 10_000 >= 5_000 ? 1 : 0);
  const int = String(Math.floor(hundredths / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 && hundredths > 0 ? '-' : ''}${int}.${String(hundredths % 100).padStart(2, '0')}`;
}
