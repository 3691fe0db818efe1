import type { Database } from 'better-sqlite3';
import { stmt } from './sync';

/** The district's import history: bundles applied (sync_in) and refused (sync_refused). */

export const wasImported = (db: Database, hash: string) => stmt(db, 'SELECT 1 FROM sync_in WHERE hash = ?').get(hash) !== undefined;

export interface ImportRecord {
  hash: string;
  installation_id: string;
  township_code: string;
  township_name: string;
  bundle_seq: number;
  prev_hash: string | null;
  seq_from: number;
  seq_to: number;
  full: number;
  created_at: string;
  imported_at: string;
  imported_by: string;
  file_name: string;
  counts: string;
  notes: string;
  chain_start: number;
}

export function recordImport(db: Database, r: ImportRecord): void {
  stmt(
    db,
    `INSERT INTO sync_in (hash, installation_id, township_code, township_name, bundle_seq, prev_hash, seq_from, seq_to, full, created_at, imported_at, imported_by, file_name, counts, notes, chain_start)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.hash,
    r.installation_id,
    r.township_code,
    r.township_name,
    r.bundle_seq,
    r.prev_hash,
    r.seq_from,
    r.seq_to,
    r.full,
    r.created_at,
    r.imported_at,
    r.imported_by,
    r.file_name,
    r.counts,
    r.notes,
    r.chain_start,
  );
}

export interface RefusalRecord {
  at: string;
  operator: string;
  file_name: string;
  township_code: string | null;
  township_name: string | null;
  bundle_seq: number | null;
  code: string;
  message: string;
}

export function recordRefused(db: Database, r: RefusalRecord): void {
  stmt(db, 'INSERT INTO sync_refused (at, operator, file_name, township_code, township_name, bundle_seq, code, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    r.at,
    r.operator,
    r.file_name,
    r.township_code,
    r.township_name,
    r.bundle_seq,
    r.code,
    r.message,
  );
}

export interface HistoryRow {
  result: 'applied' | 'refused';
  id: number;
  township_name: string | null;
  township_code: string | null;
  bundle_seq: number | null;
  file_name: string;
  created_at: string | null;
  at: string;
  operator: string;
  counts: string;
  notes: string;
  reason: string | null;
}

export const historyTotal = (db: Database) => (stmt(db, 'SELECT (SELECT count(*) FROM sync_in) + (SELECT count(*) FROM sync_refused) AS n').get() as { n: number }).n;

/** Every import attempt, applied or refused, newest first. */
export function historyPage(db: Database, page: number, pageSize: number): HistoryRow[] {
  return stmt(
    db,
    `SELECT 'applied' AS result, id, township_name, township_code, bundle_seq, file_name, created_at, imported_at AS at,
              imported_by AS operator, counts, notes, NULL AS reason FROM sync_in
       UNION ALL
       SELECT 'refused', id, township_name, township_code, bundle_seq, file_name, NULL, at, operator, '{}', '[]', message FROM sync_refused
       ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`,
  ).all(pageSize, (page - 1) * pageSize) as HistoryRow[];
}
