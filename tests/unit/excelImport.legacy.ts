import type { z } from 'zod';
import { ConflictError, StoreError } from '../../db/errors';
import { afterBulkWrite } from '../../db/stats';
import { writeTx } from '../../db/tx';
import type { ImportProblem, ImportReport } from '../../electron/api/contract';
import type { Core } from '../../electron/core';
import type { ImportRequest, ImportSpec } from '../../electron/xlsx/importRows';
import { readSheet, type RowProblem } from '../../electron/xlsx/read';
import { titleWarning } from '../../electron/xlsx/unitTitle';

/**
 * The Excel import as it was before issue 16 (electron/xlsx/importRows.ts at f5aa0cb, verbatim
 * but for its name): the file read afresh by every call, every row drafted, checked and written
 * inside the one transaction. Kept only as the reference the faster path must agree with
 * (excelImportParity.test.ts).
 */

class Rollback extends Error {}

/** The column name for a field path: the innermost key that has a label. */
function labelOf(labels: Record<string, string>, path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const k = path[i];
    if (typeof k === 'string' && labels[k]) return labels[k];
  }
  return path.length ? String(path[0]) : '—';
}

/** Problems not yet reported for a field already named in this row. */
function addOnce(problems: ImportProblem[], from: number, p: ImportProblem): void {
  if (problems.slice(from).some((x) => x.field === p.field)) return;
  problems.push(p);
}

function checkRow<K extends string, S extends z.ZodType>(
  spec: ImportSpec<K, S>,
  row: number,
  values: Partial<Record<K, unknown>>,
  readProblems: RowProblem[],
  problems: ImportProblem[],
  seen: Map<string, number>,
): { data: z.output<S>; key: string | null } | null {
  const before = problems.length;
  for (const p of readProblems) problems.push({ row, ...p });
  const draft = spec.toDraft(values);
  for (const p of draft.problems) addOnce(problems, before, { row, ...p });
  const parsed = spec.schema.safeParse(draft.input);
  if (!parsed.success) {
    for (const i of parsed.error.issues) addOnce(problems, before, { row, field: labelOf(spec.labels, i.path), message: i.message });
  }
  if (problems.length > before || !parsed.success) return null;
  const key = draft.key ?? null;
  const dup = key === null ? undefined : seen.get(key);
  if (dup !== undefined) {
    problems.push({ row, field: draft.keyField ?? '—', message: `与第${dup}行${draft.duplicate ?? '内容'}重复` });
    return null;
  }
  return { data: parsed.data as z.output<S>, key };
}

export async function legacyImportRows<K extends string, S extends z.ZodType>(core: Core, spec: ImportSpec<K, S>, req: ImportRequest): Promise<ImportReport> {
  const read = await readSheet(Buffer.from(req.file.base64, 'base64'), spec.columns);
  if (!read.ok) throw new ConflictError(read.message, [{ path: ['file'], message: read.message }]);
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  let valid = 0;
  let kept = false;
  try {
    writeTx(core.db, () => {
      // A busy retry runs this again from the start (db/tx.ts): begin with nothing counted.
      problems.length = 0;
      seen.clear();
      valid = 0;
      for (const r of read.rows) {
        const checked = checkRow(spec, r.row, r.values, r.problems, problems, seen);
        if (!checked) continue;
        try {
          // A savepoint of the import's transaction: a refused row is undone alone.
          writeTx(core.db, () => spec.write(checked.data));
        } catch (err) {
          if (!(err instanceof StoreError) || err.code === 'read_only') throw err;
          const fields = err.fields?.length ? err.fields : [{ path: [] as string[], message: err.message }];
          for (const f of fields) problems.push({ row: r.row, field: labelOf(spec.labels, f.path), message: f.message });
          continue;
        }
        if (checked.key !== null) seen.set(checked.key, r.row);
        valid++;
      }
      const clean = problems.length === 0;
      if (req.dryRun || valid === 0 || (req.mode === 'all-or-nothing' && !clean)) throw new Rollback();
      kept = true;
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  if (kept) afterBulkWrite(core.db);
  const skippedRows = [...new Set(problems.map((p) => p.row))];
  // These registers name each row's village: the file is the township's, and its title should say so.
  const warning = titleWarning(core, read.title, 'township');
  return { dryRun: req.dryRun, mode: req.mode, total: read.rows.length, valid, written: kept ? valid : 0, skippedRows, problems, ...(warning ? { notes: [warning] } : {}) };
}
