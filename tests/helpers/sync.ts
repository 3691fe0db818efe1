import { createHash } from 'node:crypto';
import type { Core } from '../../electron/core';
import { createDistrictKeys, openDistrictKeys, type DistrictKeys } from '../../electron/sync/keys';
import { confirmDistrictKey, setDistrictPublic } from '../../electron/sync/state';
import { SYNC_TABLES } from '../../db/tables';

export const PASSPHRASE = 'yanshan-district-2026';

/** A district key pair created for real (scrypt, X25519, Ed25519), cached per test file. */
let cached: { publicFile: string; secretFile: string; keys: DistrictKeys } | null = null;
export function districtKeys(): { publicFile: string; secretFile: string; keys: DistrictKeys } {
  if (!cached) {
    const files = createDistrictKeys('450311', '雁山区委组织部', PASSPHRASE);
    cached = { ...files, keys: openDistrictKeys(files.secretFile, PASSPHRASE) };
  }
  return cached;
}

/** Loads the district key and confirms its fingerprint, as a clerk does after the phone call. */
export function trustDistrict(town: Core): void {
  confirmDistrictKey(town, setDistrictPublic(town, districtKeys().publicFile).fingerprint);
}

/** Every synced row of every table (all columns but the installation-local seq), in id order. */
export function syncedRows(core: Core): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const t of SYNC_TABLES) {
    out[t.name] = (core.db.prepare(`SELECT * FROM ${t.name} ORDER BY id`).all() as Record<string, unknown>[]).map(({ seq: _seq, ...rest }) => rest);
  }
  return out;
}

/** A digest of everything a failed import must leave untouched. */
export function dbDigest(core: Core): string {
  const h = createHash('sha256');
  for (const t of [...SYNC_TABLES.map((t) => t.name), 'sync_in', 'sync_pins', 'sync_clock', 'audit_log']) {
    h.update(JSON.stringify(core.db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()));
  }
  return h.digest('hex');
}
