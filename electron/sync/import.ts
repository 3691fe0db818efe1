import type { Database } from 'better-sqlite3';
import { appendAudit, nextSeq, type WriteContext } from '../../db/sync';
import { applyStagedChanges, deferForeignKeys, setAsidePending, tombstone, type AuditGrain } from '../../db/syncApply';
import { ensureDiffTables, missingIds } from '../../db/syncDiff';
import { recordImport, recordRefused } from '../../db/syncHistory';
import { changeStamp, clearStage, stagedActions, stagedVillages, villageName, type StageAction } from '../../db/syncStage';
import { StoreError } from '../../db/errors';
import { fromUnknown } from '../api/errors';
import { insertPin, repin } from '../../db/syncPins';
import { checkHeaderBounds } from './bounds';
import { chainPlace } from './chain';
import { classify, divergence, type Divergence } from './diverge';
import { pinState, unconfirmedInstallation, type PinState } from './identity';
import { checkScope } from './scope';
import { checkPlausible } from './plausible';
import { pinVouched } from './vouch';
import { SYNC_TABLES } from '../../db/tables';
import type { Core } from '../core';
import { readEnvelope, refuse, verifySignature, type BundleHeader } from './format';
import { districtFingerprint, fingerprint, type DistrictKeys } from './keys';
import { openKey } from './seal';
import { stagePayload } from './stage';
import { takePrefetched } from './prefetch';
import { afterBulkWrite } from '../../db/stats';
import { writeTx } from '../../db/tx';
import { withRosterSteps } from '../../db/reports/rosterBulk';
import { withWorkLogFigures } from '../../db/reports/workLogBulk';
import { withSearchGrams } from '../../db/searchGramsBulk';

/**
 * District import: verify → decrypt into staging → preview → apply in one transaction.
 * Rows are ordered by their installation's row versions, never by wall clocks: an incoming row
 * replaces the district's copy only if its version is higher, so re-imports change nothing and
 * an older bundle never rolls a row back.
 */

export type { Action } from './diverge';

export interface Preview {
  tables: Record<string, Record<StageAction, number>>;
  villages: { villageId: string; name: string; new: number; changed: number; deleted: number }[];
  divergence: Divergence;
}

export interface Staged {
  file: string;
  hash: string;
  header: BundleHeader;
  /** The signer's fingerprint, for confirmation when the installation is seen for the first time. */
  signerFingerprint: string;
  pin: PinState;
  duplicate: boolean;
  /** A full bundle taken as the township's truth for its scope. */
  truth: boolean;
  notes: string[];
  preview: Preview;
  /** The district as the preview examined it (changeStamp), kept in this process only. */
  stamp: string;
}

/** Counts per table; rows the township no longer has count as deleted (they get tombstoned). */
export function tableCounts(db: Database): Preview['tables'] {
  const tables: Preview['tables'] = {};
  const rows = stagedActions(db);
  const order = new Map(SYNC_TABLES.map((t, i) => [t.name, i]));
  rows.sort((a, b) => order.get(a.tbl)! - order.get(b.tbl)!);
  for (const r of rows) (tables[r.tbl] ??= { new: 0, changed: 0, deleted: 0, unchanged: 0 })[r.action] += r.c;
  return tables;
}

const takesOver = (pin: PinState) => pin.kind === 'new_installation' && !!pin.replaces;

/** Scope, then what each row would do; refuses the bundle where either says no. */
function examine(db: Database, h: BundleHeader, truth: boolean): void {
  ensureDiffTables(db);
  checkScope(db, h);
  checkPlausible(db);
  classify(db, h, truth);
}

function computePreview(db: Database, h: BundleHeader, truth: boolean): Preview {
  examine(db, h, truth);
  const byVillage = stagedVillages(db);
  return {
    tables: tableCounts(db),
    villages: byVillage.map(({ village, ...c }) => ({ villageId: village, name: villageName(db, village) ?? '（未知村）', ...c })),
    divergence: divergence(db, truth),
  };
}

