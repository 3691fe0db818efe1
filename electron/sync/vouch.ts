import type { Database } from 'better-sqlite3';
import { appendAudit, type WriteContext } from '../../db/sync';
import { insertPin, pinOf, pinsOfKey } from '../../db/syncPins';
import { villageName } from '../../db/syncStage';
import {
  anyVouched,
  LAPTOP_TABLES,
  laptopLogUnposted,
  laptopRowElsewhere,
  laptopRowOutside,
  stageVouched,
  villageOwner,
  villageStaged,
  type LaptopTable,
} from '../../db/syncVouched';
import { SYNC_TABLES } from '../../db/tables';
import { laptopClaimProven, looksKeyBound, unprovenLaptopPin } from './boundIds';
import { refuse, type BundleHeader } from './format';
import { fingerprint } from './keys';

/**
 * The district's scope rule one level down (district ⊃ township ⊃ village). A township's bundle
 * carries, besides its own rows, the rows its 驻村版 laptops made (their origin kept), and lists in
 * its signed header the laptops it vouches for, each with its village. The district takes them
 * when
 *   - each vouched laptop is a laptop of this township's village, for good: not a township PC's
 *     id, not vouched before by another township or for another village, its key not another's;
 *   - the village is this township's (owned by it at the district, or arriving in this bundle);
 *   - every laptop row is a work log, contact record or progress row lying in that village (a log
 *     also on a day its cadre was posted there), and so is the district's copy it would replace.
 * Ownership then follows the pin as for a township's own rows (scope.ts): a laptop pinned at the
 * district under township T is T's, so no other township's bundle can touch its rows.
 */

const labelOf = (name: string) => SYNC_TABLES.find((t) => t.name === name)?.label ?? name;
const pinRefused = (message: string) => refuse('village_pin', `${message}，未导入任何数据`);

/** Refuses a header vouching for a laptop it may not; stages the vouched laptops for checkLaptopRows. */
export function checkVouched(db: Database, h: BundleHeader): void {
  const pins = h.villagePins ?? [];
  const self = pinOf(db, h.installationId);
  if (self?.village_id) throw pinRefused(`此文件的电脑编号 ${h.installationId} 已登记为驻村版，不能作为乡镇电脑导出同步文件`);
  const seen = new Set<string>();
  // One key, one laptop: two new pins sharing a key were both stored, and every later bundle,
  // which lists them again, was refused (the key already belongs to another laptop).
  const keys = new Set<string>();
  for (const p of pins) {
    const who = `驻村版 ${p.installationId}`;
    if (p.installationId === h.installationId || seen.has(p.installationId)) throw pinRefused(`文件头对${who}的担保重复或与乡镇电脑本身相同`);
    if (keys.has(p.publicKey)) throw pinRefused(`文件头中${who}的密钥与另一台驻村版相同；一台驻村版有自己的密钥`);
    seen.add(p.installationId);
    keys.add(p.publicKey);
    const pinned = pinOf(db, p.installationId);
    // A laptop the district has not pinned is taken only on its own signed claim to this
    // village of this township, its id derived from the key that signed (boundIds.ts): the
    // township's word alone could name another township's PC, key or laptop and lock it out.
    // A laptop of an app before schema 23 (a random id, no proof) is still taken on the word:
    // refusing it stopped every bundle of its township for good, and the ids and keys of
    // installations set up since cannot be claimed so (they need a proof; a key's prover wins).
    // A pin that kept a proof was proven for this id, village, township and key (each compared
    // below): verifying the header's copy again cost an Ed25519 check per laptop per import.
    const proven = pinned ? !!pinned.proof : laptopClaimProven({ installationId: p.installationId, villageId: p.villageId, townshipCode: h.township.code, publicKey: p.publicKey }, p.proof);
    const legacy = !p.proof && !looksKeyBound(p.installationId);
    if (!pinned && !proven && !legacy) {
      throw pinRefused(
        `文件头为${who} 担保，但没有该驻村版自己签名的证明（证明它属于${h.township.name}的这个村、电脑编号由其密钥生成），不能登记；它可能不是本乡镇的驻村版，或由旧版本设置（请升级后重新设置）`,
      );
    }
    if (pinned && !pinned.village_id) throw pinRefused(`${who}的编号已登记为 ${pinned.township_name}（${pinned.township_code}）的乡镇电脑，不能作为驻村版担保`);
    if (pinned && pinned.township_code !== h.township.code) throw pinRefused(`${who}已由 ${pinned.township_name}（${pinned.township_code}）担保，${h.township.name}不能再为它担保`);
    if (pinned && pinned.village_id !== p.villageId) {
      throw pinRefused(`${who}此前登记在 ${villageName(db, pinned.village_id ?? null) ?? pinned.village_id}，本文件却说它属于 ${villageName(db, p.villageId) ?? p.villageId}；一台驻村版只属于一个村`);
    }
    if (pinned && pinned.public_key !== p.publicKey) throw pinRefused(`${who}的密钥与此前登记的不一致（此前指纹 ${pinned.fingerprint}）`);
    const other = pinsOfKey(db, p.publicKey).find((k) => k.installation_id !== p.installationId && !(proven && unprovenLaptopPin(k)));
    if (other) throw pinRefused(`${who}的密钥已登记给 ${other.township_name}（${other.township_code}）的另一台电脑`);
    const owner = villageOwner(db, p.villageId);
    if (owner ? owner.code !== h.township.code : !villageStaged(db, p.villageId)) {
      const v = villageName(db, p.villageId) ?? p.villageId;
      throw pinRefused(owner ? `${who}担保在 ${v}，该村属于 ${owner.name ?? '其他单位'}，不是${h.township.name}的村` : `${who}担保在编号为 ${v} 的村，区县库和本文件中都没有这个村`);
    }
  }
  stageVouched(db, pins);
}

