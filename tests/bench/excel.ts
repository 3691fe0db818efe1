import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { dispatch } from '../../electron/api/dispatch';
import { openCore, type Core } from '../../electron/core';
import { addDays, localDay } from '../../electron/domain/dates';
import { cadreInput } from '../../electron/seed/cadres';
import { Rng, seededIds } from '../../electron/seed/random';
import { seedVillages } from '../../electron/seed/villages';
import { createCadre } from '../../electron/services/cadres';
import { CADRE_COLUMNS, type CadreImportKey } from '../../electron/services/cadresImportSpec';
import { completeSetup } from '../../electron/services/setup';
import { allLiveVillages } from '../../db/villages';
import { sheet, workbookBuffer } from '../../electron/xlsx/write';
import { TOWNSHIP, targetsFor } from './dataset';

/**
 * excel: the 驻村干部名册 import as the dialog runs it — 检查文件 (cadres.importXlsx with dryRun)
 * then 确认导入 (the same file, dryRun false) — through dispatch with the file as base64, as the
 * renderer sends it, timed separately. Files of 2,000 cadres and of 20,000 (the import's limit),
 * written by the app's own .xlsx writer under the template's headers, each row a valid cadre,
 * about half with a current posting (工作队员) in one of the township's villages. Each file is
 * imported into a township database of the scale's villages and cadres of its own, so the
 * other stages' figures are untouched.
 */

export interface ExcelFigure {
  rows: number;
  fileBytes: number;
  checkMs: number;
  importMs: number;
  /** CPU time of this process in each (on a busy machine, wall time overstates). */
  checkCpuMs: number;
  importCpuMs: number;
  written: number;
}

export interface ExcelResult {
  files: ExcelFigure[];
}

/** Rows of the benchmark files: the sizes at scale ≥ 0.05, tiny ones below (the shape test). */
export const excelSizes = (scale: number): number[] => (scale >= 0.05 ? [2_000, 20_000] : [20, 200]);

type Row = Record<CadreImportKey, string>;

function cadreRows(rng: Rng, n: number, villages: string[], today: string, used: Set<string>): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const c = cadreInput(rng, '工作队员', used);
    const posted = i % 2 === 0;
    rows.push({
      name: c.name, gender: '', idNumber: c.idNumber, ethnicity: c.ethnicity ?? '', politicalStatus: c.politicalStatus ?? '',
      education: c.education ?? '', unit: c.unit, unitLevel: c.unitLevel ?? '', postRank: c.postRank ?? '', mobile: c.mobile ?? '', note: '',
      village: posted ? villages[i % villages.length]! : '', role: posted ? '工作队员' : '', startDate: posted ? addDays(today, -rng.int(30, 600)) : '',
      plannedEnd: '', status: posted ? '在岗' : '未派驻',
    });
  }
  return rows;
}

async function cadreFile(rows: Row[]): Promise<Buffer> {
  return workbookBuffer([
    sheet<Row>({
      name: '驻村干部',
      title: `${TOWNSHIP.name}驻村干部花名册`,
      columns: CADRE_COLUMNS.map((c) => ({ header: c.headers[0]!, value: (r: Row) => r[c.key] })),
      rows,
      footer: ['填表人：________    审核人：________'],
    }),
  ]);
}

/** A township with the scale's villages and cadres (no logs: the import never reads them). */
async function township(file: string, scale: number, rng: Rng, used: Set<string>): Promise<Core> {
  const t = targetsFor(scale);
  const core = await openCore(file, { newId: seededIds('bench-excel', TOWNSHIP.code) });
  completeSetup(core, { role: 'township', code: TOWNSHIP.code, name: TOWNSHIP.name, operator: '张三', importVillages: [] });
  core.db.transaction(() => seedVillages(core, rng, t.villages, core.now().getFullYear()))();
  core.db.transaction(() => {
    for (let i = 0; i < t.cadres; i++) createCadre(core, cadreInput(rng, '工作队员', used));
  })();
  return core;
}

