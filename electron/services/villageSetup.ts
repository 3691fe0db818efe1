import { getInstallation, getSetting, saveInstallation, setSetting } from '../../db/settings';
import { appendAudit, nextSeq } from '../../db/sync';
import { deferForeignKeys, upsertRow } from '../../db/syncApply';
import { SYNC_TABLES } from '../../db/tables';
import { writeTx } from '../../db/tx';
import type { VillagePackageInfo } from '../api/contract';
import { AppError } from '../api/errors';
import type { Core } from '../core';
import { explainApplyError } from '../sync/import';
import { keyBoundId } from '../sync/boundIds';
import { signingKey } from '../sync/state';
import { PACKAGE_TABLES, verifyPackage, type VerifiedPackage } from '../sync/villagePackage';
import { DEFAULT_SETTINGS } from './settings';

/**
 * Setting up a 驻村版 from the township's village package: the laptop keeps that village's rows
 * (same ids and versions as the township's, so later bundles line up row for row), the
 * township's public keys, and the settings that matter there.
 */

/** What the laptop remembers of the package it was set up from. */
export interface VillageOrigin {
  township: { code: string; name: string; installationId: string; signerPublicKey: string; x25519: string; fingerprint: string };
  village: { id: string; code: string | null; name: string };
  packageHash: string;
  packageCreatedAt: string;
}

export const VILLAGE_ORIGIN = 'village.origin';
export const villageOrigin = (core: Core) => getSetting<VillageOrigin>(core.db, VILLAGE_ORIGIN) ?? null;

function info(p: VerifiedPackage): VillagePackageInfo {
  const b = p.body;
  const names = new Map(b.rows.cadres.map((c) => [c.id, c.name as string]));
  return {
    fingerprint: p.fingerprint,
    township: b.township,
    village: { code: b.village.code, name: b.village.name },
    createdAt: b.createdAt,
    cadres: b.rows.cadre_postings
      .filter((x) => x.status === '在岗' && x.actual_end === null)
      .map((x) => ({ name: names.get(x.cadre_id as string) ?? '', role: x.role as string, startDate: x.start_date as string })),
    members: b.rows.floating_members.length,
    projects: b.rows.projects.length,
    settings: b.settings,
  };
}

/** Checks a package and says whose it is; writes nothing. */
export const inspectVillagePackage = (bytes: Buffer): VillagePackageInfo => info(verifyPackage(bytes));

const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();

/**
 * Sets this empty database up as the 驻村版 of the package's village. `fingerprint` is the one the
 * team read back to the township by phone; a package re-signed by anyone else shows another.
 */
export function completeVillageSetup(core: Core, input: { bytes: Buffer; fingerprint: string; operator: string }): void {
  if (getInstallation(core.db)) throw new AppError('already_setup', '本数据库已完成初始设置，不能重复设置。');
  const p = verifyPackage(input.bytes);
  if (norm(input.fingerprint) !== norm(p.fingerprint)) {
    throw new AppError('fingerprint_mismatch', `所核对的指纹与配置包中乡镇密钥的指纹（${p.fingerprint}）不一致，未设置。请与乡镇电话核对后重试。`, [
      { path: ['fingerprint'], message: '指纹不一致' },
    ]);
  }
  try {
    writeRows(core, p, input.operator);
  } catch (err) {
    // Rows each valid alone can break a rule together (one cadre posted twice): named as the
    // package's, not as a clash with records this empty laptop would already hold.
    throw explainApplyError(err, '配置包');
  }
}

function writeRows(core: Core, p: VerifiedPackage, operator: string): void {
  const b = p.body;
  writeTx(core.db, () => {
    if (getInstallation(core.db)) throw new AppError('already_setup', '本数据库已完成初始设置，不能重复设置。');
    // The laptop's own key: it signs the village's bundles to the township, and its id is the
    // one derived from it, so no other installation can claim this laptop (boundIds.ts).
    const installationId = keyBoundId(signingKey(core).publicKey);
    const at = core.now().toISOString();
    saveInstallation(core.db, { installationId, role: 'village', unitCode: b.village.code ?? b.township.code, unitName: b.village.name, operator, setupAt: at });
    const origin: VillageOrigin = {
      township: { ...b.township, installationId: b.installationId, signerPublicKey: b.signerPublicKey, x25519: b.x25519, fingerprint: p.fingerprint },
      village: b.village,
      packageHash: p.hash,
      packageCreatedAt: b.createdAt,
    };
    setSetting(core.db, VILLAGE_ORIGIN, origin);
    setSetting(core.db, 'settings', { ...DEFAULT_SETTINGS, ...b.settings });
    const w = core.writer();
    deferForeignKeys(core.db);
    for (const name of PACKAGE_TABLES) {
      const t = SYNC_TABLES.find((x) => x.name === name)!;
      for (const row of b.rows[name]) {
        // Versions and origins stay the township's; the change number is this laptop's own.
        const seq = nextSeq(core.db);
        upsertRow(core.db, t, { ...row, seq });
        appendAudit(core.db, w, { table: name, rowId: row.id as string, action: 'package:insert', seq, before: null, after: { version: row.version, package: p.hash } });
      }
    }
    appendAudit(core.db, w, { table: 'settings', rowId: 'installation', action: 'setup:village', seq: null, before: null, after: { township: b.township, village: b.village, fingerprint: p.fingerprint, package: p.hash } });
  });
}
