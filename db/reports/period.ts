import type { Database } from 'better-sqlite3';
import { stmt } from '../sync';
import { fromTownship } from '../townships';

/**
 * A report period and the scope its figures are counted in. Every figure is a SQL count over the
 * live rows (deleted_at IS NULL) at the moment of the call; nothing is stored or cached.
 */
export interface ReportPeriod {
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last day, inclusive (YYYY-MM-DD). */
  to: string;
  /** Days within which a floating member counts as contacted (settings contactIntervalDays). */
  contactIntervalDays: number;
}

/** null: every row of this database; a 9-digit code: the rows from that township's installations. */
export type ReportScope = string | null;

/** The bound parameters every report query may use (better-sqlite3 ignores the unused ones). */
export interface ReportParams {
  from: string;
  to: string;
  fromYear: number;
  toYear: number;
  fromQ: number;
  toQ: number;
  /** First day of the end year, for the one-village-one-project rule (COVERS_YEAR). */
  year: number;
  yearStart: string;
  /** Earliest contact date that still counts as "contacted within the interval" at period end. */
  cutoff: string;
  township: string | null;
}

const quarter = (day: string) => Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;

const minusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

export function reportParams(p: ReportPeriod, scope: ReportScope): ReportParams {
  const toYear = Number(p.to.slice(0, 4));
  return {
    from: p.from,
    to: p.to,
    fromYear: Number(p.from.slice(0, 4)),
    toYear,
    fromQ: quarter(p.from),
    toQ: quarter(p.to),
    year: toYear,
    yearStart: `${toYear}-01-01`,
    cutoff: minusDays(p.to, p.contactIntervalDays),
    township: scope,
  };
}

/** The township condition on a row alias ("m."), or a no-op for the whole database. */
export const inScope = (params: ReportParams, alias: string) => (params.township ? fromTownship(alias) : '1');

/**
 * Small query helpers bound to one scope's parameters. Statements are prepared once per
 * connection (db/sync.ts stmt): a report runs some 40 of them, and compiling each again cost
 * more than running most of them on the kept tables.
 */
export function queries(db: Database, params: ReportParams) {
  return {
    params,
    one: (sql: string): number => ((stmt(db, sql).get(params) as { n: number | null }).n ?? 0),
    grouped: (sql: string): Record<string, number> =>
      Object.fromEntries((stmt(db, sql).all(params) as { k: string; n: number }[]).map((r) => [r.k, r.n])),
    all: <T>(sql: string): T[] => stmt(db, sql).all(params) as T[],
  };
}

/** Every listed key present (0 when no row had it), in the listed order, then any others. */
export function withKeys(keys: readonly string[], counts: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = counts[k] ?? 0;
  for (const [k, n] of Object.entries(counts)) if (!(k in out)) out[k] = n;
  return out;
}
