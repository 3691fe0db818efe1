/**
 * Resident ID numbers (GB 11643-1999): 17 digits + a check character computed with ISO 7064
 * MOD 11-2. Pure functions, shared by the main process, the seeder and the renderer.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';
/** First two digits: province-level division codes in use. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
  71, 81, 82, 83,
]);

export function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Full-width digits and X, spaces, lowercase x: what clerks paste from Word and Excel. */
export function normalizeIdNumber(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\uFF38\uFF58xX]/g, 'X')
    .replace(/[\s\u3000]/g, '');
}

export type IdCheck =
  | { ok: true; value: string; birthDate: string; gender: '男' | '女' }
  | { ok: false; message: string };

function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** `today` as YYYY-MM-DD, so a birth date in the future is refused. */
export function checkIdNumber(raw: string, today = new Date().toISOString().slice(0, 10)): IdCheck {
  const v = normalizeIdNumber(raw);
  if (/^\d{15}$/.test(v)) return { ok: false, message: '这是15位旧身份证号，请填写18位身份证号' };
  if (v.length !== 18) return { ok: false, message: `身份证号应为18位，当前为${v.length}位` };
  if (!/^\d{17}[\dX]$/.test(v)) return { ok: false, message: '身份证号前17位应为数字，最后一位为数字或X' };
  if (!PROVINCES.has(Number(v.slice(0, 2)))) return { ok: false, message: '身份证号前两位不是有效的省级行政区划代码' };
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const birthDate = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (y < 1900 || !validDate(y, m, d) || birthDate > today) return { ok: false, message: '身份证号中的出生日期无效' };
  if (checkChar(v.slice(0, 17)) !== v[17]) return { ok: false, message: '身份证号校验位不正确，请逐位核对' };
  return { ok: true, value: v, birthDate, gender: Number(v[16]) % 2 === 1 ? '男' : '女' };
}

/** 450302********1234: the form lists and reports show. */
export function maskIdNumber(v: string | null | undefined): string {
  if (!v) return '';
  if (v.length < 10) return '*'.repeat(v.length);
  return v.slice(0, 6) + '*'.repeat(v.length - 10) + v.slice(-4);
}
