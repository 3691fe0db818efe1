import type ExcelJS from 'exceljs';
import { precheckXlsx } from './precheck';
import { readerPart, workbookSheets } from './bookXml';
import { Unreadable, type Grid } from './sheetXml';
import { parseDateText } from '../domain/dates';
import { halfWidth } from '../domain/text';

/**
 * The one way registers read .xlsx made by hand: finds the header row under any title rows,
 * ignores merged title cells and 填表人/审核人 footers, takes formulas' cached results, and hands
 * each cell to the column's parser as text plus, where Excel stored one, the number or date. The
 * caller gets every data row with its Excel row number and the problems found in it, so a clerk
 * can be told "第7行 身份证号：…". Parsers never see more than `maxRows` rows.
 */

/** A cell as read: display text (trimmed, spaces normalized) and Excel's own number or date. */
export interface RawCell {
  text: string;
  number?: number;
  date?: Date;
  /** Why the cell has no usable value (a formula Excel never calculated, #DIV/0!): a row error. */
  problem?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface ColumnSpec<K extends string = string> {
  key: K;
  /** The first is the label used in reports; the rest are other names seen on paper rosters. */
  headers: readonly string[];
  /** A required column missing from the header refuses the whole file. */
  required?: boolean;
  /** Called for every data row, also with an empty cell (text ''), so it can require a value. */
  parse: (cell: RawCell) => Parsed<unknown>;
}

export interface RowProblem {
  field: string;
  message: string;
}

export interface ReadRow<K extends string> {
  /** The row number Excel shows. */
  row: number;
  values: Partial<Record<K, unknown>>;
  problems: RowProblem[];
}

export type ReadResult<K extends string> =
  | {
      ok: true;
      sheetName: string;
      headerRow: number;
      /** The texts above the header (the roster's title, e.g. “雁山镇东立村流动党员名册”), '' when none. */
      title: string;
      rows: ReadRow<K>[];
    }
  | { ok: false; message: string };

export const MAX_ROWS = 20_000;

/** Hands the thread back so the host answers other calls (the dialog's progress asks) meanwhile. */
export const breather = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Rows between two breathers: a few milliseconds of work. */
export const CHUNK_ROWS = 250;
const HEADER_SCAN = 30;
const FOOTER = /^(填表人|填报人|制表人|审核人|审核|负责人|填表日期|填报日期|制表日期|导出时间|单位负责人|说明|备注[:：]|注\d*[:：.、])/;

export { halfWidth };

const clean = (s: string) => s.replace(/[\u3000\u00A0\t\r\n]+/g, ' ').replace(/ {2,}/g, ' ').trim();
/** Headers compare without spaces, brackets' width or a trailing colon. */
const headerKey = (s: string) => halfWidth(s).replace(/[\s*＊:]/g, '').toLowerCase();

function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  return String(n);
}

