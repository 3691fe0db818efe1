import { z } from 'zod';
import * as f from '../fields';
import type { FilePayload } from './common';
import { cadresContract } from './cadres';
import type { ImportReport } from './floating';
import { channel, ALL_ROLES, TOWNSHIP } from '../channel';

/**
 * Excel for the cadre and project registers: the cadre roster export (the list's own filters),
 * the import templates and the imports. An import names its villages per row, so unlike the
 * floating roster it takes no village; the report has the floating import's shape. Every
 * import's progress (these and the floating roster's) is asked for on excel.progress.
 */

/** The input of every register's import channel (also the 发展党员 and 评星定级 ones). */
export const importInput = (label: string) =>
  z.strictObject({
    file: f.upload(label, 10 * 1024 * 1024),
    mode: f.oneOf('导入方式', ['all-or-nothing', 'valid-only'] as const),
    dryRun: z.boolean({ error: () => '预检标记应为“是”或“否”' }).default(true),
  });

export const excelContract = {
  'cadres.exportXlsx': channel<FilePayload>()({
    input: cadresContract['cadres.list'].input.omit({ page: true, pageSize: true }),
    roles: ALL_ROLES, writes: false,
  }),
  'cadres.template': channel<FilePayload>()({ input: z.strictObject({}), roles: ALL_ROLES, writes: false }),
  'cadres.importXlsx': channel<ImportReport>()({ input: importInput('名册文件'), roles: TOWNSHIP, writes: true }),
  'projects.template': channel<FilePayload>()({ input: z.strictObject({}), roles: ALL_ROLES, writes: false }),
  'projects.importXlsx': channel<ImportReport>()({ input: importInput('台账文件'), roles: TOWNSHIP, writes: true }),
  // Asked by the import dialog while its check or import runs (electron/xlsx/importJob.ts).
  'excel.progress': channel<ExcelProgress | null>()({ input: z.strictObject({}), roles: ALL_ROLES, writes: false, passive: true }),
};

/** What a running Excel check or import is doing: reading the file, checking rows, writing. */
export interface ExcelProgress {
  phase: 'read' | 'check' | 'write';
  /** Rows done in this phase, of `total` (both 0 while the workbook itself is being loaded). */
  done: number;
  total: number;
}

export type ExcelImportInput = z.input<ReturnType<typeof importInput>>;
