import type { z } from 'zod';
import { ConflictError, StoreError } from '../../db/errors';
import type { ImportProblem, ImportReport } from '../api/contract';
import type { Core } from '../core';
import { readSheet, type ColumnSpec, type RowProblem } from './read';
import { titleWarning } from './unitTitle';
import { afterBulkWrite } from '../../db/stats';
import { writeTx } from '../../db/tx';

/**
 * Imports a register from .xlsx through the register's own services, so an imported row obeys
 * exactly the rules a typed one does (nothing restated here). Every row is parsed, checked by the
 * channel's zod schema and then written by the service inside its own savepoint, all within ONE
 * transaction: a row the service refuses is rolled back alone and reported by Excel row and
 * column. At the end the whole transaction is kept only when this is no dry run and the mode
 * allows it (valid-only, or all-or-nothing with no bad row); otherwise it is rolled back, so a
 * check and the import that follows it give the same answer and nothing is ever half-written.
 */

export interface Draft {
  /** The service input before zod (strings as read); undefined when the row cannot be built. */
  input: unknown;
  problems: RowProblem[];
  /** Identity of the row for duplicates inside the file (e.g. the ID number). */
  key?: string | null;
  /** How a duplicate is described: “与第N行{duplicate}”. */
  duplicate?: string;
  /** Field a duplicate is reported under. */
  keyField?: string;
}

export interface ImportSpec<K extends string, S extends z.ZodType> {
  columns: readonly ColumnSpec<K>[];
  /** Input keys (zod and service field paths) to the column names the clerk sees. */
  labels: Record<string, string>;
  toDraft(values: Partial<Record<K, unknown>>): Draft;
  schema: S;
  /** Writes one row with the register's services; refusals are StoreErrors with field paths. */
  write(input: z.output<S>): void;
}

export interface ImportRequest {
  file: { base64: string };
  mode: ImportReport['mode'];
  dryRun: boolean;
}

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

export async function importRows<K extends string, S extends z.ZodType>(core: Core, spec: ImportSpec<K, S>, req: ImportRequest): Promise<ImportReport> {
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
