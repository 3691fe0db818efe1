import Database from 'better-sqlite3';
import { createCipheriv, createPrivateKey, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { SYNC_TABLES } from '../../db/tables';
import { schemaVersion } from '../../db/migrate';
import type { Core } from '../core';
import { BUNDLE_EXT, FORMAT_VERSION, MAGIC, MAX_HEADER, MAX_VILLAGE_PINS, PENDING_MAGIC, hashRange, readEnvelope, refuse, verifySignature, type AnyHeader, type BundleHeader } from './format';
import { districtFingerprint } from './keys';
import { sealKey } from './seal';
import { StoreError } from '../../db/errors';
import { districtKeyConfirmed, districtPublic, NEXT_FULL, nextExportFull, signingKey } from './state';
import { ackedSeq, beginSnapshot, changedCounts, changedRows, endSnapshot, lastOut, recordOut, takeExportSeq } from '../../db/syncOut';
import { setSetting } from '../../db/settings';
import { appendAudit } from '../../db/sync';
import { removeStaleTemporaries } from '../../db/backup';
import { fsyncDir, fsyncFile } from '../../db/durable';
import { writeTx } from '../../db/tx';
import { strangerRow, villagePins } from '../../db/syncVouched';

const BATCH = 2000;

export interface ExportResult<H extends AnyHeader = BundleHeader> {
  file: string;
  header: H;
  hash: string;
}

export interface ExportOptions {
  dir: string;
  full?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Fault-injection seams for tests (a full or lying medium); the plain file system by default. */
  medium?: ExportMedium;
}

export interface ExportMedium {
  /** The path the temporary file is written at (tests point it at /dev/full). */
  tempFile?: (tmp: string) => string;
  /** The path the written file is read back from for verification (tests hand back altered bytes). */
  readBack?: (tmp: string) => string;
}

/** The app's own export folder beside the database (the CLI may write elsewhere with --out). */
export const exportsDirFor = (dbFile: string) => path.join(path.dirname(path.resolve(dbFile)), 'exports');

/** At start: removes temporary files of exports killed mid-way (their process is gone) from the app's export folder. */
export function removeStaleExportTemps(dbFile: string): string[] {
  return removeStaleTemporaries(exportsDirFor(dbFile), EXPORT_TMP_RE);
}

/** An export's temporary file, `.TL-….tlbundle.<pid>.tmp`: never a bundle, removed once its process is gone. */
const EXPORT_TMP_RE = /^\.TL-.*\.tlbundle\.(\d+)\.tmp$/;

const READBACK_FAILED = '写入后回读校验失败：U盘或磁盘可能有故障，请换一个位置重试';

/**
 * Gives the finished file its name, never over a file of that name: a hard link fails if the name
 * is taken (another export took it in the moment since freeName looked); where the medium has no
 * hard links (FAT and exFAT USB sticks) the name is checked once more and the file renamed.
 */
function placeNew(tmp: string, final: string): void {
  const taken = () => refuse('name_taken', '导出时目标文件夹中刚出现了同名的同步文件，为不覆盖它，本次导出未完成，请重新导出。');
  try {
    fs.linkSync(tmp, final);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST' || fs.existsSync(final)) throw taken();
    fs.renameSync(tmp, final);
    return;
  }
  fs.rmSync(tmp);
}

/** Reads the written file back from the medium and checks it; any difference is a failed verification. */
async function readBackAndVerify(file: string, kind: 'township' | 'village'): Promise<string> {
  try {
    return await verifySignature(kind === 'village' ? readEnvelope(file, { pending: true, kind }) : readEnvelope(file, { pending: true }));
  } catch (err) {
    if (err instanceof StoreError) throw refuse('verify_failed', READBACK_FAILED);
    throw err;
  }
}

/**
 * Rows of one snapshot, table by table (parents first) in change-sequence order, fetched in
 * batches by keyset so memory stays bounded whatever the size; yields NDJSON lines.
 */
async function* payloadLines(reader: Database.Database, from: number, to: number, total: number, onProgress?: ExportOptions['onProgress'], origin?: string) {
  let done = 0;
  for (const t of SYNC_TABLES) {
    let after = from;
    for (;;) {
      const rows = changedRows(reader, t, after, to, BATCH, origin);
      if (!rows.length) break;
      let chunk = '';
      for (const row of rows) chunk += JSON.stringify({ table: t.name, row }) + '\n';
      yield chunk;
      after = rows[rows.length - 1]!.seq;
      done += rows.length;
      onProgress?.(done, total);
    }
  }
}

/** A township's bundle to its district (see writeBundle). */
export async function exportBundle(core: Core, opts: ExportOptions): Promise<ExportResult> {
  const inst = core.installation();
  if (inst?.role !== 'township') throw refuse('invalid', '只有乡镇（街道）导出同步文件');
  const district = districtPublic(core);
  if (!district) throw refuse('no_district_key', '尚未导入区县公钥，请先在“数据同步”中导入区县组织部提供的 district.pub');
  if (!districtKeyConfirmed(core)) {
    throw refuse('district_key_unconfirmed', `请先与区县组织部电话核对区县公钥指纹（${districtFingerprint(district)}），在“数据同步”中确认后再导出`);
  }
  // After a restore the district may hold changes this copy no longer has: only a full export,
  // taken at the district as this township's truth, brings the two together again.
  const full = !!opts.full || nextExportFull(core.db);
  return writeBundle(core, opts, {
    full,
    recipientX25519: district.x25519,
    kind: 'township',
    identity: { format: 'township-ledger-bundle', township: { code: inst.unitCode, name: inst.unitName }, recipient: { fingerprint: districtFingerprint(district), x25519: district.x25519 } },
    fileName: (bundleSeq, stamp) => `TL-${inst.unitCode}-${String(bundleSeq).padStart(6, '0')}-${stamp}${BUNDLE_EXT}`,
    onRecorded: () => {
      if (full) setSetting(core.db, NEXT_FULL, false);
    },
  });
}

/** What differs between a township's bundle to its district and a 驻村版's to its township. */
export interface BundleSpec<H extends AnyHeader> {
  full: boolean;
  recipientX25519: string;
  kind: 'township' | 'village';
  identity: Pick<H, 'format' | 'township' | 'recipient'>;
  /** Header members of this kind only (a village bundle's `village` and `townshipSeq`). */
  extra?: Omit<H, keyof BundleHeader>;
  fileName: (bundleSeq: number, stamp: string) => string;
  /** Only rows whose last change this installation made. */
  origin?: string;
  /** Runs inside the transaction that records the bundle as exported. */
  onRecorded?: () => void;
}

/**
 * Writes one bundle atomically: a temporary file is streamed (gzip → AES-256-GCM), signed,
 * fsynced, read back and verified, recorded, and only then renamed to its final name, so a
 * pulled stick never leaves a half bundle that looks whole.
 */
export async function writeBundle<H extends AnyHeader>(core: Core, opts: ExportOptions, spec: BundleSpec<H>): Promise<ExportResult<H>> {
  const inst = core.installation()!;
  const full = spec.full;
  const key = signingKey(core);
  fs.mkdirSync(opts.dir, { recursive: true });
  // Leftovers of interrupted exports (power cut, pulled stick); a running export's file stays.
  removeStaleTemporaries(opts.dir, EXPORT_TMP_RE);

  // A separate read-only connection holds one snapshot for the whole export, so counts and rows
  // agree and the clerk can keep working meanwhile.
  // Every export takes a change number of its own (at least its bundle number), so a genuine
  // chain always has bundleSeq <= seqTo, the bound the district checks; audited like any change
  // so the clock and the audit log keep agreeing.
  const w = core.writer();
  writeTx(core.db, () => {
    const nextBundle = (lastOut(core.db)?.bundle_seq ?? 0) + 1;
    const seq = takeExportSeq(core.db, nextBundle);
    appendAudit(core.db, w, { table: 'sync_out', rowId: String(nextBundle), action: 'export', seq, before: null, after: { full } });
  });
  const reader = new Database(core.file, { readonly: true, fileMustExist: true });
  let tmp = '';
  try {
    const to = beginSnapshot(reader);
    const from = full ? 0 : ackedSeq(reader);
    const counts: BundleHeader['counts'] = {};
    let total = 0;
    for (const t of SYNC_TABLES) {
      if (spec.kind === 'township') {
        const stranger = strangerRow(reader, t.name, from, to, inst.installationId);
        if (stranger) {
          throw refuse('foreign_rows', `${t.label} ${stranger.id} 的来源 ${stranger.origin} 既不是本机，也不是本乡镇登记的驻村版，无法导出。请联系技术支持。`);
        }
      }
      const c = changedCounts(reader, t, from, to, spec.origin);
      counts[t.name] = c;
      total += c.rows;
    }
    const pins = spec.kind === 'township' ? villagePins(reader) : [];
    if (pins.length > MAX_VILLAGE_PINS) throw refuse('invalid', `本乡镇登记的驻村版超过 ${MAX_VILLAGE_PINS} 台，无法导出`);
    const prev = lastOut(core.db);
    const bundleSeq = (prev?.bundle_seq ?? 0) + 1;
    const { contentKey, crypto } = sealKey(spec.recipientX25519);
    const id = spec.identity;
    // Members in the order FORMAT.md shows them; a village bundle's own ones last.
    const header = {
      format: id.format,
      version: FORMAT_VERSION,
      schemaVersion: schemaVersion(reader),
      township: id.township,
      installationId: inst.installationId,
      bundleSeq,
      prevHash: prev?.hash ?? null,
      full,
      seqFrom: from,
      seqTo: to,
      counts,
      createdAt: core.now().toISOString(),
      signerPublicKey: key.publicKey,
      recipient: id.recipient,
      crypto,
      ...spec.extra,
      // The laptops whose rows travel on in a township's bundle, vouched for by this signature:
      // every one pinned here, revoked ones too (what they sent before their revocation stays theirs).
      ...(pins.length ? { villagePins: pins } : {}),
    } as H;
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    // Said as what it is: past this the read-back failed and blamed the disk.
    if (headerBytes.length > MAX_HEADER) {
      throw refuse('header_too_large', `同步文件头部过大（${headerBytes.length} 字节，担保的驻村版电脑 ${pins.length} 台），无法导出。请联系区县信息化管理员。`);
    }
    const stamp = header.createdAt.replace(/[-:]/g, '').replace(/\..*$/, '');
    // Never over a file already there: a second PC of the same township (a replacement, before
    // the old one is retired) numbers its bundles from 1 too, and one exported within the same
    // second into the same folder would silently replace the other's bundle.
    const freeName = () => {
      let name = spec.fileName(bundleSeq, stamp);
      for (let n = 2; fs.existsSync(path.join(opts.dir, name)); n++) name = spec.fileName(bundleSeq, `${stamp}-${n}`);
      return name;
    };
    tmp = path.join(opts.dir, `.${freeName()}.${process.pid}.tmp`);
    tmp = opts.medium?.tempFile?.(tmp) ?? tmp;

    const prefix = Buffer.alloc(14);
    PENDING_MAGIC.copy(prefix, 0);
    prefix.writeUInt16BE(FORMAT_VERSION, 8);
    prefix.writeUInt32BE(headerBytes.length, 10);
    fs.writeFileSync(tmp, Buffer.concat([prefix, headerBytes]));
    const cipher = createCipheriv('aes-256-gcm', contentKey, Buffer.from(crypto.payloadIv, 'base64'));
    cipher.setAAD(headerBytes);
    await pipeline(Readable.from(payloadLines(reader, from, to, total, opts.onProgress, spec.origin)), createGzip(), cipher, fs.createWriteStream(tmp, { flags: 'a' }));
    fs.appendFileSync(tmp, cipher.getAuthTag());
    fsyncFile(tmp);
    const digest = await hashRange(tmp, fs.statSync(tmp).size);
    fs.appendFileSync(tmp, sign(null, digest, createPrivateKey({ key: Buffer.from(key.privateKey, 'base64'), format: 'der', type: 'pkcs8' })));
    fsyncFile(tmp);
    endSnapshot(reader);

    // Read back what the medium actually holds before calling it done.
    const hash = await readBackAndVerify(opts.medium?.readBack?.(tmp) ?? tmp, spec.kind);
    // Named now, not before the write: on a shared folder another PC's export may have taken the
    // name meanwhile (writing and reading back a bundle to a USB stick takes seconds to minutes).
    const name = freeName();
    const final = path.join(opts.dir, name);
    // Recorded before the file becomes importable: a crash in between leaves a gap (harmless),
    // never two different bundles with one number (a fork).
    writeTx(core.db, () => {
      recordOut(core.db, { bundle_seq: bundleSeq, hash, prev_hash: header.prevHash, seq_from: from, seq_to: to, full: header.full ? 1 : 0, counts: JSON.stringify(counts), created_at: header.createdAt, file_name: name });
      spec.onRecorded?.();
    });
    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.writeSync(fd, MAGIC, 0, MAGIC.length, 0);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    placeNew(tmp, final);
    fsyncDir(opts.dir);
    return { file: final, header, hash };
  } catch (err) {
    if (tmp) fs.rmSync(tmp, { force: true });
    const e = err as NodeJS.ErrnoException;
    if (e?.code === 'ENOSPC') throw refuse('disk_full', '目标磁盘空间不足，同步文件未写入。请清理空间或换一个U盘后重试。');
    if (e?.code === 'EACCES' || e?.code === 'EPERM' || e?.code === 'EROFS') throw refuse('no_access', '无法写入所选文件夹（无权限或只读），请换一个位置');
    if (e?.code === 'EIO') throw refuse('io_error', '写入同步文件时磁盘读写出错（U盘可能已拔出或损坏），同步文件未写入，请换一个U盘或位置后重试。');
    throw err;
  } finally {
    if (reader.open) reader.close();
  }
}
