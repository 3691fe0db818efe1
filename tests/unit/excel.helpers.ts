import ExcelJS from 'exceljs';
import type { Input, ImportReport } from '../../electron/api/contract';
import type { Core } from '../../electron/core';
import { ok } from './floating.helpers';

/** Shared by the register import tests. */

/** A register made by hand: a merged title, the header, the rows, a 填表人 footer. */
export async function workbook(header: string[], rows: unknown[][], title = '名册'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(title);
  ws.mergeCells(1, 1, 1, header.length);
  ws.getCell(1, 1).value = title;
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  ws.addRow([]);
  ws.addRow(['填表人：王五', '', '审核人：赵六']);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

type Mode = ImportReport['mode'];

export const importCadres = (core: Core, base64: string, mode: Mode = 'all-or-nothing', dryRun = false) =>
  ok(core, 'cadres.importXlsx', { file: { fileName: '名册.xlsx', base64 }, mode, dryRun });

export const importProjects = (core: Core, base64: string, mode: Mode = 'all-or-nothing', dryRun = false) =>
  ok(core, 'projects.importXlsx', { file: { fileName: '台账.xlsx', base64 }, mode, dryRun });

export const importDev = (core: Core, base64: string, mode: Mode = 'all-or-nothing', dryRun = false) =>
  ok(core, 'development.importXlsx', { file: { fileName: '发展党员台账.xlsx', base64 }, mode, dryRun });

export const importStars = (core: Core, base64: string, mode: Mode = 'all-or-nothing', dryRun = false) =>
  ok(core, 'stars.importXlsx', { file: { fileName: '评星定级台账.xlsx', base64 }, mode, dryRun });

/** Villages by name (and code), as a township registers them. */
export async function villages(core: Core, names: [string, string][]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, code] of names) {
    const input: Input<'villages.create'> = { name, code, kind: '行政村' };
    out[name] = (await ok(core, 'villages.create', input)).id;
  }
  return out;
}

/** Marks every row of this installation as coming from `code` (as a district's pins do). */
export function pinTownship(core: Core, code: string): void {
  const id = core.installation()!.installationId;
  core.db
    .prepare(`INSERT INTO sync_pins (installation_id, township_code, township_name, public_key, fingerprint, pinned_at, pinned_by) VALUES (?, ?, '雁山镇', 'k', 'f', 'now', '张三')`)
    .run(id, code);
}
