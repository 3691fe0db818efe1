/** Full-width ASCII (Ａ１，) to half-width, ideographic and no-break spaces to spaces. */
export function halfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\u3000\u00A0]/g, ' ');
}
