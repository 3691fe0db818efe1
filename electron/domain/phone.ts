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

/**
 * A phone where a village or unit may answer: a mobile, or a landline with its area code
 * (0773-3581234, 0773 3581234, 07733581234), kept as 0773-3581234. Null when it is neither.
 */
export function normalizePhone(raw: string): string | null {
  const m = normalizeMobile(raw);
  if (isMobile(m)) return m;
  const written = /^(0\d{2,3})[\s\-－]+(\d{7,8})$/.exec(raw.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim());
  if (written) return `${written[1]}-${written[2]}`;
  // Without a separator: 010 and 02x are the three-digit area codes, all others have four.
  const land = /^(010|02\d|0[3-9]\d{2})(\d{7,8})$/.exec(m);
  return land ? `${land[1]}-${land[2]}` : null;
}

/** 138****1234, 0773-***1234 */
export function maskMobile(v: string | null | undefined): string {
  if (!v) return '';
  const land = /^(0\d{2,3}-)\d+(\d{4})$/.exec(v);
  if (land) return `${land[1]}***${land[2]}`;
  return v.length === 11 ? `${v.slice(0, 3)}****${v.slice(7)}` : '*'.repeat(v.length);
}
