import type { Database } from 'better-sqlite3';
import { getSetting, setSetting } from '../../db/settings';
import type { Core } from '../core';
import { createBoxKey, createSigningKey, districtFingerprint, readDistrictPublic, type DistrictPublicKey, type SigningKey } from './keys';
import { refuse } from './format';
import { writeTx } from '../../db/tx';

/** Where the sync keeps its keys and bookkeeping in the installation's own database. */

function storedKey(core: Core, name: string, create: () => SigningKey): SigningKey {
  const k = getSetting<SigningKey>(core.db, name);
  if (k) return k;
  // Read again under the write lock: two processes must never each make a key of their own.
  return writeTx(core.db, () => {
    const made = getSetting<SigningKey>(core.db, name);
    if (made) return made;
    const created = create();
    setSetting(core.db, name, created);
    return created;
  });
}

export const signingKey = (core: Core): SigningKey => storedKey(core, 'sync.signingKey', createSigningKey);

/**
 * The township's X25519 key (village laptops encrypt to it). Made at setup; an installation set
 * up before it existed makes it on first need (its first village package).
 */
export const townshipBoxKey = (core: Core): SigningKey => storedKey(core, 'sync.townshipX25519', createBoxKey);

export function districtPublic(core: Core): DistrictPublicKey | null {
  return getSetting<DistrictPublicKey>(core.db, 'sync.districtPublic') ?? null;
}

/** A township loads the district's public key once; the fingerprint is read back by phone. */
export function setDistrictPublic(core: Core, text: string): { fingerprint: string; code: string; name: string } {
  const inst = core.installation();
  if (inst?.role !== 'township') throw refuse('invalid', '只有乡镇（街道）需要导入区县公钥');
  const pub = readDistrictPublic(text);
  if (!inst.unitCode.startsWith(pub.code)) {
    throw refuse('wrong_district', `此公钥属于 ${pub.name}（${pub.code}），不是本乡镇（${inst.unitCode}）所属区县的`);
  }
  writeTx(core.db, () => setSetting(core.db, 'sync.districtPublic', pub));
  return { fingerprint: districtFingerprint(pub), code: pub.code, name: pub.name };
}

/**
 * The township's "fingerprint checked" step: the clerk reads the district key's fingerprint back
 * by phone and confirms it; exports wait for it. The confirmation names the fingerprint it was
 * given for, so loading another key asks again.
 */
export function confirmDistrictKey(core: Core, shown: string): { fingerprint: string } {
  const d = districtPublic(core);
  if (!d) throw refuse('no_district_key', '尚未导入区县公钥，请先导入区县组织部提供的 district.pub');
  const fp = districtFingerprint(d);
  const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();
  if (norm(shown) !== norm(fp)) throw refuse('fingerprint_mismatch', `所核对的指纹与已导入的区县公钥指纹（${fp}）不一致，未确认。请重新核对或重新导入区县公钥。`);
  setSetting(core.db, 'sync.districtKeyConfirmed', fp);
  return { fingerprint: fp };
}

export function districtKeyConfirmed(core: Core): boolean {
  const d = districtPublic(core);
  return !!d && getSetting<string>(core.db, 'sync.districtKeyConfirmed') === districtFingerprint(d);
}

/** Set by a restore from backup: the district's copy may be ahead of this one, so the next export is full. */
export const NEXT_FULL = 'sync.nextExportFull';
export const nextExportFull = (db: Database) => getSetting<boolean>(db, NEXT_FULL) === true;
