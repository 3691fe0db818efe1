import type { Database } from 'better-sqlite3';

/**
 * District side: the binding of township code ↔ installation ↔ signing key. A pin is written
 * when an installation's first bundle is applied; revoking keeps it (so its rows keep their
 * owner) but refuses that installation's bundles from then on. Only a revoked pin changes key,
 * and only on the clerk's confirmation (the genuine PC, when an impostor got its id pinned first).
 */

export interface PinRow {
  installation_id: string;
  township_code: string;
  township_name: string;
  public_key: string;
  fingerprint: string;
  pinned_at: string;
  pinned_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  /** A 驻村版 laptop pinned to this village (migration 014); null for a township installation. */
  village_id?: string | null;
  /** A laptop's own signed claim to its village (migration 023, electron/sync/boundIds.ts). */
  proof?: string | null;
}

export const pinOf = (db: Database, installationId: string) =>
  db.prepare('SELECT * FROM sync_pins WHERE installation_id = ?').get(installationId) as PinRow | undefined;

export const pinsOfKey = (db: Database, publicKey: string) => db.prepare('SELECT * FROM sync_pins WHERE public_key = ?').all(publicKey) as PinRow[];

/** A township's own installations (its 驻村版 laptops are pinned under its code too, with their village). */
export const pinsOfTownship = (db: Database, code: string) =>
  db.prepare('SELECT * FROM sync_pins WHERE township_code = ? AND village_id IS NULL ORDER BY pinned_at').all(code) as PinRow[];

/** Every installation pinned for township `code`, its PCs and laptops, revoked ones too. */
export const installationsOfTownship = (db: Database, code: string) =>
  db.prepare('SELECT installation_id FROM sync_pins WHERE township_code = ?').pluck().all(code) as string[];

/** How many installations the file has pinned, revoked ones included. */
export const countPins = (db: Database) => (db.prepare('SELECT count(*) AS n FROM sync_pins').get() as { n: number }).n;

export const listPins = (db: Database) => db.prepare('SELECT * FROM sync_pins ORDER BY township_code, pinned_at').all() as PinRow[];

/** A village's 驻村版 laptops, revoked ones included (a township's own pins of its villages). */
export const pinsOfVillage = (db: Database, villageId: string) =>
  db.prepare('SELECT * FROM sync_pins WHERE village_id = ? ORDER BY pinned_at').all(villageId) as PinRow[];

export function insertPin(db: Database, p: Omit<PinRow, 'revoked_at' | 'revoked_by' | 'revoke_reason'>): void {
  db.prepare(
    `INSERT INTO sync_pins (installation_id, township_code, township_name, public_key, fingerprint, pinned_at, pinned_by, village_id, proof)
     VALUES (@installation_id, @township_code, @township_name, @public_key, @fingerprint, @pinned_at, @pinned_by, @village_id, @proof)`,
  ).run({ village_id: null, proof: null, ...p });
}

/** A revoked pin taken over by another key, after the clerk confirmed it (the genuine PC after an impostor). */
export function repin(db: Database, installationId: string, publicKey: string, fingerprint: string, at: string, by: string, proof: string | null = null): void {
  db.prepare(
    'UPDATE sync_pins SET public_key = ?, fingerprint = ?, pinned_at = ?, pinned_by = ?, proof = ?, revoked_at = NULL, revoked_by = NULL, revoke_reason = NULL WHERE installation_id = ? AND revoked_at IS NOT NULL',
  ).run(publicKey, fingerprint, at, by, proof, installationId);
}

/** True when the pin was live and is now revoked. */
export function revokePin(db: Database, installationId: string, at: string, by: string, reason: string): boolean {
  return db.prepare('UPDATE sync_pins SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE installation_id = ? AND revoked_at IS NULL').run(at, by, reason, installationId).changes === 1;
}

/** The highest change number already imported from an installation since its chain last started afresh (a truth bundle, or a new key after a revocation). */
export function chainSince(db: Database, installationId: string): { hash: string; bundle_seq: number; seq_to: number; created_at: string; id: number }[] {
  return db
    .prepare(
      `SELECT id, hash, bundle_seq, seq_to, created_at FROM sync_in
       WHERE installation_id = ? AND id >= ifnull((SELECT max(id) FROM sync_in WHERE installation_id = ? AND chain_start = 1), 0)
       ORDER BY bundle_seq, id`,
    )
    .all(installationId, installationId) as { hash: string; bundle_seq: number; seq_to: number; created_at: string; id: number }[];
}
