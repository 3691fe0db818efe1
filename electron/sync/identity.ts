import type { Database } from 'better-sqlite3';
import { pinOf, pinsOfKey, pinsOfTownship, type PinRow } from '../../db/syncPins';
import { keyBoundId, looksKeyBound, unprovenLaptopPin } from './boundIds';
import { refuse, type BundleHeader } from './format';

/**
 * The district's binding of township code ↔ installation ↔ signing key, checked before a
 * bundle's payload is even decrypted. A key belongs to one installation, an installation to one
 * township, for good; a new installation of a township already known needs the clerk's explicit
 * confirmation, after comparing both fingerprints by phone.
 */

export type PinState =
  /** This installation and key were pinned before. */
  | { kind: 'known' }
  /** The township is seen for the first time. */
  | { kind: 'first' }
  /**
   * The township is known from other installations (a replaced PC, or an impostor); or this
   * installation's pin was revoked and another key now speaks for it (`replaces`: the genuine PC,
   * when an impostor had got its id pinned first).
   */
  | { kind: 'new_installation'; previous: PinRow[]; replaces?: PinRow };

export function pinState(db: Database, h: BundleHeader): PinState {
  const name = `${h.township.name}（${h.township.code}）`;
  // An id of the key-bound form belongs to the key it is derived from alone (boundIds.ts): a
  // township claiming another's id with its own key is refused before it could pin it.
  if (looksKeyBound(h.installationId) && h.installationId !== keyBoundId(h.signerPublicKey)) {
    throw refuse('forged_id', `此文件声明的电脑编号 ${h.installationId} 不是由签名密钥生成的：文件可能是冒用其他电脑编号的，已拒绝导入。`);
  }
  const pinned = pinOf(db, h.installationId);
  if (pinned && pinned.township_code !== h.township.code) {
    throw refuse(
      'code_mismatch',
      `此文件声明来自${name}，但发送它的电脑此前登记为 ${pinned.township_name}（${pinned.township_code}）。一台电脑的乡镇代码不能更改，已拒绝导入。`,
    );
  }
  if (pinned?.public_key === h.signerPublicKey) {
    if (pinned.revoked_at) {
      throw refuse('revoked', `${name}的这台电脑（指纹 ${pinned.fingerprint}）已于 ${pinned.revoked_at.slice(0, 10)} 被停用（原因：${pinned.revoke_reason ?? ''}），其同步文件不再导入。`);
    }
    return { kind: 'known' };
  }
  if (pinned && !pinned.revoked_at) {
    throw refuse(
      'key_mismatch',
      `${name}的签名密钥与此前登记的不一致：文件可能不是该乡镇导出的，已拒绝导入。请与乡镇电话核对密钥指纹；如此前登记的（指纹 ${pinned.fingerprint}）才是冒用的，可先停用它再导入本文件。`,
    );
  }
  // A laptop pinned on a township's word alone under this key does not stop the installation
  // whose id is derived from it and whose bundle is signed with it (boundIds.ts).
  const bound = h.installationId === keyBoundId(h.signerPublicKey);
  const other = pinsOfKey(db, h.signerPublicKey).find((k) => !(bound && unprovenLaptopPin(k)));
  if (other) {
    throw refuse(
      'key_reused',
      `此文件的签名密钥已登记给 ${other.township_name}（${other.township_code}）的另一台电脑，不能用于${name}：文件可能是冒用的，已拒绝导入。`,
    );
  }
  const previous = pinsOfTownship(db, h.township.code);
  if (pinned) return { kind: 'new_installation', previous, replaces: pinned };
  return previous.length ? { kind: 'new_installation', previous } : { kind: 'first' };
}

/** The refusal when a new installation of a known township arrives without confirmation. */
export function unconfirmedInstallation(h: BundleHeader, signer: string, previous: PinRow[]) {
  return refuse(
    'new_installation',
    `${h.township.name}（${h.township.code}）此前已登记过其他电脑（指纹 ${previous.map((p) => p.fingerprint).join('、')}），本文件来自一台新电脑（指纹 ${signer}）。请与乡镇电话核对新指纹，确认是换了电脑后再导入；未导入任何数据。`,
  );
}
