import zlib from 'node:zlib';
import { quotedName } from '../../db/errors';
import { TagCounter } from './tagCounter';

/**
 * Bounds an .xlsx before it is read (bookXml.ts, sheetXml.ts; exceljs for other readers). Reading costs memory
 * in proportion to what the file holds, and a zip can claim anything in its
 * headers, so nothing here trusts them: every part is inflated as a stream, counted as it comes
 * and dropped, and inflating stops at the first byte past a bound. Sizes declared in the central
 * directory and local headers are checked first (a refusal without inflating anything); the
 * actual size must then equal the declared one. Worksheets are scanned for rows, cells and values
 * and the shared-strings part for its strings, with a tag scanner that reads a tag name up to any
 * whitespace (`<row\n`, `<row\t`, `<row `, `<row>`). Memory stays at one inflate chunk per part,
 * whatever the file claims or holds. A zip this cannot read (zip64, encryption, other methods,
 * damage) is refused: the bounds cannot be shown for it. The parts the reader asks for (`keep`)
 * are kept as they are inflated, so they are inflated once and only within these bounds.
 */

export const PRECHECK_LIMITS = {
  /** Parts in the zip (a register workbook has about a dozen). */
  entries: 2_000,
  /** Any one part, inflated. 20,000 rows of 25 columns of inline text is ~35 MB. */
  entryBytes: 64 * 1024 * 1024,
  /** All parts together, inflated. */
  totalBytes: 128 * 1024 * 1024,
  /** Rows of any kind (also only formatted ones, which the reader skips but the loader builds). */
  allRows: 100_000,
  cells: 1_000_000,
  sharedStrings: 1_000_000,
} as const;

/** The parts kept for the reader (`keep`), inflated, by their names in the zip. */
export type Parts = Map<string, Buffer>;

export type Precheck = { ok: true; parts: Parts } | { ok: false; tooManyRows: true } | { ok: false; tooManyRows: false; message: string };

const UNREADABLE = '无法读取该文件，请确认是 Excel 2007 及以上版本保存的 .xlsx 文件';
const MB = 1024 * 1024;
/** What the scanner sees at a time, inflated or stored: memory stays at one of these per part. */
const CHUNK = 256 * 1024;

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

class Refusal extends Error {
  constructor(readonly result: Exclude<Precheck, { ok: true }>) {
    super('refused');
  }
}

const refuse = (message: string): never => {
  throw new Refusal({ ok: false, tooManyRows: false, message });
};
const tooManyRows = (): never => {
  throw new Refusal({ ok: false, tooManyRows: true });
};

function findEocd(buf: Buffer): number {
  const min = Math.max(0, buf.length - 65_557);
  for (let i = buf.length - 22; i >= min; i--) if (buf.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}

/** Every central-directory record, read while the signature repeats, as zip readers do. */
function centralDirectory(buf: Buffer): Entry[] {
  const eocd = findEocd(buf);
  if (eocd < 0) return refuse(UNREADABLE);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) return refuse('该文件使用了 ZIP64 格式，无法检查其大小。请在 Excel 中另存为 .xlsx 后重新导入');
  const entries: Entry[] = [];
  while (at + 46 <= buf.length && buf.readUInt32LE(at) === 0x02014b50) {
    if (entries.length >= PRECHECK_LIMITS.entries) refuse(`文件包含的部件超过 ${PRECHECK_LIMITS.entries} 个，不是正常的 Excel 名册，已拒绝导入`);
    const nameLen = buf.readUInt16LE(at + 28);
    const entry: Entry = {
      name: buf.toString('utf8', at + 46, Math.min(buf.length, at + 46 + nameLen)),
      flags: buf.readUInt16LE(at + 8),
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) {
      refuse('该文件使用了 ZIP64 格式，无法检查其大小。请在 Excel 中另存为 .xlsx 后重新导入');
    }
    entries.push(entry);
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  if (entries.length !== count) refuse(UNREADABLE);
  return entries;
}

function tooLarge(name: string, bytes: number): never {
  return refuse(`文件中的部件${quotedName(name, 60)}解压后超过 ${bytes / MB} MB，远超任何名册，可能是损坏或恶意构造的文件，已拒绝导入`);
}

function totalTooLarge(): never {
  return refuse(`文件解压后总大小超过 ${PRECHECK_LIMITS.totalBytes / MB} MB，远超任何名册，可能是损坏或恶意构造的文件，已拒绝导入`);
}

/** Declared sizes alone, before anything is inflated. */
function checkDeclared(buf: Buffer, entries: readonly Entry[]): void {
  let total = 0;
  for (const e of entries) {
    if (e.flags & 0x1) refuse('该文件已加密，请在 Excel 中取消密码后重新导入');
    if (e.method !== 0 && e.method !== 8) refuse(UNREADABLE);
    const at = e.localOffset;
    if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) refuse(UNREADABLE);
    const localSize = buf.readUInt32LE(at + 22);
    if (Math.max(e.size, localSize) > PRECHECK_LIMITS.entryBytes) tooLarge(e.name, PRECHECK_LIMITS.entryBytes);
    total += e.size;
  }
  if (total > PRECHECK_LIMITS.totalBytes) totalTooLarge();
}