export function toRawCell(v: ExcelJS.CellValue): RawCell {
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'number') return { text: numberText(v), number: v };
  // write.ts neutralize() put a ' before text Excel could run (=, +, -, @); read it back as typed.
  if (typeof v === 'string') return { text: clean(v.replace(/^'(?=[=+\-@])/, '')) };
  if (typeof v === 'boolean') return { text: v ? '是' : '否' };
  if (v instanceof Date) {
    // A number under a date format beyond any calendar (1e20) is no date: a row error, not a throw.
    if (Number.isNaN(v.getTime())) return { text: '', problem: '该单元格的日期无效，请改正后重新导入' };
    return { text: v.toISOString().slice(0, 10), date: v };
  }
  if ('formula' in v || 'sharedFormula' in v || 'result' in v) {
    // The value Excel calculated is used, never the formula text; without one the row is refused.
    const result = (v as { result?: ExcelJS.CellValue }).result;
    if (result === undefined || result === null) return { text: '', problem: '该单元格是没有计算结果的公式，请在Excel中打开、保存后重新导入，或改为直接填写数值' };
    return toRawCell(result);
  }
  if ('richText' in v) return { text: clean(v.richText.map((t) => t.text).join('')) };
  if ('text' in v) return { text: clean(String((v as { text: unknown }).text)) };
  if ('error' in v) return { text: '', problem: `该单元格为错误值 ${String((v as { error: unknown }).error)}，请改正后重新导入` };
  return { text: '' };
}

/**
 * A merged range counts once, at its top-left cell (exceljs repeats the value in its other cells):
 * a title across columns is one title. Below the header (`dataFrom`), a range merged down one
 * column (同一村 for several people) gives its value to every row it spans.
 */
function rowTexts(ws: Grid, r: number, width: number, dataFrom = Infinity): RawCell[] {
  const out: RawCell[] = [];
  for (let c = 1; c <= width; c++) {
    const master = ws.master(r, c);
    if (!master) out.push(toRawCell(ws.value(r, c)));
    else if (master.col === c && master.row >= dataFrom) out.push(toRawCell(ws.value(master.row, master.col)));
    else out.push({ text: '' });
  }
  return out;
}

function findHeader<K extends string>(ws: Grid, spec: readonly ColumnSpec<K>[]): { row: number; map: Map<number, ColumnSpec<K>> } | null {
  const width = Math.min(ws.columnCount, 100);
  const last = Math.min(ws.rowCount, HEADER_SCAN);
  for (let r = 1; r <= last; r++) {
    const map = new Map<number, ColumnSpec<K>>();
    rowTexts(ws, r, width).forEach((cell, i) => {
      const k = headerKey(cell.text);
      const col = k ? spec.find((s) => s.headers.some((h) => headerKey(h) === k)) : undefined;
      if (col && ![...map.values()].includes(col)) map.set(i + 1, col);
    });
    if (map.size >= Math.min(2, spec.length)) return { row: r, map };
  }
  return null;
}

/** The non-empty cells above the header row, in reading order. */
function titleAbove(ws: Grid, headerRow: number): string {
  const width = Math.min(ws.columnCount, 100);
  const texts: string[] = [];
  for (let r = 1; r < headerRow; r++) for (const c of rowTexts(ws, r, width)) if (c.text) texts.push(c.text);
  return texts.join(' ');
}

const UNREADABLE = '无法读取该文件，请确认是 Excel 2007 及以上版本保存的 .xlsx 文件';

/** Reads the first sheet that has a header row matching `spec`. Never throws on a bad file. */
export async function readSheet<K extends string>(
  buf: Buffer,
  spec: readonly ColumnSpec<K>[],
  opts: { maxRows?: number; /** Rows read so far of the sheet's rows, now and then. */ onRows?: (done: number, total: number) => void } = {},
): Promise<ReadResult<K>> {
  const maxRows = opts.maxRows ?? MAX_ROWS;
  // Refused before reading: what the reader holds grows with what the file holds (see precheck.ts).
  const pre = await precheckXlsx(buf, maxRows + HEADER_SCAN + 50, readerPart);
  if (!pre.ok) return pre.tooManyRows ? tooMany(maxRows) : { ok: false, message: pre.message };
  try {
    return await readGrids(workbookSheets(pre.parts), spec, { ...opts, maxRows });
  } catch (err) {
    if (err instanceof Unreadable) return { ok: false, message: err.clerk ?? UNREADABLE };
    throw err;
  }
}

/**
 * The rows of the first of `sheets` (each read when first asked for) with a header row matching
 * `spec`: what readSheet returns, from sheets read by bookXml.ts and sheetXml.ts (or, in the tests, exceljs).
 */
export async function readGrids<K extends string>(
  sheets: readonly (() => Grid)[],
  spec: readonly ColumnSpec<K>[],
  opts: { maxRows: number; onRows?: (done: number, total: number) => void },
): Promise<ReadResult<K>> {
  const maxRows = opts.maxRows;
  for (const sheetOf of sheets) {
    const ws = sheetOf();
    const header = findHeader(ws, spec);
    if (!header) continue;
    const missing = spec.filter((s) => s.required && ![...header.map.values()].includes(s));
    if (missing.length) return { ok: false, message: `工作表“${ws.name}”第${header.row}行表头缺少列：${missing.map((m) => m.headers[0]).join('、')}` };
    // Only rows that exist: a stray cell at row 1,048,576 must not walk a million empty rows.
    const present = ws.rows.filter((n) => n > header.row);
    if (present.length > maxRows + 50) return tooMany(maxRows);
    const rows: ReadRow<K>[] = [];
    const width = Math.max(...header.map.keys());
    for (const [i, r] of present.entries()) {
      if (i % CHUNK_ROWS === 0 && opts.onRows) {
        opts.onRows(i, present.length);
        await breather();
      }
      const cells = rowTexts(ws, r, width, header.row + 1);
      if (cells.every((c) => c.text === '' && !c.problem)) continue;
      if (cells.some((c) => c.text !== '' && FOOTER.test(c.text.replace(/\s/g, '')))) continue;
      if (rows.length >= maxRows) return tooMany(maxRows);
      rows.push(parseRow(spec, header.map, r, cells));
    }
    return { ok: true, sheetName: ws.name, headerRow: header.row, title: titleAbove(ws, header.row), rows };
  }
  return { ok: false, message: `未找到表头行，请确认表头包含：${spec.filter((s) => s.required).map((s) => s.headers[0]).join('、')}` };
}

function parseRow<K extends string>(spec: readonly ColumnSpec<K>[], map: Map<number, ColumnSpec<K>>, r: number, cells: RawCell[]): ReadRow<K> {
  const row: ReadRow<K> = { row: r, values: {}, problems: [] };
  const seen = new Set<ColumnSpec<K>>();
  for (const [col, s] of map) {
    seen.add(s);
    const cell = cells[col - 1]!;
    if (cell.problem) {
      row.problems.push({ field: s.headers[0]!, message: cell.problem });
      continue;
    }
    const p = s.parse(cell);
    if (p.ok) row.values[s.key] = p.value;
    else row.problems.push({ field: s.headers[0]!, message: p.message });
  }
  // Columns absent from the file are parsed as empty, so their defaults and requirements apply.
  for (const s of spec) {
    if (seen.has(s)) continue;
    const p = s.parse({ text: '' });
    if (p.ok) row.values[s.key] = p.value;
  }
  return row;
}

const tooMany = (maxRows: number) => ({ ok: false as const, message: `数据超过${maxRows}行，请拆分成多个文件后分批导入` });

// ---- Parsers for the cell kinds hand-made registers contain ----

function validYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * A date as clerks type it (the forms' parser, parseDateText, with month-only dates allowed), or
 * a real Excel date (also as its serial number). Month-only dates become the first of the month,
 * since paper rosters often record 出生年月/入党时间 to the month.
 */
export function parseDate(cell: RawCell): Parsed<string> | null {
  if (cell.date) {
    const d = cell.date;
    return validYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
      ? { ok: true, value: d.toISOString().slice(0, 10) }
      : { ok: false, message: '日期超出1900至2100年' };
  }
  if (cell.number !== undefined && Number.isInteger(cell.number) && cell.number >= 1900 && cell.number <= 2100) {
    // A year typed as a number: as a serial date it would be a day of 1905, silently.
    return { ok: false, message: `只填了年份（${cell.number}），请填写到月或日（如 ${cell.number}.05 或 ${cell.number}-05-01）` };
  }
  if (cell.number !== undefined && /^\d{4}\.1$/.test(cell.text)) {
    // 2023.10 typed into a number cell is stored as 2023.1: January and October cannot be told apart.
    return { ok: false, message: `“${cell.text}”在Excel中保存为数字，分不清是1月还是10月，请将该列设为“文本”格式后重新填写` };
  }
  if (cell.number !== undefined && cell.number >= 1 && cell.number < 73_000 && Number.isInteger(cell.number)) {
    // An Excel serial date whose cell lost its date format (days since 1899-12-30).
    const d = new Date(Date.UTC(1899, 11, 30) + cell.number * 86_400_000);
    if (d.getUTCFullYear() >= 1900) return { ok: true, value: d.toISOString().slice(0, 10) };
  }
  const r = parseDateText(cell.text, { allowMonth: true });
  return r && (r.ok ? { ok: true, value: r.value } : r);
}

/**
 * Digits stored by Excel as a number. Beyond 15 significant digits Excel has already dropped the
 * rest (an 18-digit ID becomes 4.50311E+17 and its last digits are 0): report it, never guess.
 */
export function digitsText(cell: RawCell, label: string): Parsed<string> {
  if (cell.number !== undefined && (!Number.isSafeInteger(cell.number) || cell.text.length > 15)) {
    return { ok: false, message: `${label}在Excel中保存为数字，末几位已丢失，请将该列设为“文本”格式后重新填写` };
  }
  return { ok: true, value: halfWidth(cell.text).replace(/\s/g, '') };
}
