import type { z } from 'zod';
import { ConflictError, StoreError } from '../../db/errors';
import type { ImportProblem, ImportReport } from '../api/contract';
import type { Core } from '../core';
import { breather, CHUNK_ROWS, type ColumnSpec, type RowProblem } from './read';
import { excelJob, readForImport, type ExcelProgress } from './importJob';
import { titleWarning } from './unitTitle';
import { afterBulkWrite } from '../../db/stats';
import { inSavepoint, steppedWrite } from './steppedTx';

/**
 * Imports a register from .xlsx through the register's own services, so an imported row obeys
 * exactly the rules a typed one does (nothing restated here). Every row is parsed, checked by the
 * channel's zod schema and then written by the service inside its own savepoint, all within ONE
 * transaction: a row the service refuses is rolled back alone and reported by Excel row and
 * column. At the end the whole transaction is kept only when this is no dry run and the mode
 * allows it (valid-only, or all-or-nothing with no bad row); otherwise it is rolled back, so a
 * check and the import that follows it give the same answer and nothing is ever half-written.
 *
 * Speed (issue 16): the file parsed by the check is kept for the import of the same bytes
 * (importJob.ts); rows are drafted and checked by zod before the transaction, in chunks that let
 * the dialog's progress asks through; only the services' writes run inside it, also in chunks,
 * with the thread handed back between them while the import runs alone (steppedTx.ts). A register
 * whose spec has a check (the cadre roster) is checked without a trial write: its check asks the
 * services' own rules row by row, and the import writes only rows the check passed, without a
 * savepoint each; a refusal the check missed sends the import back to a savepoint per row.
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
  /**
   * Runs for every row before any row is written: it may read the register (a village by name),
   * never rows of the same file (write() and the service see those).
   */
  toDraft(values: Partial<Record<K, unknown>>): Draft;
  schema: S;
  /** Writes one row with the register's services; refusals are StoreErrors with field paths. */
  write(input: z.output<S>): void;
  /**
   * The write's refusals without writing (issue 16 item 5: a trial write per row and its
   * savepoint were most of the time): a fresh function per pass that throws for a row exactly
   * what write would throw, given the rows before it that passed, asking the register the
   * services' own questions (the same functions) and keeping what the file's earlier rows would
   * have written. `standIn`: the row is checked in place of its write (a dry run; an
   * all-or-nothing import already refused), so it takes what a trial write would take (ids).
   * With it a check writes nothing, and an import writes each row it passed without a savepoint
   * of its own; without it every row is written in a savepoint, as a trial in a check.
   */
  check?(): (input: z.output<S>, standIn: boolean) => void;
}

export interface ImportRequest {
  file: { base64: string };
  mode: ImportReport['mode'];
  dryRun: boolean;
}

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

interface Drafted<S extends z.ZodType> {
  row: number;
  /** What the row's own cells, draft and zod found (the write's refusals come later). */
  problems: ImportProblem[];
  data?: z.output<S>;
  key: string | null;
  keyField?: string;
  duplicate?: string;
}

/** A row's problems without the register: its cells, its draft and the channel's schema. */
function draftRow<K extends string, S extends z.ZodType>(spec: ImportSpec<K, S>, row: number, values: Partial<Record<K, unknown>>, readProblems: RowProblem[]): Drafted<S> {
  const problems: ImportProblem[] = readProblems.map((p) => ({ row, ...p }));
  const draft = spec.toDraft(values);
  for (const p of draft.problems) addOnce(problems, 0, { row, ...p });
  const parsed = spec.schema.safeParse(draft.input);
  if (!parsed.success) {
    for (const i of parsed.error.issues) addOnce(problems, 0, { row, field: labelOf(spec.labels, i.path), message: i.message });
  }
  const clean = problems.length === 0 && parsed.success;
  return { row, problems, ...(clean ? { data: parsed.data as z.output<S> } : {}), key: draft.key ?? null, keyField: draft.keyField, duplicate: draft.duplicate };
}

async function draftAll<K extends string, S extends z.ZodType>(
  spec: ImportSpec<K, S>,
  rows: readonly { row: number; values: Partial<Record<K, unknown>>; problems: RowProblem[] }[],
  step: (p: ExcelProgress) => void,
): Promise<Drafted<S>[]> {
  const out: Drafted<S>[] = [];
  for (const [i, r] of rows.entries()) {
    if (i % CHUNK_ROWS === 0) {
      step({ phase: 'check', done: i, total: rows.length });
      await breather();
    }
    out.push(draftRow(spec, r.row, r.values, r.problems));
  }
  return out;
}

