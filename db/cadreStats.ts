import type { Database } from 'better-sqlite3';
import { fromTownship } from './townships';

/** The figures the district's half-year report asks of the cadre register, for a date range. */
export interface CadreFigures {
  inPostByRole: Record<string, number>;
  sentByRole: Record<string, number>;
  /** Sent in the range and under 35 on their start date. */
  youngSent: number;
  rotated: number;
  adjusted: number;
  inspections: number;
  foundAbsent: number;
  evaluations: Record<string, number>;
  assessments: Record<string, number>;
}

const grouped = (rows: { k: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.k, r.n]));

/** `township` (district mode) counts only the rows that township's installations sent. */
export function cadreFigures(db: Database, from: string, to: string, township: string | null = null): CadreFigures {
  // Every statement names its rows' origin through alias `o.`.
  const t = township ? ` AND ${fromTownship('o.')}` : '';
  const p = { from, to, ...(township ? { township } : {}), fromYear: Number(from.slice(0, 4)), toYear: Number(to.slice(0, 4)), fromQ: quarter(from), toQ: quarter(to) };
  const all = <T>(sql: string) => db.prepare(sql).all(p) as T[];
  const one = (sql: string) => (db.prepare(sql).get(p) as { n: number }).n;
  return {
    inPostByRole: grouped(all(`SELECT role AS k, count(*) AS n FROM cadre_postings o
      WHERE deleted_at IS NULL AND status = '在岗' AND actual_end IS NULL${t} GROUP BY role`)),
    sentByRole: grouped(all(`SELECT role AS k, count(*) AS n FROM cadre_postings o
      WHERE deleted_at IS NULL AND start_date BETWEEN @from AND @to${t} GROUP BY role`)),
    youngSent: one(`SELECT count(*) AS n FROM cadre_postings o JOIN cadres c ON c.id = o.cadre_id
      WHERE o.deleted_at IS NULL AND o.start_date BETWEEN @from AND @to AND o.start_date < date(c.birth_date, '+35 years')${t}`),
    rotated: one(`SELECT count(*) AS n FROM cadre_postings o WHERE deleted_at IS NULL AND status = '期满轮换' AND actual_end BETWEEN @from AND @to${t}`),
    adjusted: one(`SELECT count(*) AS n FROM cadre_postings o WHERE deleted_at IS NULL AND status = '召回调整' AND actual_end BETWEEN @from AND @to${t}`),
    inspections: one(`SELECT count(*) AS n FROM cadre_inspections o WHERE deleted_at IS NULL AND inspect_date BETWEEN @from AND @to${t}`),
    foundAbsent: one(`SELECT count(*) AS n FROM cadre_inspections o WHERE deleted_at IS NULL AND in_post = 0 AND inspect_date BETWEEN @from AND @to${t}`),
    evaluations: grouped(all(`SELECT result AS k, count(*) AS n FROM cadre_evaluations o WHERE deleted_at IS NULL
      AND year * 10 + quarter BETWEEN @fromYear * 10 + @fromQ AND @toYear * 10 + @toQ${t} GROUP BY result`)),
    assessments: grouped(all(`SELECT result AS k, count(*) AS n FROM cadre_assessments o WHERE deleted_at IS NULL
      AND year BETWEEN @fromYear AND @toYear${t} GROUP BY result`)),
  };
}

function quarter(day: string): number {
  return Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
}
