/** Mainland mobile numbers: 11 digits starting 13-19, optionally written with +86, spaces or dashes. */
export function normalizeMobile(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\-－]/g, '')
    .replace(/^(\+|＋)?86(?=1\d{10}$)/, '');
}

export function isMobile(v: string): boolean {
  return /^1[3-9]\d{9}$/.test(v);
}

/** 138****1234 */
export function maskMobile(v: string | null | undefined): string {
  if (!v) return '';
  return v.length === 11 ? `${v.slice(0, 3)}****${v.slice(7)}` : '*'.repeat(v.length);
}
