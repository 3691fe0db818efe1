/**
 * The little XML the workbook reader needs (bookXml.ts, sheetXml.ts): tags, attributes, text and entities,
 * over a part already inflated within the precheck's bounds. One regular expression walks the
 * tags (V8 runs it as native code), so a 20,000-row sheet is read in a fraction of what a
 * general SAX parser building objects per node takes.
 */

/** A part that is no XML a workbook holds (a bad character reference, markup that never closes). */
export class BadXml extends Error {}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|([a-zA-Z]+));/g;

function codePoint(n: number): string {
  if (!(n >= 0 && n <= 0x10ffff)) throw new BadXml('character reference out of range');
  return String.fromCodePoint(n);
}

/** Text or an attribute value as an XML parser hands it over (entities replaced). */
export function decodeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec) return codePoint(Number(dec));
    if (hex) return codePoint(parseInt(hex, 16));
    const named = NAMED[name!];
    if (named === undefined) throw new BadXml(`unknown entity ${m}`);
    return named;
  });
}

const ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of a tag's opening (the text between its name and `>`), values decoded. */
export function attrsOf(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(raw); m; m = ATTR.exec(raw)) out[m[1]!] = decodeXml(m[2] ?? m[3] ?? '');
  return out;
}

const isSpace = (ch: number) => ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d;

/** One attribute, without building the others (the sheet's cells have a few each). */
export function attrOf(raw: string, name: string): string | undefined {
  for (let at = raw.indexOf(name); at >= 0; at = raw.indexOf(name, at + 1)) {
    // The name must stand alone: after whitespace, before optional whitespace and `=`.
    if (at > 0 && !isSpace(raw.charCodeAt(at - 1))) continue;
    let i = at + name.length;
    while (isSpace(raw.charCodeAt(i))) i++;
    if (raw.charCodeAt(i) !== 0x3d) continue;
    i++;
    while (isSpace(raw.charCodeAt(i))) i++;
    const q = raw[i];
    if (q !== '"' && q !== "'") continue;
    const end = raw.indexOf(q, i + 1);
    if (end < 0) return undefined;
    return decodeXml(raw.slice(i + 1, end));
  }
  return undefined;
}

/**
 * Markup, in document order: comments, processing instructions and the doctype are passed over,
 * CDATA is text. Groups: 1 CDATA text, 2 '/' of a closing tag, 3 name, 4 attributes, 5 '/' of a
 * self-closing tag.
 */
const MARKUP = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([^\s/<>!?]+)((?:[^<>"'/]|\/(?!>)|"[^"]*"|'[^']*')*)(\/?)>/g;

export interface XmlHandler {
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Text between two tags (entities not yet replaced: most text is never looked at). */
  text?(raw: string, cdata: boolean): void;
}

/** Walks `xml`'s tags (and, with `text`, its text) in order. */
export function walkXml(xml: string, h: XmlHandler): void {
  MARKUP.lastIndex = 0;
  let last = 0;
  const text = h.text;
  for (let m = MARKUP.exec(xml); m; m = MARKUP.exec(xml)) {
    // A `<` the expression passed over is markup that never closed.
    if (xml.indexOf('<', last) !== m.index) throw new BadXml('unterminated markup');
    if (text && m.index > last) text(xml.slice(last, m.index), false);
    last = MARKUP.lastIndex;
    if (m[3] !== undefined) {
      if (m[2]) h.close(m[3]);
      else {
        h.open(m[3], m[4]!, m[5] === '/');
        if (m[5] === '/') h.close(m[3]);
      }
    } else if (m[1] !== undefined && text) text(m[1], true);
  }
  const rest = xml.slice(last);
  if (rest.includes('<')) throw new BadXml('unterminated markup');
  if (text && rest) text(rest, false);
}

/** A part's bytes as text (UTF-8, as Excel writes them), without a byte-order mark. */
export const xmlText = (buf: Buffer | undefined): string => (buf ? buf.toString('utf8').replace(/^\uFEFF/, '') : '');