function outside(db: Database, table: string, id: string, village: string | null, laptopVillage: string, why: string) {
  const v = villageName(db, village);
  return refuse(
    'out_of_scope',
    `${labelOf(table)} ${id}${v ? `（${v}）` : ''}由 ${villageName(db, laptopVillage) ?? laptopVillage} 的驻村版录入，${why}，不在该驻村版的范围内，未导入任何数据`,
  );
}

/** After the township-level rule (scope.ts): refuses a laptop row outside its laptop's village. */
export function checkLaptopRows(db: Database): void {
  // Every query below joins the vouched laptops: with none, no staged row can be a laptop's (each
  // row's origin is the signer or a laptop it vouches for, stage.ts), and each would still read
  // the whole staging table.
  if (!anyVouched(db)) return;
  const tables = Object.keys(LAPTOP_TABLES) as LaptopTable[];
  const elsewhere = laptopRowElsewhere(db, tables);
  if (elsewhere) throw outside(db, elsewhere.tbl, elsewhere.id, elsewhere.village, elsewhere.laptopVillage, '但驻村版只录入驻村日志、联系记录和项目进展');
  for (const t of tables) {
    const o = laptopRowOutside(db, t);
    if (o) throw outside(db, t, o.id, o.village, o.laptopVillage, '却属于另一个村');
  }
  const unposted = laptopLogUnposted(db);
  if (unposted) throw outside(db, 'work_logs', unposted.id, unposted.laptopVillage, unposted.laptopVillage, `但该干部 ${unposted.day} 不在该村驻村`);
}

/** Inside the import's transaction: pins each laptop vouched for the first time to its village, audited. */
export function pinVouched(db: Database, h: BundleHeader, w: WriteContext): void {
  for (const p of h.villagePins ?? []) {
    if (pinOf(db, p.installationId)) continue;
    const fp = fingerprint(p.publicKey);
    insertPin(db, {
      installation_id: p.installationId,
      township_code: h.township.code,
      township_name: h.township.name,
      public_key: p.publicKey,
      fingerprint: fp,
      pinned_at: w.now(),
      pinned_by: w.operator,
      village_id: p.villageId,
      proof: p.proof ?? null,
    });
    appendAudit(db, w, { table: 'sync_pins', rowId: p.installationId, action: 'vouch', seq: null, before: null, after: { township: h.township.code, village: p.villageId, fingerprint: fp } });
  }
}
