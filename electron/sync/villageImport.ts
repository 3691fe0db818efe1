import { createPrivateKey } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { currentSeq, getRow } from '../../db/sync';
import { deferForeignKeys } from '../../db/syncApply';
import { recordImport } from '../../db/syncHistory';
import { clearStage } from '../../db/syncStage';
import { newRowMadeElsewhere } from '../../db/syncScope';
import { villagesTable, type VillageRow } from '../../db/villages';
import { stagedRecordMembers, stagedVersionAbove, logOutsidePostings, progressOutsideVillage, recordOutsideVillage, stagedOutsideWrites, stagedOwnedElsewhere, VILLAGE_WRITES } from '../../db/villageSync';
import { afterBulkWrite } from '../../db/stats';
import { SYNC_TABLES } from '../../db/tables';
import { writeTx } from '../../db/tx';
import type { Core } from '../core';
import { refreshLastContact } from '../services/floatingContacts';
import { choicesFor, dropTownshipKept, examineConflicts, publicConflicts, recordChoices, type ConflictChoice, type VillageConflict } from './villageConflicts';
import { checkHeaderBounds, inBounds, SEQ_LIMIT } from './bounds';
import { chainPlace } from './chain';
import { classify } from './diverge';
import { checkPlausible } from './plausible';
import { readEnvelope, refuse, verifySignature, type VillageBundleHeader } from './format';
import { explainApplyError, recordRefusal, tableCounts, writeRows, type Preview } from './import';
import { fingerprint } from './keys';
import { openKey } from './seal';
import { looksKeyBound } from './boundIds';
import { BOUND_ROW_GLOB, rowIdPrefix } from './rowIds';
import { stagePayload } from './stage';
import { townshipBoxKey } from './state';
import { pinVillageLaptop, villagePinState, type VillagePinState } from './villagePins';

/**
 * Township import of a 驻村版's bundle: the district's path one level down. Verify → decrypt into
 * staging → preview → apply in one transaction, with the chain, bounds and merge by row version of
 * township bundles, and the village's scope rule on every staged row: logs of cadres posted to
 * that village dated within a posting there, contact records of its floating members, progress of
 * its projects, each a row this laptop made. Any other row refuses the whole bundle.
 */

export interface VillageStaged {
  file: string;
  hash: string;
  header: VillageBundleHeader;
  /** The laptop's fingerprint, read back by phone before its first bundle is applied. */
  signerFingerprint: string;
  pin: VillagePinState;
  duplicate: boolean;
  notes: string[];
  tables: Preview['tables'];
  /** Rows both sides changed: the clerk chooses which stands for each before the apply. */
  conflicts: VillageConflict[];
}

export interface VillageImportSummary {
  file: string;
  hash: string;
  village: VillageBundleHeader['village'];
  bundleSeq: number;
  result: 'applied' | 'duplicate';
  tables: Preview['tables'];
  notes: string[];
}

const labelOf = (name: string) => SYNC_TABLES.find((t) => t.name === name)?.label ?? name;

/** The village scope rule over temp.sync_stage; refuses the bundle at the first row outside it. */
function checkVillageScope(db: Database, h: VillageBundleHeader): void {
  const v = h.village;
  const out = (why: string) => refuse('out_of_scope', `${why}，不在${v.name}驻村版的范围内，未导入任何数据`);
  const other = stagedOutsideWrites(db);
  if (other) throw out(`文件中有${labelOf(other.tbl)}记录 ${other.id}（驻村版只能报送驻村日志、联系记录和项目进展）`);
  for (const t of VILLAGE_WRITES) {
    const owned = stagedOwnedElsewhere(db, t, h.installationId);
    if (owned) throw out(`文件中的${labelOf(t)} ${owned.id} 会覆盖乡镇库中并非这台驻村版电脑录入的记录`);
    // A new row of the bound form with another installation's prefix (rowIds.ts): taken here, it
    // would get this township's every bundle refused at the district.
    const forged = newRowMadeElsewhere(db, t, looksKeyBound(h.installationId) ? [rowIdPrefix(h.installationId)] : [], BOUND_ROW_GLOB);
    if (forged) {
      throw refuse('forged_id', `文件中的${labelOf(t)} ${forged.id} 是乡镇库中没有的新记录，其编号却不是这台驻村版生成的，可能冒用了其他电脑的记录编号，未导入任何数据`);
    }
  }
  const log = logOutsidePostings(db, v.id);
  if (log) {
    throw out(
      log.village !== v.id
        ? `文件中的驻村日志 ${log.id} 记在其他村（社区）名下`
        : `文件中${log.cadre ?? '某干部'}${log.day}的驻村日志（${log.id}）不在该干部派驻${v.name}的期间内（未派驻、尚未开始或已结束）`,
    );
  }
  const record = recordOutsideVillage(db, v.id);
  if (record) throw out(`文件中的联系记录 ${record.id} 所属流动党员${record.member ? `（${record.member}）` : ''}不是${v.name}的`);
  const progress = progressOutsideVillage(db, v.id);
  if (progress) throw out(`文件中的项目进展 ${progress.id} 所属项目${progress.project ? `（${progress.project}）` : ''}不是${v.name}的`);
}

