import type { Database } from 'better-sqlite3';
import { countCadres } from './cadres';
import { countFloatingMembers } from './floating';
import { COVERS_YEAR } from './projects';
import { fromTownship } from './townships';

/**
 * The home dashboard's figures, counted in SQL from the live rows on every call (nothing cached).
 * The counts that open a filtered list are taken from that list's own query (countCadres,
 * countFloatingMembers), so the number on the card is always the list's total.
 */
export interface DashboardFigures {
  cadresInPost: number;
  inPostByRole: Record<string, number>;
  belowThreshold: number;
  floatingOut: number;
  overdue: number;
  noContact: number;
  villages: number;
  villagesWithoutProject: number;
  projectsByStatus: Record<string, number>;
}

export interface FigureParams {
  /** District mode: one township's installations only; null for the whole store. */
  township: string | null;
  /** The attendance month judged (last month) and what the cadres list needs to judge it. */
  belowMonth: { first: string; last: string; threshold: number; monthDays: number; daysLeft: number };
  /** The floating list's overdue cutoff (today − interval). */
  cutoff: string;
  year: number;
}

/** `AND <alias>origin IN (…)` when a township is chosen, else nothing. */
const inTownship = (alias: string, township: string | null) => (township ? ` AND ${fromTownship(alias)}` : '');

const grouped = (rows: { k: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.k, r.n]));

export function dashboardFigures(db: Database, p: FigureParams): DashboardFigures {
  const t = { township: p.township };
  const inPostByRole = grouped(
    db
      .prepare(
        `SELECT p.role AS k, count(*) AS n FROM cadres c
         JOIN cadre_postings p ON p.cadre_id = c.id AND p.deleted_at IS NULL AND p.status = '在岗' AND p.actual_end IS NULL
         WHERE c.deleted_at IS NULL${inTownship('c.', p.township)} GROUP BY p.role`,
      )
      .all(t) as { k: string; n: number }[],
  );
  const belowThreshold = countCadres(db, { township: p.township, belowMonth: p.belowMonth });
  const overdue = countFloatingMembers(db, { township: p.township, flag: 'overdue', cutoff: p.cutoff });
  const noContact = countFloatingMembers(db, { township: p.township, flag: 'noContact', cutoff: p.cutoff });
  const floatingOut = countFloatingMembers(db, { township: p.township, status: '外出中', cutoff: p.cutoff });
  const villages = db
    .prepare(
      `SELECT count(*) AS villages,
         ifnull(sum(NOT EXISTS (SELECT 1 FROM projects p WHERE p.village_id = v.id AND ${COVERS_YEAR})), 0) AS uncovered
       FROM villages v WHERE v.deleted_at IS NULL${inTownship('v.', p.township)}`,
    )
    .get({ ...t, year: p.year, yearStart: `${p.year}-01-01` }) as { villages: number; uncovered: number };
  const projectsByStatus = grouped(
    db
      .prepare(`SELECT p.status AS k, count(*) AS n FROM projects p WHERE p.deleted_at IS NULL${inTownship('p.', p.township)} GROUP BY p.status`)
      .all(t) as { k: string; n: number }[],
  );
  return {
    cadresInPost: Object.values(inPostByRole).reduce((a, n) => a + n, 0),
    inPostByRole,
    belowThreshold,
    floatingOut,
    overdue,
    noContact,
    villages: villages.villages,
    villagesWithoutProject: villages.uncovered,
    projectsByStatus,
  };
}

/** Township side: when this installation last wrote a sync bundle (UTC ISO), or null. */
export function lastExportAt(db: Database): string | null {
  return (db.prepare('SELECT max(created_at) AS at FROM sync_out').get() as { at: string | null }).at;
}

/**
 * District side: how current each township's data is. `asOf` is the export time (the township
 * PC's clock) of the newest bundle imported from it, with the change sequence it reached: the
 * data is as of then, however late the file arrived. `importedAt` is the district's clock.
 */
export interface TownshipDataRow {
  code: string;
  name: string;
  asOf: string;
  seqTo: number;
  importedAt: string;
}

export function townshipData(db: Database): Map<string, TownshipDataRow> {
  const rows = db
    .prepare(
      `SELECT township_code AS code, max(township_name) AS name, max(created_at) AS asOf, max(imported_at) AS importedAt,
              (SELECT i.seq_to FROM sync_in i WHERE i.township_code = s.township_code ORDER BY i.created_at DESC, i.id DESC LIMIT 1) AS seqTo
       FROM sync_in s GROUP BY township_code`,
    )
    .all() as TownshipDataRow[];
  return new Map(rows.map((r) => [r.code, r]));
}