function dataOf(buf: Buffer, e: Entry): Buffer {
  const at = e.localOffset;
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  if (start + e.compressedSize > buf.length) return refuse(UNREADABLE);
  return buf.subarray(start, start + e.compressedSize);
}

/**
 * Streams `raw` through an inflater, handing each chunk to `onChunk`; stops (and destroys the
 * inflater) as soon as more than `cap` bytes came out (`onOver` throws the refusal) or `onChunk`
 * throws. Resolves the inflated size.
 */
function inflateBounded(raw: Buffer, cap: number, onOver: () => never, onChunk: (chunk: Buffer) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const z = zlib.createInflateRaw({ chunkSize: CHUNK });
    let bytes = 0;
    let settled = false;
    const settle = (err: unknown, n = 0) => {
      if (settled) return;
      settled = true;
      z.removeAllListeners('data');
      z.destroy();
      if (err) reject(err);
      else resolve(n);
    };
    z.on('data', (chunk: Buffer) => {
      if (settled) return;
      bytes += chunk.length;
      try {
        if (bytes > cap) onOver();
        onChunk(chunk);
      } catch (err) {
        settle(err);
      }
    });
    z.on('error', () => settle(new Refusal({ ok: false, tooManyRows: false, message: UNREADABLE })));
    z.on('end', () => settle(null, bytes));
    z.end(raw);
  });
}

const SHEET = /^xl\/worksheets\/[^/]+\.xml$/i;
const SHARED = /^xl\/sharedStrings\.xml$/i;

/**
 * Whether the workbook is within the bounds: `{ ok: true }`, a worksheet with more than `maxRows`
 * rows holding values (`tooManyRows`, for the caller's own message), or a Chinese reason.
 */
export async function precheckXlsx(buf: Buffer, maxRows: number, keep: (name: string) => boolean = () => false): Promise<Precheck> {
  try {
    if (buf.length < 22) refuse(UNREADABLE);
    const entries = centralDirectory(buf);
    checkDeclared(buf, entries);
    let total = 0;
    const counts = new TagCounter();
    const parts: Parts = new Map();
    for (const e of entries) {
      // The reader's parts are kept as they are inflated (within the same bounds), not inflated twice.
      const kept: Buffer[] | null = keep(e.name) ? [] : null;
      const raw = dataOf(buf, e);
      const left = PRECHECK_LIMITS.totalBytes - total;
      const cap = Math.min(PRECHECK_LIMITS.entryBytes, left);
      const onOver = (): never => (cap === left ? totalTooLarge() : tooLarge(e.name, PRECHECK_LIMITS.entryBytes));
      const scan = SHEET.test(e.name) || SHARED.test(e.name);
      const onChunk = (chunk: Buffer) => {
        kept?.push(chunk);
        if (!scan) return;
        counts.feed(chunk);
        if (counts.dataRows > maxRows || counts.allRows > PRECHECK_LIMITS.allRows) tooManyRows();
        if (counts.cells > PRECHECK_LIMITS.cells) refuse(`单元格超过 ${PRECHECK_LIMITS.cells / 10_000} 万个，请拆分成多个文件后分批导入`);
        if (counts.strings > PRECHECK_LIMITS.sharedStrings) refuse(`文件中的文字条目超过 ${PRECHECK_LIMITS.sharedStrings / 10_000} 万条，请拆分成多个文件后分批导入`);
      };
      let size: number;
      if (e.method === 0) {
        size = raw.length;
        if (size > cap) onOver();
        for (let at = 0; at < size; at += CHUNK) onChunk(raw.subarray(at, at + CHUNK));
      } else {
        size = await inflateBounded(raw, cap, onOver, onChunk);
      }
      if (size !== e.size) refuse(`文件中的部件${quotedName(e.name, 60)}实际大小与文件记录的不符，文件已损坏或被改动，请在 Excel 中重新保存后导入`);
      total += size;
      if (kept) parts.set(e.name, Buffer.concat(kept));
      // Rows are per sheet; the other counts are for the whole workbook.
      counts.endPart();
    }
    return { ok: true, parts };
  } catch (err) {
    if (err instanceof Refusal) return err.result;
    return { ok: false, tooManyRows: false, message: UNREADABLE };
  }
}
