import type ExcelJS from 'exceljs';
import { attrOf, attrsOf, decodeXml, walkXml } from './xml';

/**
 * One worksheet read straight from its XML (issue 16 item 5: loading the workbook with exceljs
 * was the largest part of a 20,000-row check), giving each cell the value exceljs gives it, so
 * read.ts treats both alike (tests/unit/xlsxReader.test.ts holds them side by side): shared and
 * inline strings (rich text as runs), numbers, booleans, error values, formulas with their cached
 * result, numbers under a date format as dates (1900 and 1904 date systems), hyperlinked cells as
 * their text, merged ranges. The workbook-wide parts it needs (shared strings, which styles show
 * dates, the date system) come read by bookXml.ts. What the precheck cannot bound (merged ranges)
 * is bounded here. A sheet exceljs could not load (a shared string that does not exist,
 * overlapping merged ranges, a hyperlink to no relationship) is refused the same way.
 */

export interface Grid {
  name: string;
  /** The last row and column holding a cell or a merged range (bounds of the header search). */
  rowCount: number;
  columnCount: number;
  /** Rows holding a cell that is not empty, or a merged range, ascending. */
  rows: number[];
  value(r: number, c: number): ExcelJS.CellValue;
  /** The top-left cell of the merged range (r, c) lies in, when that is another cell. */
  master(r: number, c: number): { row: number; col: number } | null;
}

/** A workbook that cannot be read as exceljs would read it; `clerk` says why, when not just damage. */
export class Unreadable extends Error {
  constructor(
    message: string,
    readonly clerk?: string,
  ) {
    super(message);
  }
}

/** Cells in merged ranges, all together: a roster merges titles and a few villages. */
export const MAX_MERGED_CELLS = 200_000;
const MAX_COL = 16_384;
const MAX_ROW = 1_048_576;

/** `_x000D_` as Excel escapes characters XML cannot hold (exceljs reads it in shared strings). */
export const unescapeX = (s: string) => (s.includes('_x') ? s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : s);

export type Rich = { richText: { text: string }[] };

/** What a worksheet's cells need from the rest of the workbook (read by bookXml.ts). */
export interface Book {
  strings: (string | Rich)[] | null;
  dateStyles: boolean[];
  date1904: boolean;
}

/**
 * A cell reference (`B12`, `$B$12`) as row and column, within the sheet's bounds. Runs per cell
 * (320,000 in a 20,000-row roster): no closure made per call.
 */
function cellRef(ref: string): { row: number; col: number } {
  let i = 0;
  while (isBlank(ref.charCodeAt(i))) i++;
  if (ref.charCodeAt(i) === 0x24) i++;
  let col = 0;
  let letters = 0;
  for (; ref.charCodeAt(i) >= 65 && ref.charCodeAt(i) <= 90; i++, letters++) col = col * 26 + (ref.charCodeAt(i) - 64);
  if (ref.charCodeAt(i) === 0x24) i++;
  let row = 0;
  let digits = 0;
  for (; ref.charCodeAt(i) >= 48 && ref.charCodeAt(i) <= 57; i++, digits++) row = row * 10 + (ref.charCodeAt(i) - 48);
  while (isBlank(ref.charCodeAt(i))) i++;
  if (i !== ref.length || letters < 1 || letters > 3 || digits < 1 || digits > 7 || col > MAX_COL || row < 1 || row > MAX_ROW) {
    throw new Unreadable(`bad cell reference ${ref}`);
  }
  return { row, col };
}

const isBlank = (ch: number) => ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d;

