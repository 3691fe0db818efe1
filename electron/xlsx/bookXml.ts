import type { Parts } from './precheck';
import { sheetGrid, unescapeX, Unreadable, type Book, type Grid, type Rich } from './sheetXml';
import { attrOf, attrsOf, BadXml, decodeXml, walkXml, xmlText } from './xml';

/**
 * The workbook around its worksheets, read straight from the XML parts the precheck kept (it has
 * bounded their sizes and counts): the sheets in order with their relationships, the shared
 * strings (rich text as runs, `_xHHHH_` escapes), which cell styles show dates, and the 1904 date
 * system. Each worksheet itself is read by sheetXml.ts when first asked for.
 */

const SHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;
const SHEET_RELS = /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/;
const BOOK = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml']);

/** The parts the reader needs, for the precheck to keep as it inflates them. */
export const readerPart = (name: string): boolean => BOOK.has(name) || SHEET_PART.test(name) || SHEET_RELS.test(name);

interface SheetRef {
  name: string;
  rId: string;
}

function workbookOf(xml: string): { sheets: SheetRef[]; date1904: boolean } {
  const sheets: SheetRef[] = [];
  let date1904 = false;
  walkXml(xml, {
    open(name, raw) {
      if (name === 'workbookPr') date1904 = attrOf(raw, 'date1904') === '1';
      else if (name === 'sheet') {
        const a = attrsOf(raw);
        sheets.push({ name: a.name ?? '', rId: a['r:id'] ?? '' });
      }
    },
    close() {},
  });
  return { sheets, date1904 };
}

function relsOf(xml: string): Map<string, string> {
  const rels = new Map<string, string>();
  walkXml(xml, {
    open(name, raw) {
      if (name !== 'Relationship') return;
      const a = attrsOf(raw);
      if (a.Id !== undefined) rels.set(a.Id, a.Target ?? '');
    },
    close() {},
  });
  return rels;
}

/** Whether a number format shows a date (exceljs's rule: y, m, d, h, s or b outside quotes and brackets). */
const isDateFmt = (fmt: string) => /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
/** Excel's built-in formats that are dates. */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** For each cell style (`s`), whether its number format is a date. */
function dateStylesOf(xml: string): boolean[] {
  const custom = new Map<number, string>();
  const styles: boolean[] = [];
  let inXfs = false;
  walkXml(xml, {
    open(name, raw) {
      if (name === 'numFmt') {
        const a = attrsOf(raw);
        custom.set(parseInt(a.numFmtId ?? '', 10), a.formatCode ?? '');
      } else if (name === 'cellXfs') inXfs = true;
      else if (name === 'xf' && inXfs) {
        const id = parseInt(attrOf(raw, 'numFmtId') ?? '', 10);
        // exceljs: a style without numFmtId (or 0, General) has no number format.
        if (!id) styles.push(false);
        else {
          const fmt = custom.get(id);
          styles.push(fmt !== undefined ? isDateFmt(fmt) : BUILTIN_DATES.has(id));
        }
      }
    },
    close(name) {
      if (name === 'cellXfs') inXfs = false;
    },
  });
  return styles;
}

function sharedStringsOf(xml: string): (string | Rich)[] {
  const out: (string | Rich)[] = [];
  let plain: string | null = null;
  let runs: { text: string }[] | null = null;
  let runText: string | null = null;
  let depthRPh = 0;
  let inRun = false;
  let t: string[] | null = null;
  walkXml(xml, {
    open(name) {
      if (name === 'si') {
        plain = null;
        runs = null;
      } else if (name === 'rPh') depthRPh++;
      else if (name === 'r' && !depthRPh) {
        inRun = true;
        runText = null;
      } else if (name === 't' && !depthRPh) t = [];
    },
    text(raw, cdata) {
      if (t) t.push(cdata ? raw : decodeXml(raw));
    },
    close(name) {
      if (name === 't' && t) {
        const s = unescapeX(t.join(''));
        if (inRun) runText = s;
        else if (!depthRPh) plain = s;
        t = null;
      } else if (name === 'rPh') depthRPh = Math.max(0, depthRPh - 1);
      else if (name === 'r' && inRun) {
        (runs ??= []).push({ text: runText as unknown as string });
        inRun = false;
      } else if (name === 'si') out.push(runs ? { richText: runs } : (plain ?? ''));
    },
  });
  return out;
}

/** The workbook's worksheets in its order, each read when first asked for. */
export function workbookSheets(parts: Parts): (() => Grid)[] {
  try {
    const book = workbookOf(xmlText(parts.get('xl/workbook.xml')));
    const rels = relsOf(xmlText(parts.get('xl/_rels/workbook.xml.rels')));
    const styles = parts.get('xl/styles.xml');
    const strings = parts.get('xl/sharedStrings.xml');
    const shared: Book = {
      strings: strings ? sharedStringsOf(xmlText(strings)) : null,
      dateStyles: styles ? dateStylesOf(xmlText(styles)) : [],
      date1904: book.date1904,
    };
    const out: (() => Grid)[] = [];
    for (const s of book.sheets) {
      const target = rels.get(s.rId);
      if (target === undefined) continue;
      const path = `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
      const part = parts.get(path);
      const no = SHEET_PART.exec(path)?.[1];
      if (!part || no === undefined) continue;
      out.push(() => {
        try {
          return sheetGrid(s.name, xmlText(part), relsOf(xmlText(parts.get(`xl/worksheets/_rels/sheet${no}.xml.rels`))), shared);
        } catch (err) {
          throw err instanceof BadXml || err instanceof RangeError ? new Unreadable(err.message) : err;
        }
      });
    }
    return out;
  } catch (err) {
    throw err instanceof BadXml || err instanceof RangeError ? new Unreadable(err.message) : err;
  }
}
