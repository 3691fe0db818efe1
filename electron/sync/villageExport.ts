import { getSetting } from '../../db/settings';
import type { Core } from '../core';
import { villageOrigin } from '../services/villageSetup';
import { writeBundle, type ExportOptions, type ExportResult } from './export';
import { signLaptopClaim } from './boundIds';
import { BUNDLE_EXT, refuse, VILLAGE_FORMAT, type VillageBundleHeader } from './format';
import { signingKey } from './state';

/**
 * The 驻村版's bundle to its township: the township bundle's writer (atomic, verified read-back,
 * chained by bundleSeq, acknowledged by receipts), encrypted to the township's X25519 key from
 * the package, signed by the laptop's own key, and holding only rows this laptop made: the
 * package's rows keep the township's origin, so they never travel back.
 */

/** The township change number up to which this laptop applied the township's receipts. */
export const RECEIPT_SEQ = 'village.townshipSeq';
export const appliedTownshipSeq = (core: Core) => getSetting<number>(core.db, RECEIPT_SEQ) ?? 0;

export async function exportVillageBundle(core: Core, opts: ExportOptions): Promise<ExportResult<VillageBundleHeader>> {
  const inst = core.installation();
  if (inst?.role !== 'village') throw refuse('invalid', '只有驻村版导出给乡镇的同步文件');
  const origin = villageOrigin(core);
  if (!origin) throw refuse('invalid', '驻村版缺少所属村（社区）的设置，请重新用配置包设置');
  const t = origin.township;
  const v = origin.village;
  return writeBundle<VillageBundleHeader>(core, opts, {
    full: false,
    recipientX25519: t.x25519,
    kind: 'village',
    identity: { format: VILLAGE_FORMAT, township: { code: t.code, name: t.name }, recipient: { fingerprint: t.fingerprint, x25519: t.x25519 } },
    extra: { village: v, townshipSeq: appliedTownshipSeq(core), laptopProof: laptopProof(core, inst.installationId, v.id, t.code) },
    fileName: (bundleSeq, stamp) => `TL-V-${v.code ?? v.id.slice(0, 8)}-${String(bundleSeq).padStart(6, '0')}-${stamp}${BUNDLE_EXT}`,
    origin: inst.installationId,
  });
}

/** The laptop's own signed claim to its village and township, carried in every bundle and forwarded by the township (boundIds.ts). */
function laptopProof(core: Core, installationId: string, villageId: string, townshipCode: string): string {
  const key = signingKey(core);
  return signLaptopClaim({ installationId, villageId, townshipCode, publicKey: key.publicKey }, key.privateKey);
}