/**
 * The township keeps a laptop row's version and gives it its own change number, and the district
 * takes a row only with version ≤ change number (stage.ts). A laptop row above the township's
 * change number now (a genuine one would need more edits of that one row than the township has
 * made changes in all) would pass here and then get every later bundle of the township refused
 * at the district, the row re-sent each time; a resolved conflict's version, one above both,
 * stays within the number it is written with.
 */
function checkVersions(db: Database, h: VillageBundleHeader): void {
  const clock = currentSeq(db);
  const ahead = stagedVersionAbove(db, clock);
  if (ahead) {
    throw refuse(
      'out_of_range',
      `文件中的${labelOf(ahead.tbl)} ${ahead.id} 版本号为 ${ahead.version}，大于本乡镇目前的变更序号 ${clock}，不是${h.village.name}驻村版自身记录可能产生的（收下它，区县将拒绝本乡镇此后的同步文件），未导入任何数据`,
    );
  }
}

/** Scope, conflicts (none for a re-import: its rows were merged when it was applied) and the merge by version. */
function examine(db: Database, h: VillageBundleHeader, duplicate = false) {
  checkVillageScope(db, h);
  checkVersions(db, h);
  checkPlausible(db);
  const conflicts = duplicate ? [] : examineConflicts(db, h);
  classify(db, h, false);
  return conflicts;
}

/** Verifies and stages a laptop's bundle and computes what it would change; writes nothing lasting. */
export async function stageVillageBundle(core: Core, file: string): Promise<VillageStaged> {
  const inst = core.installation();
  if (inst?.role !== 'township') throw refuse('invalid', '只有乡镇（街道）导入驻村版的同步文件');
  const env = readEnvelope(file, { kind: 'village' });
  const h = env.header;
  const hash = await verifySignature(env);
  const box = townshipBoxKey(core);
  if (h.township.code !== inst.unitCode || h.recipient.x25519 !== box.publicKey) {
    throw refuse('wrong_township', `此文件是${h.village.name}驻村版发给 ${h.township.name}（${h.township.code}）的，不是用本乡镇的密钥加密的，本乡镇无法打开`);
  }
  checkHeaderBounds(h);
  if (h.townshipSeq >= SEQ_LIMIT || (h.townshipSeq !== 0 && !inBounds(h.townshipSeq))) throw refuse('out_of_range', '同步文件声明的回执序号超出范围，已拒绝导入');
  const own = ownVillage(core.db, h);
  const pin = villagePinState(core.db, h);
  checkNamedVillage(own, h, pin);
  const { duplicate, notes } = chainPlace(core.db, h, hash, pin.kind === 'new_installation' && !!pin.replaces);
  const contentKey = openKey(h, createPrivateKey({ key: Buffer.from(box.privateKey, 'base64'), format: 'der', type: 'pkcs8' }), box.publicKey);
  await stagePayload(core.db, env, contentKey, hash);
  const conflicts = publicConflicts(examine(core.db, h, duplicate));
  return { file, hash, header: h, signerFingerprint: fingerprint(h.signerPublicKey), pin, duplicate, notes, tables: tableCounts(core.db), conflicts };
}

/**
 * A laptop not yet pinned names its village by id, name and code (from the package it was set up
 * with); the pin takes the id, while the clerk confirming it reads the name. They must be the
 * township's own village: a laptop of 东立村 sending 西山村's id under 东立村's name was pinned to
 * 西山村 on a prompt that said 东立村. A pinned laptop keeps its village (villagePinState); the
 * name it carries may then be one the township has since changed.
 */
function checkNamedVillage(own: VillageRow, h: VillageBundleHeader, pin: VillagePinState): void {
  if (pin.kind === 'known' || (own.name === h.village.name && (own.code ?? null) === (h.village.code ?? null))) return;
  throw refuse(
    'wrong_village',
    `此文件自称来自${h.village.name}（${h.village.code ?? '无区划代码'}）的驻村版，但本乡镇该编号的村（社区）是${own.name}（${own.code ?? '无区划代码'}）：这台电脑的配置包不是为它所说的村制作的，或该村的名称、代码已更改（请为该村重新生成配置包），未导入任何数据`,
  );
}

