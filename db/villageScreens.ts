import type { Database } from 'better-sqlite3';
import { stmt } from './sync';
import { VILLAGE_WRITES } from './villageSync';

/**
 * What the 驻村版's 同步 screen reads: how many of its own rows no receipt has confirmed yet, and
 * the rows a township receipt may change (postings, members, projects), to say in words what one did.
 */

/** Rows this laptop made (origin = its installation) after the last change a receipt confirmed. */
export const unconfirmedLaptopRows = (db: Database, installationId: string, ackedSeq: number) =>
  VILLAGE_WRITES.reduce((n, t) => n + (stmt(db, `SELECT count(*) AS n FROM ${t} WHERE origin = ? AND seq > ?`).get(installationId, ackedSeq) as { n: number }).n, 0);

export interface PostingState {
  id: string;
  cadre: string;
  role: string;
  end: string | null;
  status: string;
  deleted: number;
}

export const postingStates = (db: Database) =>
  stmt(db, "SELECT p.id, ifnull(c.name, '') AS cadre, p.role, p.actual_end AS end, p.status, p.deleted_at IS NOT NULL AS deleted FROM cadre_postings p LEFT JOIN cadres c ON c.id = p.cadre_id").all() as PostingState[];

export const memberStates = (db: Database) => stmt(db, 'SELECT id, name, deleted_at IS NOT NULL AS deleted FROM floating_members').all() as { id: string; name: string; deleted: number }[];

export const projectStates = (db: Database) =>
  stmt(db, 'SELECT id, name, status, version, deleted_at IS NOT NULL AS deleted FROM projects').all() as { id: string; name: string; status: string; version: number; deleted: number }[];