/** Verifies and stages a bundle and computes what it would change; writes nothing lasting. */
export async function stageBundle(core: Core, file: string, keys: DistrictKeys): Promise<Staged> {
  const inst = core.installation();
  if (inst?.role !== 'district') throw refuse('invalid', '只有区县组织部可以导入乡镇同步文件');
  if (inst.unitCode !== keys.public.code) throw refuse('wrong_key', `所用私钥属于 ${keys.public.name}（${keys.public.code}），不是本区县的`);
  const env = readEnvelope(file);
  const h = env.header;
  const hash = await verifySignature(env);
  if (!h.township.code.startsWith(keys.public.code)) throw refuse('wrong_district', `此文件来自 ${h.township.name}（${h.township.code}），不属于本区县`);
  if (h.recipient.fingerprint !== districtFingerprint(keys.public) || h.recipient.x25519 !== keys.public.x25519) {
    throw refuse('wrong_key', '此同步文件是用其他区县的公钥加密的，本区县无法打开。请乡镇核对已导入的区县公钥指纹。');
  }
  checkHeaderBounds(h);
  const pin = pinState(core.db, h);
  const { duplicate, truth, notes } = chainPlace(core.db, h, hash, takesOver(pin));
  if (Math.abs(Date.parse(h.createdAt) - core.now().getTime()) > 2 * 86_400_000) notes.push('文件创建时间与本机时间相差较大：乡镇电脑或本机的时钟可能不准（不影响导入）');
  const contentKey = openKey(h, keys.x25519, keys.public.x25519);
  // A multi-file import may have decoded this very envelope in a worker already (prefetch.ts).
  await stagePayload(core.db, env, contentKey, hash, takePrefetched(env, contentKey));
  const preview = computePreview(core.db, h, truth);
  return { file, hash, header: h, signerFingerprint: fingerprint(h.signerPublicKey), pin, duplicate, truth, notes, preview, stamp: changeStamp(core.db) };
}

export interface ImportSummary {
  file: string;
  hash: string;
  township: { code: string; name: string };
  bundleSeq: number;
  result: 'applied' | 'duplicate';
  tables: Preview['tables'];
  notes: string[];
}

/**
 * Applies the staged rows in one transaction, or nothing. Identity, chain, scope and content are
 * checked again inside it: another import may have landed since the preview.
 */
export function applyStaged(core: Core, staged: Staged, opts: { confirmNewInstallation?: boolean; fileName?: string } = {}): ImportSummary {
  const h = staged.header;
  const summary = { file: staged.file, hash: staged.hash, township: h.township, bundleSeq: h.bundleSeq, notes: staged.notes };
  if (staged.duplicate) return { ...summary, result: 'duplicate', tables: staged.preview.tables };
  const w = core.writer();
  const db = core.db;
  const tables: Preview['tables'] = {};
  try {
    writeTx(db, () => {
      deferForeignKeys(db);
      // Read first, inside the write lock: the district as this transaction finds it.
      const unchanged = changeStamp(db) === staged.stamp;
      const pin = pinState(db, h);
      if (pin.kind === 'new_installation' && !opts.confirmNewInstallation) throw unconfirmedInstallation(h, staged.signerFingerprint, pin.previous);
      const { truth, duplicate } = chainPlace(db, h, staged.hash, takesOver(pin));
      if (duplicate) throw refuse('stale', '该同步文件刚刚已导入过（可能在另一窗口），本次未做任何更改');
      // Scope and content again unless nothing has changed since the preview examined them
      // (another import may have landed). Before the pin below is written, as the preview saw
      // the district: the pin is of this installation, and no district row has its origin yet
      // (a first bundle) or its township changes (a new key for the same one).
      const examined = !unchanged || truth !== staged.truth;
      if (examined) examine(db, h, truth);
      if (pin.kind === 'new_installation' && pin.replaces) {
        repin(db, h.installationId, h.signerPublicKey, staged.signerFingerprint, w.now(), w.operator);
        appendAudit(db, w, { table: 'sync_pins', rowId: h.installationId, action: 'repin', seq: null, before: { fingerprint: pin.replaces.fingerprint }, after: { fingerprint: staged.signerFingerprint } });
      } else if (pin.kind !== 'known') {
        insertPin(db, {
          installation_id: h.installationId,
          township_code: h.township.code,
          township_name: h.township.name,
          public_key: h.signerPublicKey,
          fingerprint: staged.signerFingerprint,
          pinned_at: w.now(),
          pinned_by: w.operator,
        });
      }
      pinVouched(db, h, w);
      writeRows(db, w, staged.hash.slice(0, 16), 'bundle');
      // The preview counted these very rows unless they were examined again above (a grouping
      // over the whole staging, repeated for every bundle).
      Object.assign(tables, examined ? tableCounts(db) : staged.preview.tables);
      recordImport(db, {
        hash: staged.hash,
        installation_id: h.installationId,
        township_code: h.township.code,
        township_name: h.township.name,
        bundle_seq: h.bundleSeq,
        prev_hash: h.prevHash,
        seq_from: h.seqFrom,
        seq_to: h.seqTo,
        full: h.full ? 1 : 0,
        created_at: h.createdAt,
        imported_at: w.now(),
        imported_by: w.operator,
        file_name: opts.fileName ?? staged.file.split(/[\\/]/).pop()!,
        counts: JSON.stringify(tables),
        notes: JSON.stringify(staged.notes),
        chain_start: truth || takesOver(pin) ? 1 : 0,
      });
    });
  } catch (err) {
    throw explainApplyError(err);
  }
  clearStage(db);
  afterBulkWrite(db);
  return { ...summary, result: 'applied', tables };
}