/** exceljs decodes the entities of a formula's text result a second time. */
const decodeTwice = (s: string) => s.replace(/&([a-z]*);/g, (c, n: string) => ({ lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' })[n] ?? c);

const excelToDate = (v: number, date1904: boolean) => new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

/** One `<c>` as read: its type, style, formula and the texts of its value. */
interface RawC {
  ref: string;
  t: string | undefined;
  s: number;
  formula: string;
  shareType: string | undefined;
  value: string | undefined;
  rich: { text: string }[] | null;
  /** Whether any value text came (exceljs: `model.value !== undefined`). */
}

function cellValue(c: RawC, book: Book): ExcelJS.CellValue | undefined {
  const dated = c.s > 0 && book.dateStyles[c.s] === true;
  const v = c.rich ? ({ richText: c.rich } as Rich) : c.value;
  if (c.formula || c.shareType) {
    let result: unknown;
    if (typeof v === 'string' && v) {
      if (c.t === 'str') result = decodeTwice(v);
      else if (c.t === 'b') result = parseInt(v, 10) !== 0;
      else if (c.t === 'e') result = { error: v };
      else result = parseFloat(v);
      if (dated && (typeof result === 'number' || typeof result === 'boolean')) result = excelToDate(Number(result), book.date1904);
    }
    return { formula: c.formula, result } as ExcelJS.CellValue;
  }
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return v as ExcelJS.CellValue;
  switch (c.t) {
    case 's': {
      const s = book.strings?.[parseInt(v, 10)];
      if (s === undefined) throw new Unreadable(`shared string ${v} missing`);
      return s as ExcelJS.CellValue;
    }
    case 'str':
      return decodeTwice(v);
    case 'inlineStr':
      return v;
    case 'b':
      return parseInt(v, 10) !== 0;
    case 'e':
      return { error: v } as ExcelJS.CellValue;
    default: {
      const n = parseFloat(v);
      return dated ? excelToDate(n, book.date1904) : n;
    }
  }
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function mergeOf(ref: string): Merge {
  const [a, b] = ref.split(':');
  const p = cellRef(a ?? '');
  const q = b === undefined ? p : cellRef(b);
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

/** Reads one worksheet part into a grid. */
export function sheetGrid(name: string, xml: string, rels: Map<string, string>, book: Book): Grid {
  const cells = new Map<number, Map<number, ExcelJS.CellValue>>();
  const present = new Set<number>();
  const merges: Merge[] = [];
  const links = new Set<string>();
  const raws: { row: number; col: number; c: RawC }[] = [];
  let rowNo = 0;
  let colNo = 0;
  let cur: RawC | null = null;
  /** Where text goes: a formula, a value, or a run of inline rich text. */
  let sink: 'f' | 'v' | 'run' | null = null;
  let run: { text: string } | null = null;
  let runT: string[] | null = null;
  let maxRow = 0;
  let maxCol = 0;
  walkXml(xml, {
    open(tag, raw) {
      switch (tag) {
        case 'row': {
          const r = attrOf(raw, 'r');
          rowNo = r === undefined ? rowNo + 1 : Number(r);
          if (!Number.isInteger(rowNo) || rowNo < 1 || rowNo > MAX_ROW) throw new Unreadable(`bad row ${r}`);
          colNo = 0;
          break;
        }
        case 'c': {
          const ref = attrOf(raw, 'r');
          const at = ref === undefined ? { row: rowNo, col: colNo + 1 } : cellRef(ref);
          colNo = at.col;
          const s = attrOf(raw, 's');
          cur = { ref: ref ?? '', t: attrOf(raw, 't'), s: s === undefined ? 0 : parseInt(s, 10) || 0, formula: '', shareType: undefined, value: undefined, rich: null };
          raws.push({ row: rowNo, col: at.col, c: cur });
          break;
        }
        case 'f':
          if (cur) {
            cur.shareType = attrOf(raw, 't');
            sink = 'f';
          }
          break;
        case 'v':
          if (cur) sink = 'v';
          break;
        case 'r':
          if (cur) {
            run = { text: undefined as unknown as string };
            (cur.rich ??= []).push(run);
          }
          break;
        case 't':
          if (cur) {
            if (run) runT = [];
            else sink = 'v';
          }
          break;
        case 'mergeCell': {
          const ref = attrOf(raw, 'ref');
          if (ref !== undefined) merges.push(mergeOf(ref));
          break;
        }
        case 'hyperlink': {
          const a = attrsOf(raw);
          if (a['r:id'] !== undefined) {
            if (!rels.has(a['r:id'])) throw new Unreadable('hyperlink without relationship');
            if (a.ref !== undefined) links.add(a.ref);
          }
          break;
        }
      }
    },
    text(raw, cdata) {
      if (!cur) return;
      const s = cdata ? raw : decodeXml(raw);
      if (runT) runT.push(s);
      else if (sink === 'f') cur.formula += s;
      else if (sink === 'v' && s) cur.value = (cur.value ?? '') + s;
    },
    close(tag) {
      switch (tag) {
        case 'c':
          cur = null;
          sink = null;
          run = null;
          break;
        case 'f':
        case 'v':
          sink = null;
          break;
        case 't':
          if (runT && run) {
            run.text = unescapeX(runT.join(''));
            runT = null;
          } else sink = null;
          break;
        case 'r':
          run = null;
          break;
      }
    },
  });

  for (const { row, col, c } of raws) {
    let value = cellValue(c, book);
    // exceljs: a hyperlinked cell is its text (the formula's result, or the value).
    if (links.has(c.ref)) value = { text: (c.formula || c.shareType ? (value as { result?: unknown }).result : value) as string, hyperlink: '' };
    // A cell with neither a value nor a style is a merged cell's to exceljs: it counts as present.
    if (value === undefined && c.s > 0) continue;
    let r = cells.get(row);
    if (!r) cells.set(row, (r = new Map()));
    r.set(col, value ?? null);
    present.add(row);
    maxRow = Math.max(maxRow, row);
    maxCol = Math.max(maxCol, col);
  }

  const masters = mergedCells(merges);
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) present.add(r);
    maxRow = Math.max(maxRow, m.bottom);
    maxCol = Math.max(maxCol, m.right);
  }
  const key = (r: number, c: number) => r * (MAX_COL + 1) + c;
  return {
    name,
    rowCount: maxRow,
    columnCount: maxCol,
    rows: [...present].sort((a, b) => a - b),
    value: (r, c) => cells.get(r)?.get(c) ?? null,
    master(r, c) {
      const m = masters.get(key(r, c));
      return m && (m.top !== r || m.left !== c) ? { row: m.top, col: m.left } : null;
    },
  };
}

/** Each merged cell's range; overlapping ranges are refused, as exceljs refuses them. */
function mergedCells(merges: readonly Merge[]): Map<number, Merge> {
  let area = 0;
  for (const m of merges) {
    area += (m.bottom - m.top + 1) * (m.right - m.left + 1);
    if (area > MAX_MERGED_CELLS) throw new Unreadable('merged cells', `合并单元格超过 ${MAX_MERGED_CELLS / 10_000} 万个，不是正常的名册，请取消合并后重新导入`);
  }
  const out = new Map<number, Merge>();
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        const k = r * (MAX_COL + 1) + c;
        if (out.has(k)) throw new Unreadable('overlapping merged cells');
        out.set(k, m);
      }
    }
  }
  return out;
}