/** A row write() refused after check() passed it: the import runs again with a savepoint per row. */
class CheckMissed extends Error {}

/** The problems a service's refusal names (StoreError with field paths); anything else is thrown on. */
function refusal(labels: Record<string, string>, row: number, err: unknown): ImportProblem[] {
  if (!(err instanceof StoreError) || err.code === 'read_only') throw err;
  const fields = err.fields?.length ? err.fields : [{ path: [] as string[], message: err.message }];
  return fields.map((f) => ({ row, field: labelOf(labels, f.path), message: f.message }));
}

/**
 * Goes through the drafted rows in the caller's transaction and returns every row's problems in
 * row order (its own, then a duplicate in the file or the register's refusal). With `fast` (the
 * spec's check), a row is checked first and written only when the pass may be kept, without a
 * savepoint; otherwise each row is written in a savepoint (a refused row is undone alone). Hands
 * the thread back every CHUNK_ROWS rows (`pause`), reporting how far it got.
 */
async function writeAll<K extends string, S extends z.ZodType>(
  core: Core,
  spec: ImportSpec<K, S>,
  drafted: readonly Drafted<S>[],
  req: ImportRequest,
  fast: boolean,
  step: (p: ExcelProgress) => void,
  pause: () => Promise<void>,
): Promise<{ problems: ImportProblem[]; valid: number }> {
  const check = fast ? spec.check?.() : undefined;
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  let valid = 0;
  for (const [i, d] of drafted.entries()) {
    if (i % CHUNK_ROWS === 0 && i > 0) {
      step({ phase: 'write', done: i, total: drafted.length });
      await pause();
    }
    problems.push(...d.problems);
    if (d.data === undefined) continue;
    const dup = d.key === null ? undefined : seen.get(d.key);
    if (dup !== undefined) {
      problems.push({ row: d.row, field: d.keyField ?? '—', message: `与第${dup}行${d.duplicate ?? '内容'}重复` });
      continue;
    }
    const data = d.data;
    // Whether what this row writes may be kept: never in a check, nor once all-or-nothing failed.
    const writes = !req.dryRun && (req.mode === 'valid-only' || problems.length === 0);
    try {
      if (!check) inSavepoint(core.db, () => spec.write(data));
      else check(data, !writes);
    } catch (err) {
      problems.push(...refusal(spec.labels, d.row, err));
      continue;
    }
    if (check && writes) {
      try {
        spec.write(data);
      } catch (err) {
        // The check missed a refusal (a rule it does not ask): the row may be half-written.
        if (err instanceof StoreError && err.code !== 'read_only') throw new CheckMissed();
        throw err;
      }
    }
    if (d.key !== null) seen.set(d.key, d.row);
    valid++;
  }
  return { problems, valid };
}

export function importRows<K extends string, S extends z.ZodType>(core: Core, spec: ImportSpec<K, S>, req: ImportRequest): Promise<ImportReport> {
  return excelJob(core, async (step) => {
    const read = await readForImport(core, Buffer.from(req.file.base64, 'base64'), spec.columns, { keep: req.dryRun, step });
    if (!read.ok) throw new ConflictError(read.message, [{ path: ['file'], message: read.message }]);
    const drafted = await draftAll(spec, read.rows, step);
    const total = read.rows.length;
    step({ phase: 'write', done: 0, total });
    // One transaction, in steps (steppedTx.ts): kept only when this is no dry run and the mode allows.
    const pass = (fast: boolean) =>
      steppedWrite(core, async (pause) => {
        const out = await writeAll(core, spec, drafted, req, fast, step, pause);
        const keep = !req.dryRun && out.valid > 0 && (req.mode === 'valid-only' || out.problems.length === 0);
        return { value: { ...out, kept: keep }, keep };
      });
    // A check that missed a refusal rolled its pass back whole; the rows are written again, each
    // in a savepoint, so the report and the rows kept are the services' own.
    const { problems, valid, kept } = await pass(spec.check !== undefined).catch((err: unknown) => {
      if (err instanceof CheckMissed) return pass(false);
      throw err;
    });
    step({ phase: 'write', done: total, total });
    if (kept) afterBulkWrite(core.db);
    const skippedRows = [...new Set(problems.map((p) => p.row))];
    // These registers name each row's village: the file is the township's, and its title should say so.
    const warning = titleWarning(core, read.title, 'township');
    return { dryRun: req.dryRun, mode: req.mode, total, valid, written: kept ? valid : 0, skippedRows, problems, ...(warning ? { notes: [warning] } : {}) };
  });
}
