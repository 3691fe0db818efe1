import { lookupDivision, villagesOf } from '../../db/divisions';
import { schemaVersion } from '../../db/migrate';
import { getInstallation, saveInstallation } from '../../db/settings';
import { allLiveVillages } from '../../db/villages';
import type { AppStatus, OfficialVillage, UnitInfo } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import { AppError } from '../api/errors';
import type { Core } from '../core';
import { isDistrictCode, isTownshipCode, villageFromOfficial } from '../domain/divisionCodes';
import { importOfficialVillages } from './villages';
import { keyBoundId } from '../sync/boundIds';
import { signingKey, townshipBoxKey } from '../sync/state';
import { lockStatus } from './lock';
import { writeTx } from '../../db/tx';
import { completeVillageSetup, inspectVillagePackage, villageOrigin } from './villageSetup';

export const APP_VERSION = '0.1.0';

export function appStatus(core: Core): AppStatus {
  if (core.damaged) return { setup: null, dbFile: core.file, schemaVersion: 0, appVersion: APP_VERSION, damaged: core.damaged.message, locked: false };
  const inst = getInstallation(core.db);
  return { setup: inst as UnitInfo | null, dbFile: core.file, schemaVersion: schemaVersion(core.db), appVersion: APP_VERSION, damaged: null, locked: lockStatus(core).locked, checking: core.checking };
}

export function officialVillages(core: Core, townshipCode: string): OfficialVillage[] {
  const have = new Set(allLiveVillages(core.db).map((v) => v.code));
  return villagesOf(townshipCode).map((d) => ({ code: d.code, officialName: d.name, ...villageFromOfficial(d.name), exists: have.has(d.code) }));
}

export interface SetupInput {
  role: 'township' | 'district';
  code: string;
  name: string;
  operator: string;
  importVillages: string[];
}

/** Records who this installation is, and optionally imports the official villages, in one transaction. */
export function completeSetup(core: Core, input: SetupInput): AppStatus {
  if (getInstallation(core.db)) throw new AppError('already_setup', '本数据库已完成初始设置，不能重复设置。');
  const codeOk = input.role === 'township' ? isTownshipCode(input.code) : isDistrictCode(input.code);
  if (!codeOk) {
    const want =
      input.role === 'township'
        ? '乡镇（街道）区划代码应为9位数字，前6位为所属区县代码，如 450311100'
        : '区县区划代码应为6位数字，且不以00结尾（00结尾的是地级市代码），如 450311';
    throw new AppError('invalid', want, [{ path: ['code'], message: want }]);
  }
  if (input.role === 'district' && input.importVillages.length) {
    throw new AppError('invalid', '区县组织部不导入村（社区）名单，村级数据来自各乡镇的同步文件。', [{ path: ['importVillages'], message: '区县不导入村名单' }]);
  }
  writeTx(core.db, () => {
    // Checked again under the write lock: two windows or a CLI init may race to set up one file.
    if (getInstallation(core.db)) throw new AppError('already_setup', '本数据库已完成初始设置，不能重复设置。');
    // The installation's own Ed25519 key: it signs every bundle (townships) and is pinned by the
    // district, which takes the id derived from it from no other key (electron/sync/boundIds.ts).
    const key = signingKey(core);
    saveInstallation(core.db, {
      installationId: keyBoundId(key.publicKey),
      role: input.role,
      unitCode: input.code,
      unitName: input.name,
      operator: input.operator,
      setupAt: core.now().toISOString(),
    });
    // A township's X25519 key: its village laptops (驻村版) encrypt to it.
    if (input.role === 'township') townshipBoxKey(core);
    if (input.importVillages.length) importOfficialVillages(core, input.importVillages);
  });
  return appStatus(core);
}

export const setupHandlers = {
  'app.status': (core) => appStatus(core),
  'setup.lookupDivision': (_core, { code }) => lookupDivision(code),
  'setup.officialVillages': (core, { code }) => officialVillages(core, code),
  'setup.complete': (core, input) => completeSetup(core, input),
  'setup.inspectVillagePackage': (_core, { file }) => inspectVillagePackage(Buffer.from(file.base64, 'base64')),
  'setup.villageOrigin': (core) => {
    const o = villageOrigin(core);
    if (!o) return null;
    return { township: { code: o.township.code, name: o.township.name, fingerprint: o.township.fingerprint }, village: { code: o.village.code, name: o.village.name }, packageCreatedAt: o.packageCreatedAt };
  },
  'setup.completeVillage': (core, { file, fingerprint, operator }) => {
    completeVillageSetup(core, { bytes: Buffer.from(file.base64, 'base64'), fingerprint, operator });
    return appStatus(core);
  },
} satisfies Partial<Handlers>;