/**
 * Writes the staged rows that change something (and a truth bundle's tombstones), each numbered
 * here and audited at the grain given (applyStagedChanges); a tombstone always has its own entry.
 */
export function writeRows(db: Database, w: WriteContext, bundle: string, grain: AuditGrain): void {
  // The bundle holds each row's final state, not the order of the township's edits, so a row
  // applied early could collide with one of its live-row unique rules (one first secretary
  // per village...) until a later row is applied. Taking every changing row out of the live set
  // first means only final states meet: and those the township already held together. Rows the
  // township no longer has (a truth bundle) are tombstoned first for the same reason.
  // A large apply keeps the kept figures set-based instead of row by row: the report's roster
  // steps (rosterBulk.ts), the work logs' counts (workLogBulk.ts) and the search's grams.
  const now = w.now();
  const setBased = (write: () => void) => withRosterSteps(db, () => withWorkLogFigures(db, () => withSearchGrams(db, write)));
  setBased(() => {
    for (const t of SYNC_TABLES) {
      setAsidePending(db, t);
      for (const m of missingIds(db, t)) {
        const seq = nextSeq(db);
        tombstone(db, t, m.id, now, seq);
        appendAudit(db, w, { table: t.name, rowId: m.id, action: 'import:missing', seq, before: null, after: { bundle } });
      }
    }
    applyStagedChanges(db, SYNC_TABLES, { now: () => w.now(), operator: w.operator, installationId: w.installationId, bundle, grain });
  });
}

/**
 * A constraint the scope and content checks did not foresee still refuses the bundle as a
 * whole, with a message that says which rule, never a guess: only a clash on villages.code is
 * a duplicate village code.
 */
export function explainApplyError(err: unknown, place = '区县库'): unknown {
  const e = err as { code?: unknown; message?: unknown };
  if (err instanceof StoreError || typeof e?.code !== 'string') return err;
  if (e.code.startsWith('SQLITE_CONSTRAINT')) {
    const msg = String(e.message);
    const m = /UNIQUE constraint failed: (\w+)\.(\w+(?:, \w+\.\w+)*)/.exec(msg);
    if (m?.[1] === 'villages' && m[2] === 'code') return refuse('conflict', `文件中的村（社区）编码与${place}中已有的另一个村（社区）重复，未导入任何数据`);
    if (m) {
      const label = SYNC_TABLES.find((t) => t.name === m[1])?.label ?? m[1];
      const cols = m[2]!.replace(new RegExp(`${m[1]}\\.`, 'g'), '');
      return refuse('conflict', `文件中的${label}与${place}中已有的另一条记录冲突（${cols} 相同，按规则只能有一条），未导入任何数据`);
    }
    if (e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return refuse('conflict', '文件中有记录引用了不存在的上级记录，未导入任何数据');
    return refuse('conflict', `文件中的数据违反了${place}的数据规则，未导入任何数据`);
  }
  return err;
}

/**
 * Keeps a refused bundle in the import history: what was refused, from whom if the header
 * could be read, and why. Written outside the (rolled back) import, never inside it. Any
 * failure counts (busy, disk...), reported as the API reports it. Returns the reason recorded.
 */
export function recordRefusal(
  core: Core,
  file: string,
  err: unknown,
  name = file.split(/[\\/]/).pop()!,
  sender: (file: string) => { code: string; name: string; bundleSeq: number } = (f) => {
    const h = readEnvelope(f).header;
    return { code: h.township.code, name: h.township.name, bundleSeq: h.bundleSeq };
  },
): { code: string; message: string } {
  const reason = fromUnknown(err);
  let h: { code: string; name: string; bundleSeq: number } | null;
  try {
    h = sender(file);
  } catch {
    h = null;
  }
  try {
    const w = core.writer();
    writeTx(core.db, () =>
      recordRefused(core.db, {
        at: w.now(),
        operator: w.operator,
        file_name: name,
        township_code: h?.code ?? null,
        township_name: h?.name ?? null,
        bundle_seq: h?.bundleSeq ?? null,
        code: reason.code,
        message: reason.message,
      }),
    );
  } catch {
    // The store itself refuses (busy, full disk): the caller still reports the refusal.
  }
  return { code: reason.code, message: reason.message };
}
