import { createHash, sign, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { freeName, writeFileDurably } from '../../db/durable';
import { getSetting, setSetting } from '../../db/settings';
import { appendAudit, currentSeq, nextSeq, stmt } from '../../db/sync';
import { deferForeignKeys } from '../../db/syncApply';
import { markAcked, outOfBundle } from '../../db/syncOut';
import { clearStage, ensureStage, stagedRowOf, stageRow } from '../../db/syncStage';
import { SYNC_TABLES } from '../../db/tables';
import { writeTx } from '../../db/tx';
import { ensureDiffTables } from '../../db/syncDiff';
import {
  chosenRows,
  classifyTownshipRows,
  hideLeftRow,
  isMovable,
  laptopHasCadre,
  laptopMemberVillage,
  laptopProjectVillage,
  VILLAGE_WRITES,
  villageChangesSince,
  villageLeftSince,
} from '../../db/villageSync';
import type { Core } from '../core';
import { readSettings } from '../services/settings';
import { villageOrigin, type VillageOrigin } from '../services/villageSetup';
import { refuse, type VillageBundleHeader } from './format';
import { explainApplyError, tableCounts, writeRows, type Preview } from './import';
import { publicEd25519 } from './keys';
import { signingKey } from './state';
import { SEQ_LIMIT } from './bounds';
import { RECEIPT_SEQ, appliedTownshipSeq } from './villageExport';
import { checkPackageRow, MAX_BODY, MAX_ROWS, PACKAGE_TABLES, type PackageTable } from './villagePackage';
import { parseShallowJson } from './shallowJson';

/**
 * The township's receipt for a 驻村版's bundle, and what it carries back: signed by the township
 * installation's key (the laptop knows it from its package), it acknowledges the bundle (the
 * laptop's next export starts after it) and holds the village's package-table rows the township
 * changed since the township change number the bundle said the laptop had applied: postings
 * started or ended, members added, returned or reassigned, contacts, project changes, and the
 * settings. The laptop applies them by row version in one transaction, so applying one twice
 * changes nothing, and one older than a receipt already applied only confirms its bundle.
 */

export const RECEIPT_TYPE = 'township-ledger-village-receipt';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const rowList = z.array(z.record(z.string(), z.unknown())).max(MAX_ROWS);

const bodySchema = z.strictObject({
  type: z.literal(RECEIPT_TYPE),
  version: z.literal(1),
  township: z.strictObject({ code: z.string().regex(/^\d{9}$/), name: z.string().min(1).max(100) }),
  village: z.strictObject({ id: z.string().min(1).max(64), code: z.string().regex(/^\d{12}$/).nullable(), name: z.string().min(1).max(50) }),
  installationId: z.string().min(1).max(64),
  bundleSeq: z.number().int().min(1),
  bundleHash: hex64,
  ackSeq: count,
  // Below the bound the township's import of the laptop's bundles holds its header to: a higher
  // one, remembered here for good, had every later bundle refused (out_of_range).
  townshipSeq: z.number().int().min(0).max(SEQ_LIMIT - 1),
  importedAt: z.iso.datetime(),
  settings: z.strictObject({ attendanceThresholdDays: z.number().int().min(1).max(31), contactIntervalDays: z.number().int().min(7).max(366) }),
  rows: z.strictObject(Object.fromEntries(PACKAGE_TABLES.map((t) => [t, rowList])) as Record<PackageTable, typeof rowList>),
  left: z.array(z.strictObject({ table: z.enum(['floating_members', 'cadre_postings', 'projects']), id: z.string().min(1).max(64) })).max(MAX_ROWS),
  /** Rows both sides had changed, as the clerk chose them at this import (villageConflicts.ts); absent when none. */
  chosen: z.array(z.strictObject({ table: z.enum(VILLAGE_WRITES), row: z.record(z.string(), z.unknown()) })).max(MAX_ROWS).optional(),
});
export type VillageReceiptBody = z.infer<typeof bodySchema>;
/** The longest receipt file: the 回执文件 upload's limit (api/contracts/villageSync.ts). */
export const MAX_RECEIPT_FILE = 8 << 20;

const fileSchema = z.strictObject({ body: z.string().max(MAX_BODY), signature: z.string().max(200) });

export const receiptFileName = (v: VillageBundleHeader['village'], bundleSeq: number) => `TL-RECEIPT-V-${v.code ?? v.id.slice(0, 8)}-${String(bundleSeq).padStart(6, '0')}.tlreceipt`;

/** Township, after importing (or re-importing) a laptop's bundle: writes its receipt into `dir`. */
export function writeVillageReceipt(core: Core, h: VillageBundleHeader, bundleHash: string, dir: string): string {
  const inst = core.installation();
  if (inst?.role !== 'township') throw refuse('invalid', '只有乡镇（街道）为驻村版签发回执');
  // Read before the rows: a change landing in between travels now and again next time, never never.
  const townshipSeq = currentSeq(core.db);
  const s = readSettings(core);
  const body: VillageReceiptBody = {
    type: RECEIPT_TYPE,
    version: 1,
    township: { code: inst.unitCode, name: inst.unitName },
    village: h.village,
    installationId: h.installationId,
    bundleSeq: h.bundleSeq,
    bundleHash,
    ackSeq: h.seqTo,
    townshipSeq,
    importedAt: core.now().toISOString(),
    settings: { attendanceThresholdDays: s.attendanceThresholdDays, contactIntervalDays: s.contactIntervalDays },
    rows: villageChangesSince(core.db, h.village.id, h.townshipSeq) as VillageReceiptBody['rows'],
    left: villageLeftSince(core.db, h.village.id, h.townshipSeq) as VillageReceiptBody['left'],
  };
  const chosen = chosenRows(core.db, bundleHash.slice(0, 16));
  if (chosen.length) body.chosen = chosen;
  const text = JSON.stringify(body);
  if (Buffer.byteLength(text) > MAX_BODY) throw refuse('too_large', `${h.village.name}的变更过多，回执超出上限，请为该村重新生成驻村版配置包`);
  const key = { key: Buffer.from(signingKey(core).privateKey, 'base64'), format: 'der' as const, type: 'pkcs8' as const };
  const signature = sign(null, Buffer.from(text, 'utf8'), key).toString('base64');
  // The file, not only its body, must fit what the laptop takes: the body's quotes are escaped in it.
  const fileText = JSON.stringify({ body: text, signature }, null, 2) + '\n';
  if (Buffer.byteLength(fileText) > MAX_RECEIPT_FILE) throw refuse('too_large', `${h.village.name}的变更过多，回执超出上限，请为该村重新生成驻村版配置包`);
  fs.mkdirSync(dir, { recursive: true });
  // Never over a receipt already there (another laptop of the village, a re-import's receipt).
  const file = path.join(dir, freeName(dir, receiptFileName(h.village, h.bundleSeq)));
  writeFileDurably(file, fileText);
  return file;
}

export interface VillageReceiptResult {
  bundleSeq: number;
  /** The bundle was confirmed before (by this receipt or another copy). */
  already: boolean;
  /** What the township's changes did here, per table. */
  tables: Preview['tables'];
  /** Rows that moved to another village and are no longer shown here. */
  left: number;
  settingsChanged: boolean;
  /**
   * Older than a receipt already applied (a lower township change number: an old file left on
   * the USB stick, two receipts taken out of order): it only confirms its bundle. Applied, it
   * put back the older settings and showed again members a newer receipt had moved away.
   */
  stale: boolean;
}

function parseReceipt(text: string, origin: VillageOrigin): VillageReceiptBody {
  // Before any parse: nested JSON costs some 50 times its size in memory to refuse.
  if (text.length > MAX_RECEIPT_FILE) throw refuse('too_large', '回执文件过大（不超过8MB），不是乡镇签发的回执');
  let parsed: z.infer<typeof fileSchema>;
  let raw: unknown;
  try {
    parsed = fileSchema.parse(parseShallowJson(text));
    raw = parseShallowJson(parsed.body);
  } catch {
    throw refuse('bad_receipt', '这不是有效的乡镇回执文件，或文件已损坏');
  }
  let ok: boolean;
  try {
    ok = verify(null, Buffer.from(parsed.body, 'utf8'), publicEd25519(origin.township.signerPublicKey), Buffer.from(parsed.signature, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) throw refuse('bad_signature', `回执签名校验失败：不是${origin.township.name}签发的回执，或文件被篡改`);
  const body = bodySchema.safeParse(raw);
  if (!body.success) throw refuse('bad_receipt', `回执内容不合规（${body.error.issues[0]?.path.join('.') || '结构'}），文件已损坏`);
  return body.data;
}

/** Every row is a well-formed row of its table and belongs to this village (a valid signature is not enough). */
function checkReceiptRows(core: Core, b: VillageReceiptBody, villageId: string): void {
  const outside = (what: string) => refuse('out_of_scope', `回执中有不属于${b.village.name}的${what}，未写入任何数据`);
  const ids: Record<string, Set<string>> = {};
  for (const name of PACKAGE_TABLES) {
    const t = SYNC_TABLES.find((x) => x.name === name)!;
    const seen = (ids[name] = new Set());
    b.rows[name].forEach((r, i) => {
      const row = checkPackageRow(t, i, r, { tombstones: true, where: '回执' });
      if (seen.has(row.id as string)) throw refuse('bad_row', `回执中${t.label}记录 ${String(row.id)} 重复出现，文件已被篡改`);
      seen.add(row.id as string);
    });
  }
  const r = b.rows;
  if (r.villages.some((v) => v.id !== villageId)) throw outside('村（社区）');
  if (r.cadre_postings.some((p) => p.village_id !== villageId)) throw outside('驻村经历');
  const cadre = (id: unknown) => id === null || ids.cadres!.has(id as string) || laptopHasCadre(core.db, id as string);
  if (r.cadre_postings.some((p) => !cadre(p.cadre_id) || !cadre(p.replaced_by_cadre_id))) throw outside('驻村干部');
  const postedHere = new Set(r.cadre_postings.flatMap((p) => [p.cadre_id, p.replaced_by_cadre_id]));
  if (r.cadres.some((c) => !postedHere.has(c.id) && !laptopHasCadre(core.db, c.id as string))) throw outside('驻村干部（未派驻该村）');
  if (r.floating_members.some((m) => m.village_id !== villageId)) throw outside('流动党员');
  const member = (id: string) => (ids.floating_members!.has(id) ? true : laptopMemberVillage(core.db, id) === villageId);
  if (r.member_contacts.some((c) => !member(c.member_id as string))) throw outside('一对一联系人');
  if (r.projects.some((p) => p.village_id !== villageId)) throw outside('项目');
  checkChosenRows(core, b, villageId, outside);
}

/** The clerk's choices coming back: each a well-formed row of the laptop's own tables, of this village. */
function checkChosenRows(core: Core, b: VillageReceiptBody, villageId: string, outside: (what: string) => Error): void {
  const ids = new Set<string>();
  (b.chosen ?? []).forEach((c, i) => {
    const row = checkPackageRow(SYNC_TABLES.find((x) => x.name === c.table)!, i, c.row, { tombstones: true, where: '回执' });
    if (ids.has(`${c.table}:${String(row.id)}`)) throw refuse('bad_row', `回执中记录 ${String(row.id)} 重复出现，文件已被篡改`);
    ids.add(`${c.table}:${String(row.id)}`);
    if (c.table === 'work_logs' && row.village_id !== villageId) throw outside('驻村日志');
    if (c.table === 'contact_records' && laptopMemberVillage(core.db, row.member_id as string) !== villageId) throw outside('联系记录');
    if (c.table === 'project_progress' && laptopProjectVillage(core.db, row.project_id as string) !== villageId) throw outside('项目进展');
  });
}

/** Hides rows that moved to another village; returns how many were still shown here. */
function hideLeft(core: Core, b: VillageReceiptBody, tag: string): number {
  const w = core.writer();
  let n = 0;
  // The receipt's own rows by table, looked up once each: a receipt at its limits holds many
  // rows and many that left (a scan per left row took seconds).
  const carried = new Map<string, Set<unknown>>();
  const carries = (table: keyof VillageReceiptBody['rows'], id: string) => {
    let ids = carried.get(table);
    if (!ids) carried.set(table, (ids = new Set(b.rows[table].map((r) => r.id))));
    return ids.has(id);
  };
  for (const l of b.left) {
    if (!isMovable(l.table) || carries(l.table, l.id)) continue;
    const live = stmt(core.db, `SELECT 1 FROM ${l.table} WHERE id = ? AND deleted_at IS NULL`).get(l.id);
    if (!live) continue;
    const seq = nextSeq(core.db);
    hideLeftRow(core.db, l.table, l.id, w.now(), seq);
    appendAudit(core.db, w, { table: l.table, rowId: l.id, action: 'receipt:left', seq, before: null, after: { receipt: tag } });
    n++;
  }
  return n;
}

/**
 * Laptop: verifies the township's receipt and applies it in one transaction: the bundle it names
 * is confirmed, the township's changes for the village are merged by version, moved rows are
 * hidden, and the settings are the township's again.
 */
export function importVillageReceipt(core: Core, text: string): VillageReceiptResult {
  const inst = core.installation();
  if (inst?.role !== 'village') throw refuse('invalid', '只有驻村版导入乡镇的回执');
  const origin = villageOrigin(core);
  if (!origin) throw refuse('invalid', '驻村版缺少所属村（社区）的设置，请重新用配置包设置');
  const b = parseReceipt(text, origin);
  if (b.installationId !== inst.installationId || b.village.id !== origin.village.id || b.township.code !== origin.township.code) {
    throw refuse('not_ours', '这张回执是发给其他村（社区）或另一台驻村版电脑的');
  }
  const out = outOfBundle(core.db, b.bundleSeq);
  if (!out || out.hash !== b.bundleHash) throw refuse('unknown_bundle', `本机没有导出过与回执相符的第 ${b.bundleSeq} 号同步文件`);
  checkReceiptRows(core, b, origin.village.id);
  const receiptHash = createHash('sha256').update(text).digest('hex');
  const tag = `receipt:${receiptHash.slice(0, 16)}`;
  const w = core.writer();
  const db = core.db;
  let result: VillageReceiptResult;
  try {
    result = writeTx(db, () => {
      const already = out.acked_at !== null;
      if (b.townshipSeq < appliedTownshipSeq(core)) {
        if (!already) markAcked(db, b.bundleSeq, b.importedAt, receiptHash);
        return { bundleSeq: b.bundleSeq, already, tables: {}, left: 0, settingsChanged: false, stale: true };
      }
      deferForeignKeys(db);
      ensureStage(db);
      for (const name of PACKAGE_TABLES) {
        const t = SYNC_TABLES.find((x) => x.name === name)!;
        for (const r of b.rows[name]) stageRow(db, stagedRowOf(t, r));
      }
      for (const c of b.chosen ?? []) stageRow(db, stagedRowOf(SYNC_TABLES.find((x) => x.name === c.table)!, c.row));
      ensureDiffTables(db);
      for (const name of [...PACKAGE_TABLES, ...VILLAGE_WRITES]) classifyTownshipRows(db, SYNC_TABLES.find((t) => t.name === name)!);
      writeRows(db, w, tag, 'row');
      const tables = tableCounts(db);
      const left = hideLeft(core, b, tag);
      if (!already) markAcked(db, b.bundleSeq, b.importedAt, receiptHash);
      if (b.townshipSeq > appliedTownshipSeq(core)) setSetting(db, RECEIPT_SEQ, b.townshipSeq);
      const before = getSetting<Record<string, unknown>>(db, 'settings') ?? {};
      const settingsChanged = Object.entries(b.settings).some(([k, v]) => before[k] !== v);
      if (settingsChanged) {
        setSetting(db, 'settings', { ...before, ...b.settings });
        appendAudit(db, w, { table: 'settings', rowId: 'settings', action: 'receipt:settings', seq: null, before: null, after: b.settings });
      }
      return { bundleSeq: b.bundleSeq, already, tables, left, settingsChanged, stale: false };
    });
  } catch (err) {
    throw explainApplyError(err, '驻村版库');
  } finally {
    clearStage(db);
  }
  return result;
}
