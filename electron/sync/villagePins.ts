import type { Database } from 'better-sqlite3';
import { appendAudit } from '../../db/sync';
import { countPins, insertPin, listPins, pinOf, pinsOfKey, pinsOfVillage, repin, revokePin, type PinRow } from '../../db/syncPins';
import { villageName } from '../../db/syncStage';
import { writeTx } from '../../db/tx';
import type { Core } from '../core';
import { laptopClaimProven, looksKeyBound } from './boundIds';
import { MAX_VILLAGE_PINS, refuse, type VillageBundleHeader } from './format';

/**
 * The township's binding of village ↔ laptop installation ↔ signing key, the district's pin rule
 * one level down. A township never imports district bundles, so its sync_pins table holds its
 * village laptops, each under the township's own code with its village in `village_id`
 * (migration 014; FORMAT.md, "Village bundle"): the same rows the township vouches for in its
 * bundles to the district. A key belongs to one laptop and a laptop to one village for good;
 * every laptop's first bundle waits for the clerk's confirmation of its fingerprint.
 */

export type VillagePinState =
  | { kind: 'known' }
  /** No laptop of this village was pinned before. */
  | { kind: 'first' }
  /** The village has (or had) other laptops; `replaces`: this laptop's own revoked pin, taken over by a new key. */
  | { kind: 'new_installation'; previous: PinRow[]; replaces?: PinRow };

export function villagePinState(db: Database, h: VillageBundleHeader): VillagePinState {
  const name = `${h.village.name}的驻村版`;
  // The laptop's own signed claim: its id is its key's, and the key names this village and
  // township (boundIds.ts). The township forwards it to the district with its vouch. A laptop
  // set up before schema 23 (a random id, which no proof can bind) is taken as the laptop this
  // township pinned before, with its key, and as nothing else: the entries it still holds reach
  // the township, and its pin travels without a proof, as before.
  const pinned = pinOf(db, h.installationId);
  const knownLegacy = pinned?.public_key === h.signerPublicKey && !looksKeyBound(h.installationId);
  if (!knownLegacy && !laptopClaimProven({ installationId: h.installationId, villageId: h.village.id, townshipCode: h.township.code, publicKey: h.signerPublicKey }, h.laptopProof)) {
    throw refuse(
      'unproven_laptop',
      `${name}的文件中，电脑编号或所属村的签名证明与其密钥不符：文件可能是冒用的，或来自旧版本的驻村版（请升级后用新生成的配置包重新设置），已拒绝导入。`,
    );
  }
  if (pinned && pinned.village_id !== h.village.id) {
    throw refuse('code_mismatch', `此文件声明来自${name}，但这台电脑此前登记为${pinVillageName(db, pinned)}的驻村版。一台电脑只能为一个村（社区）导出，已拒绝导入。`);
  }
  if (pinned?.public_key === h.signerPublicKey) {
    if (pinned.revoked_at) {
      throw refuse('revoked', `${name}的这台电脑（指纹 ${pinned.fingerprint}）已于 ${pinned.revoked_at.slice(0, 10)} 被停用（原因：${pinned.revoke_reason ?? ''}），其同步文件不再导入。`);
    }
    return { kind: 'known' };
  }
  if (pinned && !pinned.revoked_at) {
    throw refuse('key_mismatch', `${name}的签名密钥与此前登记的（指纹 ${pinned.fingerprint}）不一致：文件可能是冒用的，已拒绝导入。`);
  }
  const other = pinsOfKey(db, h.signerPublicKey)[0];
  if (other) throw refuse('key_reused', `此文件的签名密钥已登记给${pinVillageName(db, other)}的另一台电脑，不能用于${name}：文件可能是冒用的，已拒绝导入。`);
  const previous = pinsOfVillage(db, h.village.id);
  if (pinned) return { kind: 'new_installation', previous, replaces: pinned };
  // Every pin travels in the township's bundle headers for good (revoked ones too): one more
  // than they can hold would stop every export of the township, so the laptop is refused here.
  if (countPins(db) >= MAX_VILLAGE_PINS) {
    throw refuse('too_many_laptops', `本乡镇已登记 ${MAX_VILLAGE_PINS} 台驻村版电脑（含已停用的），不能再登记新的电脑，已拒绝导入${name}的同步文件。`);
  }
  return previous.length ? { kind: 'new_installation', previous } : { kind: 'first' };
}

