import path from 'node:path';
import { schemaVersion } from '../../db/migrate';
import { writeFileDurably } from '../../db/durable';
import { getRow } from '../../db/sync';
import { villagesTable } from '../../db/villages';
import { villagePackageRows, villagesWithCadresInPost } from '../../db/villagePackage';
import type { Core } from '../core';
import { readSettings } from '../services/settings';
import { refuse } from './format';
import { encodePackage, PACKAGE_EXT, townshipFingerprint, verifyPackage, type PackageBody } from './villagePackage';
import { signingKey, townshipBoxKey } from './state';

export interface MadePackage {
  file: string;
  fileName: string;
  /** The township's fingerprint the village team reads back by phone when setting up. */
  fingerprint: string;
  village: { id: string; code: string | null; name: string };
  cadres: number;
}

const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, '');

/** The package's body for one village, from the township's live rows. */
function packageBody(core: Core, villageId: string): PackageBody {
  const inst = core.installation();
  if (inst?.role !== 'township') throw refuse('invalid', '只有乡镇（街道）生成驻村版配置包');
  const v = getRow(core.db, villagesTable, villageId);
  if (!v) throw refuse('not_found', '村（社区）不存在或已被删除');
  const rows = villagePackageRows(core.db, villageId);
  const cadres = new Set(rows.cadres!.map((c) => c.id));
  // A posting whose successor is not posted here would point outside the package: it stays at
  // the township, which is where postings are kept anyway.
  rows.cadre_postings = rows.cadre_postings!.filter((p) => p.replaced_by_cadre_id === null || cadres.has(p.replaced_by_cadre_id));
  if (!rows.cadres!.length) throw refuse('no_cadres', `${v.name}目前没有在岗的驻村干部，不能生成驻村版配置包`);
  const s = readSettings(core);
  return {
    format: 'township-ledger-village-package',
    version: 1,
    schemaVersion: schemaVersion(core.db),
    township: { code: inst.unitCode, name: inst.unitName },
    installationId: inst.installationId,
    signerPublicKey: signingKey(core).publicKey,
    x25519: townshipBoxKey(core).publicKey,
    village: { id: v.id, code: v.code, name: v.name },
    settings: { attendanceThresholdDays: s.attendanceThresholdDays, contactIntervalDays: s.contactIntervalDays },
    createdAt: core.now().toISOString(),
    rows: rows as PackageBody['rows'],
  };
}

/**
 * Writes one village's package into `dir` (atomically) and checks it as the laptop will before
 * handing it over, so a package that a laptop would refuse is never given out.
 */
export function makeVillagePackage(core: Core, villageId: string, dir: string): MadePackage {
  const body = packageBody(core, villageId);
  const bytes = encodePackage(body, signingKey(core).privateKey);
  verifyPackage(bytes);
  const fileName = `TL-VILLAGE-${body.village.code ?? body.village.id.slice(0, 8)}-${stamp(body.createdAt)}${PACKAGE_EXT}`;
  const file = path.join(dir, fileName);
  writeFileDurably(file, bytes);
  return { file, fileName, fingerprint: townshipFingerprint(body), village: body.village, cadres: body.rows.cadres.length };
}

/** Every village with a cadre in post (the CLI's `--all`). */
export const packageableVillages = (core: Core) => villagesWithCadresInPost(core.db);
