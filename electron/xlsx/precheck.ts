import zlib from 'node:zlib';

/**
 * A cheap look inside an .xlsx before exceljs loads it: counts the rows of each worksheet by
 * inflating its XML (bounded, synchronous, so a damaged file can neither hang nor balloon) and
 * counting <row> elements. Loading a workbook costs memory in proportion to its rows (100,000 rows
 * take ~300 MB and several seconds), so a file far over the row limit is refused here instead.
 * Anything this cannot read (zip64, encryption, damage) returns null and is left to the loader,
 * which reports it; the loader's own row check still applies to every file.
 */

/** Sheet XML beyond this when inflated is refused outright (a zip bomb, or millions of cells). */
export const MAX_SHEET_XML = 256 * 1024 * 1024;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

function centralDirectory(buf: Buffer): Entry[] | null {
  const min = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    entries.push({
      name: buf.toString('utf8', at + 46, at + 46 + nameLen),
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      localOffset: buf.readUInt32LE(at + 42),
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function entryData(buf: Buffer, e: Entry): Buffer | null {
  const at = e.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) return null;
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + e.compressedSize;
  if (end > buf.length) return null;
  const raw = buf.subarray(start, end);
  if (e.method === 0) return raw;
  if (e.method !== 8) return null;
  return zlib.inflateRawSync(raw, { maxOutputLength: MAX_SHEET_XML });
}

/** A value inside a row: <v>, <is> (inline string), with or without a namespace prefix. */
function hasValue(row: Buffer): boolean {
  for (const tag of ['v>', 'is>']) {
    for (let i = row.indexOf(tag); i >= 0; i = row.indexOf(tag, i + tag.length)) {
      const before = row[i - 1];
      if (before === 0x3c || before === 0x3a) return true;
    }
  }
  return false;
}

/**
 * Rows holding at least one value: <row ...>…</row> (or x:row). Rows that are only formatted
 * (borders drawn down to row 50,000) do not count, as the reader skips them too.
 */
function countRows(xml: Buffer, stopAt: number): number {
  let n = 0;
  for (let i = xml.indexOf('row'); i >= 0; i = xml.indexOf('row', i + 3)) {
    const before = xml[i - 1];
    const after = xml[i + 3];
    if (!((before === 0x3c || before === 0x3a) && (after === 0x20 || after === 0x3e))) continue;
    const close = xml.indexOf('>', i);
    if (close < 0) break;
    if (xml[close - 1] === 0x2f) continue; // <row r="5"/>
    const end = xml.indexOf('row>', close);
    if (end < 0) break;
    if (hasValue(xml.subarray(close, end)) && ++n > stopAt) return n;
    i = end;
  }
  return n;
}

export type Precheck = { tooMany: true } | { tooMany: false };

/** Whether any worksheet has more than `limit` rows with values. */
export function sheetsOverLimit(buf: Buffer, limit: number): Precheck {
  let entries: Entry[] | null;
  try {
    entries = centralDirectory(buf);
  } catch {
    return { tooMany: false };
  }
  for (const e of entries ?? []) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)) continue;
    let xml: Buffer | null;
    try {
      xml = entryData(buf, e);
    } catch (err) {
      // Inflating past the bound: far more cells than any register holds.
      if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { tooMany: true };
      continue;
    }
    if (xml && countRows(xml, limit) > limit) return { tooMany: true };
  }
  return { tooMany: false };
}
