import type { Database } from 'better-sqlite3';
import { appendAudit, nextSeq, SYNC_COLUMNS } from '../../db/sync';
import { SYNC_TABLES } from '../../db/tables';
import type { Core } from '../core';
import { readEnvelope, refuse, verifySignature, type BundleHeader } from './format';
import { districtFingerprint, fingerprint, type DistrictKeys } from './keys';
import { openKey } from './seal';
import { stagePayload } from './stage';
import { writeTx } from '../../db/tx';

/**
 * District import: verify → decrypt into staging → preview → apply in one transaction.
 * Rows are ordered by their installation's row versions, never by wall clocks: an incoming row
 * replaces the district's copy only if its version is higher, so re-imports change nothing and
 * an older bundle never rolls a row back.
 */

export type Action = 'new' | 'changed' | 'deleted' | 'unchanged';

export interface Preview {
  tables: Record<string, Record<Action, number>>;
  villages: { villageId: string; name: string; new: number; changed: number; deleted: number }[];
}

export interface Staged {
  file: string;
  hash: string;
  header: BundleHeader;
  /** The signer's fingerprint, for confirmation when the township is seen for the first time. */
  signerFingerprint: string;
  pin: 'known' | 'first';
  duplicate: boolean;
  notes: string[];
  preview: Preview;
}

interface InRow {
  hash: string;
  bundle_seq: number;
  created_at: string;
}

function chainNotes(db: Database, h: BundleHeader, hash: string): { duplicate: boolean; notes: string[] } {
  if (db.prepare('SELECT 1 FROM sync_in WHERE hash = ?').get(hash)) {
    return { duplicate: true, notes: ['该同步文件此前已导入过，本次未做任何更改'] };
  }
  const notes: string[] = [];
  const seen = db.prepare('SELECT hash, bundle_seq, created_at FROM sync_in WHERE installation_id = ? ORDER BY bundle_seq').all(h.installationId) as InRow[];
  const same = seen.find((s) => s.bundle_seq === h.bundleSeq);
  const last = seen.at(-1);
  if (same && !h.full) {
    throw refuse(
      'fork',
      `${h.township.name}的第 ${h.bundleSeq} 号同步文件此前已导入过另一个不同的版本（分叉）。可能乡镇端从备份恢复过数据或用两台电脑导出。请联系乡镇确认正在使用的电脑，由其导出一份“完整导出”文件后再导入。`,
    );
  }
  if (same) notes.push(`第 ${h.bundleSeq} 号出现了不同的文件（分叉）；这是完整导出，按记录版本合并，不会回退较新的数据`);
  if (last && h.bundleSeq > last.bundle_seq + 1) {
    notes.push(`缺少第 ${last.bundle_seq + 1}${h.bundleSeq - 1 > last.bundle_seq + 1 ? `–${h.bundleSeq - 1}` : ''} 号同步文件。本文件包含乡镇自上次确认以来的全部变更，可以正常导入；缺少的文件无需补导。`);
  } else if (last && h.bundleSeq === last.bundle_seq + 1 && h.prevHash !== last.hash && !h.full) {
    throw refuse('fork', `${h.township.name}的第 ${h.bundleSeq} 号同步文件与已导入的第 ${last.bundle_seq} 号不衔接（分叉）。请联系乡镇确认后，由其导出一份“完整导出”文件再导入。`);
  } else if (last && h.bundleSeq < last.bundle_seq) {
    notes.push(`这是较旧的同步文件（第 ${h.bundleSeq} 号，已导入至第 ${last.bundle_seq} 号）；较新的数据不会被回退`);
  }
  if (last && h.createdAt < last.created_at) notes.push('文件创建时间早于上一次导入的文件：乡镇电脑的时钟可能不准（不影响导入）');
  return { duplicate: false, notes };
}