/** Inside the import's transaction: pins the laptop (or lets its revoked pin take the new key), audited. */
export function pinVillageLaptop(core: Core, h: VillageBundleHeader, state: VillagePinState, fingerprint: string): void {
  if (state.kind === 'known') return;
  const w = core.writer();
  if (state.kind === 'new_installation' && state.replaces) {
    repin(core.db, h.installationId, h.signerPublicKey, fingerprint, w.now(), w.operator, h.laptopProof ?? null);
  } else {
    insertPin(core.db, {
      installation_id: h.installationId,
      township_code: h.township.code,
      township_name: h.township.name,
      village_id: h.village.id,
      public_key: h.signerPublicKey,
      fingerprint,
      pinned_at: w.now(),
      pinned_by: w.operator,
      proof: h.laptopProof ?? null,
    });
  }
  appendAudit(core.db, w, { table: 'sync_pins', rowId: h.installationId, action: 'pin:village', seq: null, before: null, after: { village: h.village.name, fingerprint } });
}

/** A village laptop as the township's screens show it. */
export interface VillageLaptop {
  installationId: string;
  villageId: string;
  villageName: string;
  fingerprint: string;
  pinnedAt: string;
  pinnedBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

/** The pinned village's name as the township's register has it (a package's village is always there). */
const pinVillageName = (db: Database, p: PinRow) => (p.village_id ? (villageName(db, p.village_id) ?? '（未知村）') : p.township_name);

export const laptop = (db: Database, p: PinRow): VillageLaptop => ({
  installationId: p.installation_id,
  villageId: p.village_id ?? '',
  villageName: pinVillageName(db, p),
  fingerprint: p.fingerprint,
  pinnedAt: p.pinned_at,
  pinnedBy: p.pinned_by,
  revokedAt: p.revoked_at,
  revokedBy: p.revoked_by,
  revokeReason: p.revoke_reason,
});

/** Township: every village laptop pinned, revoked ones included; none at other installations. */
export function villageLaptops(core: Core): VillageLaptop[] {
  // Elsewhere sync_pins holds townships' PCs (district) or nothing (驻村版).
  if (core.installation()?.role !== 'township') return [];
  return listPins(core.db)
    .filter((p) => p.village_id)
    .map((p) => laptop(core.db, p));
}

/**
 * Township: stops importing a (lost) laptop's bundles; what it sent stays. Audited with the
 * reason. A laptop set up from a fresh package then pins itself on its first bundle.
 */
export function revokeVillageLaptop(core: Core, installationId: string, reason: string): VillageLaptop {
  if (core.installation()?.role !== 'township') throw refuse('invalid', '只有乡镇（街道）停用驻村版电脑');
  const w = core.writer();
  return writeTx(core.db, () => {
    const p = pinOf(core.db, installationId);
    if (!p) throw refuse('not_found', '没有登记过这台驻村版电脑');
    if (!revokePin(core.db, installationId, w.now(), w.operator, reason)) throw refuse('already_revoked', `这台驻村版电脑已于 ${p.revoked_at!.slice(0, 10)} 停用`);
    appendAudit(core.db, w, { table: 'sync_pins', rowId: installationId, action: 'revoke:village', seq: null, before: null, after: { village: pinVillageName(core.db, p), fingerprint: p.fingerprint, reason } });
    return laptop(core.db, pinOf(core.db, installationId)!);
  });
}