async function timedImport(core: Core, base64: string, dryRun: boolean): Promise<{ ms: number; cpuMs: number; written: number; valid: number }> {
  const s = performance.now();
  const c = process.cpuUsage();
  const r = await dispatch(core, 'cadres.importXlsx', { file: { fileName: '驻村干部名册.xlsx', base64 }, mode: 'all-or-nothing', dryRun });
  const ms = performance.now() - s;
  const used = process.cpuUsage(c);
  const cpuMs = (used.user + used.system) / 1000;
  if (!r.ok) throw new Error(`bench: import refused: ${r.error.message}`);
  const v = r.value as { written: number; valid: number; problems: unknown[]; total: number };
  if (v.problems.length) throw new Error(`bench: ${v.problems.length} rows refused, e.g. ${JSON.stringify(v.problems[0])}`);
  return { ms, cpuMs, written: v.written, valid: v.valid };
}

/** A township database and a file of `rows` cadres for it (also for profiling the stage's parts). */
export async function benchExcelFile(dir: string, scale: number, rows: number): Promise<{ core: Core; buf: Buffer }> {
  const rng = new Rng(`bench-excel-${rows}`);
  const used = new Set<string>();
  const file = path.join(dir, `excel-${rows}.db`);
  const built = await township(file, scale, rng, used);
  const villages = allLiveVillages(built.db).map((v) => v.name as string);
  const buf = await cadreFile(cadreRows(rng, rows, villages, localDay(built.now()), used));
  built.close();
  // Reopened as the app opens it: the import's rows get the app's own ids (a random UUID), not
  // the seeder's reproducible ones (a SHA-256 each, some 0.3 s per 20,000-row pass).
  return { core: await openCore(file), buf };
}

export async function benchExcel(dir: string, scale: number): Promise<ExcelResult> {
  const files: ExcelFigure[] = [];
  for (const rows of excelSizes(scale)) {
    const { core, buf } = await benchExcelFile(dir, scale, rows);
    try {
      const base64 = buf.toString('base64');
      const check = await timedImport(core, base64, true);
      if (check.valid !== rows) throw new Error(`bench: check found ${check.valid} of ${rows} rows valid`);
      const imp = await timedImport(core, base64, false);
      if (imp.written !== rows) throw new Error(`bench: wrote ${imp.written} of ${rows} rows`);
      files.push({ rows, fileBytes: buf.length, checkMs: check.ms, importMs: imp.ms, checkCpuMs: check.cpuMs, importCpuMs: imp.cpuMs, written: imp.written });
    } finally {
      core.close();
    }
  }
  return { files };
}

export function renderExcel(r: ExcelResult): string[] {
  return [
    'excel (驻村干部名册 through dispatch: 检查文件, then 确认导入 of the same file)',
    ...r.files.map(
      (f) =>
        `${f.rows.toLocaleString('en-US')} cadres (${(f.fileBytes / 1e6).toFixed(1)} MB): check ${Math.round(f.checkMs)} ms, import ${Math.round(f.importMs)} ms, ` +
        `${Math.round(f.checkMs + f.importMs)} ms in all (CPU ${Math.round(f.checkCpuMs)} + ${Math.round(f.importCpuMs)} ms)`,
    ),
  ];
}

// `npx tsx tests/bench/excel.ts [scale]`: this stage alone, in a temporary folder.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-bench-excel-'));
  const scale = Number(process.argv[2] ?? 1);
  benchExcel(dir, scale)
    .then((r) => {
      console.log(renderExcel(r).join('\n'));
      console.log(`load average ${os.loadavg().map((n) => n.toFixed(2)).join(', ')}`);
      console.log(`JSON:\n${JSON.stringify(r)}`);
    })
    .catch((err: Error) => {
      console.error(`bench failed: ${err.stack ?? err.message}`);
      process.exitCode = 1;
    })
    .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}
