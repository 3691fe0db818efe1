import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { keyBoundId, signLaptopClaim } from '../../electron/sync/boundIds';
import type { Core } from '../../electron/core';
import { appendAudit, nextSeq, type SyncTable } from '../../db/sync';
import { upsertRow } from '../../db/syncApply';
import { SYNC_TABLES } from '../../db/tables';
import { fingerprint } from '../../electron/sync/keys';
import { writeTx } from '../../db/tx';

/**
 * A township that has imported its 驻村版 laptops' bundles, made the way that import makes it
 * (the village → township hop is another helper's): the laptop pinned to its village in the
 * township's sync_pins (migration 014's village_id), and its rows written through the db layer's
 * upsert with the laptop's origin and version kept and the township's own next change number.
 */

export interface Laptop {
  installationId: string;
  villageId: string;
  publicKey: string;
  /** Its own signed claim to the village and township (electron/sync/boundIds.ts), as the township keeps it. */
  proof: string;
}

/**
 * A laptop with a real Ed25519 key and the id derived from it, pinned at the township to one of
 * its villages with its signed claim, as the township's import of its first bundle pins it.
 * `installationId`: an id of the caller's choosing instead (a claim the key cannot prove).
 */
export function pinLaptop(town: Core, villageId: string, installationId?: string): Laptop {
  const pair = generateKeyPairSync('ed25519');
  const publicKey = (pair.publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('base64');
  const privateKey = (pair.privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).toString('base64');
  const inst = town.installation()!;
  const id = installationId ?? keyBoundId(publicKey);
  const laptop = { installationId: id, villageId, publicKey, proof: signLaptopClaim({ installationId: id, villageId, townshipCode: inst.unitCode, publicKey }, privateKey) };
  town.db
    .prepare(
      `INSERT INTO sync_pins (installation_id, township_code, township_name, public_key, fingerprint, pinned_at, pinned_by, village_id, proof)
       VALUES (?, ?, ?, ?, ?, ?, '张三', ?, ?)`,
    )
    .run(id, inst.unitCode, inst.unitName, publicKey, fingerprint(publicKey), town.now().toISOString(), villageId, laptop.proof);
  return laptop;
}

const tableOf = (name: string): SyncTable => SYNC_TABLES.find((t) => t.name === name)!;

/**
 * One row a laptop made, as the township's import of its bundle leaves it. `values` are the
 * domain columns (missing ones null); `version` is the laptop's row version.
 */
export function laptopRow(town: Core, laptop: Laptop, table: string, values: Record<string, unknown>, opts: { id?: string; version?: number; deletedAt?: string } = {}): string {
  const t = tableOf(table);
  const id = opts.id ?? randomUUID();
  const w = town.writer();
  writeTx(town.db, () => {
    const seq = nextSeq(town.db);
    const at = '2026-01-04T10:00:00.000Z';
    const domain = Object.fromEntries(t.columns.map((c) => [c, values[c] ?? null]));
    upsertRow(town.db, t, { id, created_at: at, updated_at: at, seq, version: opts.version ?? 1, deleted_at: opts.deletedAt ?? null, origin: laptop.installationId, ...domain });
    appendAudit(town.db, w, { table, rowId: id, action: 'import:new', seq, before: null, after: { version: opts.version ?? 1, laptop: laptop.installationId } });
  });
  return id;
}

/** A laptop's work log for a cadre posted to its village. */
export const laptopLog = (town: Core, laptop: Laptop, cadreId: string, day: string, over: Record<string, unknown> = {}, opts: { id?: string; version?: number } = {}) =>
  laptopRow(town, laptop, 'work_logs', { cadre_id: cadreId, village_id: laptop.villageId, log_date: day, in_village: 1, work_kind: '走访农户', households: 3, content: '入户走访', ...over }, opts);