function pinState(db: Database, h: BundleHeader): 'known' | 'first' {
  const pinned = db.prepare('SELECT public_key FROM sync_pins WHERE installation_id = ?').get(h.installationId) as { public_key: string } | undefined;
  if (!pinned) return 'first';
  if (pinned.public_key !== h.signerPublicKey) {
    throw refuse('key_mismatch', `${h.township.name}的签名密钥与此前登记的不一致：文件可能不是该乡镇导出的，已拒绝导入。如乡镇重装了程序，请与乡镇电话核对新的密钥指纹。`);
  }
  return 'known';
}

/**
 * Marks every staged row with what applying it would do, in SQL: a join per table instead of a
 * lookup per row, so a large bundle is classified without holding its rows in memory.
 */
function classify(db: Database, origin: string): void {
  for (const t of SYNC_TABLES) {
    const foreign = db.prepare(`SELECT s.id FROM temp.sync_stage s JOIN main.${t.name} c ON c.id = s.id WHERE s.tbl = ? AND c.origin <> ? LIMIT 1`).get(t.name, origin) as
      | { id: string }
      | undefined;
    if (foreign) throw refuse('foreign_row', `记录 ${foreign.id}（${t.name}）属于另一个乡镇的数据，已拒绝导入`);
    db.prepare(`UPDATE temp.sync_stage SET action = CASE WHEN deleted = 1 THEN 'deleted' ELSE 'new' END WHERE tbl = ?`).run(t.name);
    db.prepare(
      `UPDATE temp.sync_stage AS s SET action = CASE
         WHEN s.version <= c.version THEN 'unchanged'
         WHEN s.deleted = 1 AND c.deleted_at IS NULL THEN 'deleted'
         ELSE 'changed' END
       FROM main.${t.name} AS c WHERE c.id = s.id AND s.tbl = ?`,
    ).run(t.name);
  }
}

function tableCounts(db: Database): Preview['tables'] {
  const tables: Preview['tables'] = {};
  const rows = db.prepare('SELECT tbl, action, count(*) AS c FROM temp.sync_stage GROUP BY tbl, action ORDER BY min(n)').all() as { tbl: string; action: Action; c: number }[];
  for (const r of rows) (tables[r.tbl] ??= { new: 0, changed: 0, deleted: 0, unchanged: 0 })[r.action] = r.c;
  return tables;
}