/** The township's village the header names by id (deleted ones too), or the refusal. */
function ownVillage(db: Database, h: VillageBundleHeader): VillageRow {
  const own = getRow(db, villagesTable, h.village.id, { includeDeleted: true });
  if (!own) throw refuse('unknown_village', `本乡镇没有${h.village.name}这个村（社区），此文件不是本乡镇驻村版导出的`);
  return own;
}

/** The refusal when a laptop's bundle would pin a new key without the clerk's confirmation. */
function unconfirmed(s: VillageStaged) {
  const h = s.header;
  const before = s.pin.kind === 'new_installation' && s.pin.previous.length ? `（此前登记的电脑指纹 ${s.pin.previous.map((p) => p.fingerprint).join('、')}）` : '';
  return refuse('confirm_pin', `首次收到${h.village.name}这台驻村版电脑的文件${before}：请与驻村工作队电话核对其密钥指纹 ${s.signerFingerprint} 并确认后再导入，未导入任何数据`);
}

/**
 * Applies the staged rows in one transaction, or nothing, checking identity, chain and scope again
 * inside it. A laptop's first bundle (or a new laptop's) needs `confirmPin`: the clerk compared its
 * fingerprint by phone.
 */
export function applyVillageStaged(core: Core, staged: VillageStaged, opts: { confirmPin?: boolean; fileName?: string; choices?: readonly ConflictChoice[] } = {}): VillageImportSummary {
  const h = staged.header;
  const summary = { file: staged.file, hash: staged.hash, village: h.village, bundleSeq: h.bundleSeq, notes: staged.notes };
  if (staged.duplicate) return { ...summary, result: 'duplicate', tables: staged.tables };
  const db = core.db;
  const w = core.writer();
  let tables: Preview['tables'] = {};
  try {
    writeTx(db, () => {
      deferForeignKeys(db);
      const pin = villagePinState(db, h);
      checkNamedVillage(ownVillage(db, h), h, pin);
      if (pin.kind !== 'known' && !opts.confirmPin) throw unconfirmed(staged);
      const fresh = pin.kind === 'new_installation' && !!pin.replaces;
      pinVillageLaptop(core, h, pin, staged.signerFingerprint);
      const { duplicate } = chainPlace(db, h, staged.hash, fresh);
      if (duplicate) throw refuse('stale', '该同步文件刚刚已导入过（可能在另一窗口），本次未做任何更改');
      const chosen = choicesFor(examine(db, h), opts.choices ?? []);
      dropTownshipKept(db, chosen);
      tables = tableCounts(db);
      const members = stagedRecordMembers(db);
      writeRows(db, w, staged.hash.slice(0, 16), 'row');
      recordChoices(db, w, chosen, staged.hash.slice(0, 16));
      // The members' last contact dates are the township's to derive (the laptop only caches them).
      for (const m of members) refreshLastContact(core, m);
      recordImport(db, {
        hash: staged.hash,
        installation_id: h.installationId,
        township_code: h.village.code ?? h.township.code,
        township_name: h.village.name,
        bundle_seq: h.bundleSeq,
        prev_hash: h.prevHash,
        seq_from: h.seqFrom,
        seq_to: h.seqTo,
        full: 0,
        created_at: h.createdAt,
        imported_at: w.now(),
        imported_by: w.operator,
        file_name: opts.fileName ?? staged.file.split(/[\\/]/).pop()!,
        counts: JSON.stringify(tables),
        notes: JSON.stringify(staged.notes),
        chain_start: fresh ? 1 : 0,
      });
    });
  } catch (err) {
    throw explainApplyError(err, '乡镇库');
  }
  clearStage(db);
  afterBulkWrite(db);
  return { ...summary, result: 'applied', tables };
}

/** Keeps a refused laptop bundle in the township's import history with the reason; returns it. */
export function recordVillageRefusal(core: Core, file: string, err: unknown, name?: string): { code: string; message: string } {
  return recordRefusal(core, file, err, name, (f) => {
    const h = readEnvelope(f, { kind: 'village' }).header;
    return { code: h.village.code ?? h.township.code, name: h.village.name, bundleSeq: h.bundleSeq };
  });
}

/** The township's change number now: what a receipt written after an import acknowledges it has sent. */
export const townshipSeqNow = (core: Core) => currentSeq(core.db);
