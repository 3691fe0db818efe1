import type ExcelJS from 'exceljs';
import { XLSX_MIME, type FilePayload } from '../api/contracts/common';

/**
 * The one way registers write .xlsx: a title row, a bold bordered header in Chinese, text cells
 * for codes, IDs and phones (so Excel never turns them into 4.50302E+17), sensible widths, and
 * no cell that Excel could take for a formula.
 */

export type CellValue = string | number | null | undefined;

export interface Column<R> {
  header: string;
  /** Width in characters; defaults from the header. */
  width?: number;
  value: (row: R, index: number) => CellValue;
  /** Excel number format for numeric cells, e.g. '#,##0.00####' for 万元. */
  numFmt?: string;
  /**
   * A heading over consecutive columns (选派 over 合计, 第一书记…): the sheet then has two header
   * rows, the group merged across its columns, ungrouped headers merged down both rows.
   */
  group?: string;
}

export interface SheetSpec<R> {
  name: string;
  /** Merged across the columns above the header, as paper registers have. */
  title?: string;
  columns: Column<R>[];
  rows: Iterable<R>;
  /** Lines under the table, e.g. "填表人：____  审核人：____". */
  footer?: string[];
  /** Printed A4 landscape and scaled to one page wide (wide statistical tables). */
  landscape?: boolean;
}

/** Text starting with = + - @ (or tab/CR) is prefixed with ' so spreadsheet apps show it, not run it. */
export function neutralize(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * Excel refuses \ / ? * [ ] : in sheet names, a leading or trailing ', more than 31 characters and
 * two equal names (regardless of case); sheets are named after typed village names, so each name is
 * cleaned and numbered where needed (the title row keeps the full name).
 */
export function sheetName(wb: ExcelJS.Workbook, wanted: string): string {
  const base = cut(wanted.replace(/[\\/?*[\]:\u0000-\u001F]/g, '_').replace(/^'+|'+$/g, '').trim(), 31) || 'Sheet';
  const taken = new Set(wb.worksheets.map((w) => w.name.toLowerCase()));
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = `(${n})`;
    name = cut(base, 31 - suffix.length) + suffix;
  }
  return name;
}

/** At most `max` UTF-16 units (Excel's count), never splitting an emoji's surrogate pair. */
function cut(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

function addSheet<R>(wb: ExcelJS.Workbook, spec: SheetSpec<R>): void {
  const ws = wb.addWorksheet(sheetName(wb, spec.name));
  ws.columns = spec.columns.map((c) => ({ width: c.width ?? Math.max(8, c.header.length * 2 + 2) }));
  let r = 1;
  if (spec.title) {
    ws.mergeCells(1, 1, 1, spec.columns.length);
    const t = ws.getCell(1, 1);
    // Titles carry typed names too ("<village>流动党员名册"): neutralized like the cells.
    t.value = neutralize(spec.title);
    t.font = { bold: true, size: 16 };
    t.alignment = { horizontal: 'center', vertical: 'middle' };
    ws.getRow(1).height = 28;
    r = 2;
  }
  r = writeHeader(ws, spec.columns, r);
  ws.views = [{ state: 'frozen', ySplit: r }];
  // On paper: A4, heading rows repeated on every page, and wide sheets one page wide.
  ws.pageSetup = {
    paperSize: 9,
    orientation: spec.landscape ? 'landscape' : 'portrait',
    ...(spec.landscape ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : {}),
    printTitlesRow: `${spec.title ? 2 : 1}:${r}`,
    horizontalCentered: true,
  };
  let index = 0;
  for (const row of spec.rows) {
    const line = ws.getRow(++r);
    spec.columns.forEach((c, i) => {
      const v = c.value(row, index);
      const cell = line.getCell(i + 1);
      cell.value = typeof v === 'string' ? neutralize(v) : (v ?? null);
      if (c.numFmt && typeof v === 'number') cell.numFmt = c.numFmt;
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', wrapText: typeof v === 'string' && v.length > 20 };
    });
    index++;
  }
  for (const text of spec.footer ?? []) ws.getRow((r += 2)).getCell(1).value = neutralize(text);
}

function headerCell(cell: ExcelJS.Cell, text: string): void {
  cell.value = text;
  cell.font = { bold: true };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  cell.border = BORDER;
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
}

/** Writes the header at row `r` (one row, or two when columns are grouped); returns its last row. */
function writeHeader<R>(ws: ExcelJS.Worksheet, columns: Column<R>[], r: number): number {
  if (!columns.some((c) => c.group)) {
    columns.forEach((c, i) => headerCell(ws.getCell(r, i + 1), c.header));
    return r;
  }
  for (let i = 0; i < columns.length; ) {
    const c = columns[i]!;
    let end = i;
    while (c.group && columns[end + 1]?.group === c.group) end++;
    for (let k = i; k <= end; k++) headerCell(ws.getCell(r + 1, k + 1), columns[k]!.header);
    if (c.group) {
      headerCell(ws.getCell(r, i + 1), c.group);
      if (end > i) ws.mergeCells(r, i + 1, r, end + 1);
    } else {
      headerCell(ws.getCell(r, i + 1), c.header);
      ws.mergeCells(r, i + 1, r + 1, i + 1);
    }
    i = end + 1;
  }
  return r + 1;
}

/** Types each sheet's rows against its columns, then lets sheets of different rows share a list. */
export const sheet = <R>(spec: SheetSpec<R>): SheetSpec<unknown> => spec as unknown as SheetSpec<unknown>;

/**
 * ExcelJS is loaded on first use, not at start: it is the largest module the app loads (some
 * 0.3 s of a launch) and only Excel exports and imports need it.
 */
export const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

export async function workbookBuffer(sheets: SheetSpec<unknown>[]): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = '乡镇组织工作台账';
  for (const s of sheets) addSheet(wb, s);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function xlsxFile(fileName: string, sheets: SheetSpec<unknown>[]): Promise<FilePayload> {
  const buf = await workbookBuffer(sheets);
  return { fileName: fileName.endsWith('.xlsx') ? fileName : `${fileName}.xlsx`, mime: XLSX_MIME, base64: buf.toString('base64') };
}