function computePreview(db: Database, h: BundleHeader): Preview {
  classify(db, h.installationId);
  const byVillage = db
    .prepare(
      `SELECT village, sum(action = 'new') AS new, sum(action = 'changed') AS changed, sum(action = 'deleted') AS deleted
       FROM temp.sync_stage WHERE village IS NOT NULL AND action <> 'unchanged' GROUP BY village ORDER BY min(n)`,
    )
    .all() as { village: string; new: number; changed: number; deleted: number }[];
  const nameOf = (id: string) =>
    (db.prepare('SELECT name FROM villages WHERE id = ?').get(id) as { name: string } | undefined)?.name ??
    (JSON.parse((db.prepare("SELECT row FROM temp.sync_stage WHERE tbl = 'villages' AND id = ?").get(id) as { row: string } | undefined)?.row ?? '{}') as { name?: string }).name ??
    '（未知村）';
  return { tables: tableCounts(db), villages: byVillage.map(({ village, ...c }) => ({ villageId: village, name: nameOf(village), ...c })) };
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
  const pin = pinState(core.db, h);
  const { duplicate, notes } = chainNotes(core.db, h, hash);
  if (Math.abs(Date.parse(h.createdAt) - core.now().getTime()) > 2 * 86_400_000) notes.push('文件创建时间与本机时间相差较大：乡镇电脑或本机的时钟可能不准（不影响导入）');
  const contentKey = openKey(h, keys.x25519, keys.public.x25519);
  await stagePayload(core.db, env, contentKey);
  const preview = computePreview(core.db, h);
  return { file, hash, header: h, signerFingerprint: fingerprint(h.signerPublicKey), pin, duplicate, notes, preview };
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

/** Applies the staged rows in one transaction, or nothing. */
export function applyStaged(core: Core, staged: Staged): ImportSummary {
  const h = staged.header;
  const summary = { file: staged.file, hash: staged.hash, township: h.township, bundleSeq: h.bundleSeq, notes: staged.notes };
  if (staged.duplicate) return { ...summary, result: 'duplicate', tables: staged.preview.tables };
  const w = core.writer();
  const db = core.db;
  const tables: Preview['tables'] = {};
  writeTx(db, () => {
    // Rows of one table may point at rows later in the same bundle; checked at commit.
    db.pragma('defer_foreign_keys = ON');
    if (pinState(db, h) === 'first') {
      db.prepare('INSERT INTO sync_pins (installation_id, township_code, township_name, public_key, fingerprint, pinned_at, pinned_by) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        h.installationId, h.township.code, h.township.name, h.signerPublicKey, staged.signerFingerprint, w.now(), w.operator,
      );
    }
    const upserts = new Map(
      SYNC_TABLES.map((t) => {
        const cols = [...SYNC_COLUMNS, ...t.columns];
        const sets = cols.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ');
        return [t.name, db.prepare(`INSERT INTO ${t.name} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')}) ON CONFLICT (id) DO UPDATE SET ${sets}`)];
      }),
    );
    classify(db, h.installationId);
    // The bundle holds each row's final state, not the order of the township's edits, so a row
    // applied early could collide with one of its live-row unique rules (one first secretary
    // per village...) until a later row is applied. Taking every changing row out of the live set
    // first means only final states meet: and those the township already held together.
    for (const t of SYNC_TABLES) {
      db.prepare(`UPDATE main.${t.name} SET deleted_at = 'sync-pending' WHERE id IN (SELECT id FROM temp.sync_stage WHERE tbl = ? AND action IN ('changed', 'deleted'))`).run(t.name);
    }
    Object.assign(tables, tableCounts(db));
    // In keyset batches: the connection cannot write while a statement iterates, and holding
    // every row of a large bundle at once would cost memory in proportion to the bundle.
    const batch = db.prepare("SELECT n, tbl, id, version, action, row FROM temp.sync_stage WHERE n > ? AND action <> 'unchanged' ORDER BY n LIMIT 2000");
    for (let after = 0; ; ) {
      const rows = batch.all(after) as { n: number; tbl: string; id: string; version: number; action: Action; row: string }[];
      if (rows.length === 0) break;
      for (const r of rows) {
        // The district numbers the change in its own sequence; origin and version stay the township's.
        const seq = nextSeq(db);
        upserts.get(r.tbl)!.run({ ...(JSON.parse(r.row) as object), seq });
        appendAudit(db, w, { table: r.tbl, rowId: r.id, action: `import:${r.action}`, seq, before: null, after: { version: r.version, bundle: staged.hash.slice(0, 16) } });
      }
      after = rows.at(-1)!.n;
    }
    db.prepare(
      `INSERT INTO sync_in (hash, installation_id, township_code, township_name, bundle_seq, prev_hash, seq_from, seq_to, full, created_at, imported_at, imported_by, file_name, counts, notes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(staged.hash, h.installationId, h.township.code, h.township.name, h.bundleSeq, h.prevHash, h.seqFrom, h.seqTo, h.full ? 1 : 0, h.createdAt, w.now(), w.operator, staged.file.split(/[\\/]/).pop()!, JSON.stringify(tables), JSON.stringify(staged.notes));
  });
  db.exec('DELETE FROM temp.sync_stage');
  return { ...summary, result: 'applied', tables };
}

/**
 * Keeps a refused bundle in the import history: what was refused, from whom if the header
 * could be read, and why. Written outside the (rolled back) import, never inside it.
 */
export function recordRefusal(core: Core, file: string, err: { code: string; message: string }, name = file.split(/[\\/]/).pop()!): void {
  let h: BundleHeader | null;
  try {
    h = readEnvelope(file).header;
  } catch {
    h = null;
  }
  const w = core.writer();
  writeTx(core.db, () =>
    core.db
      .prepare('INSERT INTO sync_refused (at, operator, file_name, township_code, township_name, bundle_seq, code, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(w.now(), w.operator, name, h?.township.code ?? null, h?.township.name ?? null, h?.bundleSeq ?? null, err.code, err.message),
  );
}
