import type { Database } from 'better-sqlite3';
import { stmt, type SyncTable } from './sync';
import { SYNC_TABLES } from './tables';

/**
 * The township's export bookkeeping: the bundles it wrote (sync_out, with the district's receipt
 * once it arrives) and the snapshot an export reads its rows from.
 */

export interface OutRow {
  bundle_seq: number;
  hash: string;
  prev_hash: string | null;
  seq_from: number;
  seq_to: number;
  full: number;
  counts: string;
  created_at: string;
  file_name: string;
  acked_at: string | null;
  receipt_hash: string | null;
}

export function lastOut(db: Database): OutRow | undefined {
  return stmt(db, 'SELECT * FROM sync_out ORDER BY bundle_seq DESC LIMIT 1').get() as OutRow | undefined;
}

/** The highest change the district has confirmed: exports start after it. */
export function ackedSeq(db: Database): number {
  return (stmt(db, 'SELECT ifnull(max(seq_to), 0) AS s FROM sync_out WHERE acked_at IS NOT NULL').get() as { s: number }).s;
}

export function listOut(db: Database): OutRow[] {
  return stmt(db, 'SELECT * FROM sync_out ORDER BY bundle_seq DESC').all() as OutRow[];
}

export const outOfBundle = (db: Database, bundleSeq: number) => stmt(db, 'SELECT * FROM sync_out WHERE bundle_seq = ?').get(bundleSeq) as OutRow | undefined;

/** The district's receipt for a bundle arrived. */
export function markAcked(db: Database, bundleSeq: number, at: string, receiptHash: string): void {
  stmt(db, 'UPDATE sync_out SET acked_at = ?, receipt_hash = ? WHERE bundle_seq = ?').run(at, receiptHash, bundleSeq);
}

/** Rows changed since the district's last confirmation, over every synced table. */
export function changesSince(db: Database, seq: number): number {
  let n = 0;
  for (const t of SYNC_TABLES) n += (stmt(db, `SELECT count(*) AS n FROM ${t.name} WHERE seq > ?`).get(seq) as { n: number }).n;
  return n;
}

/** Takes the export's own change number, at least its bundle number. */
export const takeExportSeq = (db: Database, nextBundle: number) =>
  (stmt(db, 'UPDATE sync_clock SET seq = max(seq + 1, ?) WHERE id = 1 RETURNING seq').get(nextBundle) as { seq: number }).seq;

/** One read transaction on the export's own connection: counts and rows come from one snapshot. */
export function beginSnapshot(reader: Database): number {
  reader.exec('BEGIN');
  return (stmt(reader, 'SELECT seq FROM sync_clock').get() as { seq: number }).seq;
}

export const endSnapshot = (reader: Database) => reader.exec('COMMIT');

/** `origin`: only rows whose last change this installation made (a 驻村版 sends back only its own). */
const byOrigin = (origin: string | undefined) => (origin === undefined ? '' : ' AND origin = ?');
const args = (origin: string | undefined, ...rest: number[]) => (origin === undefined ? rest : [...rest, origin]);

export const changedCounts = (reader: Database, t: SyncTable, from: number, to: number, origin?: string) =>
  stmt(reader, `SELECT count(*) AS rows, count(deleted_at) AS deleted FROM ${t.name} WHERE seq > ? AND seq <= ?${byOrigin(origin)}`).get(...args(origin, from, to)) as { rows: number; deleted: number };

/** The next batch of a table's changed rows after `after`, in change order (keyset). */
export const changedRows = (reader: Database, t: SyncTable, after: number, to: number, limit: number, origin?: string) =>
  stmt(reader, `SELECT * FROM ${t.name} WHERE seq > ? AND seq <= ?${byOrigin(origin)} ORDER BY seq LIMIT ${limit}`).all(...args(origin, after, to)) as { seq: number }[];

export function recordOut(db: Database, o: Omit<OutRow, 'acked_at' | 'receipt_hash'>): void {
  stmt(db, 'INSERT INTO sync_out (bundle_seq, hash, prev_hash, seq_from, seq_to, full, counts, created_at, file_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    o.bundle_seq,
    o.hash,
    o.prev_hash,
    o.seq_from,
    o.seq_to,
    o.full,
    o.counts,
    o.created_at,
    o.file_name,
  );
}
