import type { Database } from 'better-sqlite3';
import { createDecipheriv, createHash } from 'node:crypto';
import fs from 'node:fs';
import { Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { checkSyncRow, SYNC_COLUMNS, type SyncTable } from '../../db/sync';
import { SYNC_TABLES } from '../../db/tables';
import { ensureStage, indexStage, repeatedRow, stagedRowOf, stageRows, storedColumns, type ColumnInfo, type StagedRow } from '../../db/syncStage';
import { MAX_LINE, refuse, type AnyHeader, type Envelope } from './format';
import { inBounds } from './bounds';

/**
 * Decrypts a verified bundle into a TEMP staging table, checking every row against the schema of
 * its table as it goes. Staging keeps memory bounded and lets the apply step be one synchronous
 * transaction (nothing else on the connection can interleave with it).
 */

const MAX_TEXT = 1 << 20;
/** A row id: a lowercase UUID (8-4-4-4-12 hex digits), FORMAT.md's *Payload*. */
const ROW_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Row = Record<string, string | number | null>;

function checkRow(line: number, t: SyncTable, cols: ColumnInfo[], row: unknown, h: AnyHeader, laptops: ReadonlySet<unknown>): Row {
  const bad = (why: string) => refuse('bad_row', `同步文件第 ${line} 条数据（${t.label}）不合规：${why}，未导入任何数据`);
  if (typeof row !== 'object' || row === null || Array.isArray(row)) throw bad('不是一条记录');
  const keys = Object.keys(row);
  if (keys.length !== cols.length) throw bad('字段数目与本程序的数据表不一致（可能版本不同）');
  const r = row as Row;
  for (const c of cols) {
    if (!Object.prototype.hasOwnProperty.call(r, c.name)) throw bad(`缺少字段 ${c.name}`);
    const v = r[c.name];
    if (v === null) {
      if (c.notnull) throw bad(`字段 ${c.name} 不能为空`);
    } else if (c.type === 'INTEGER') {
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw bad(`字段 ${c.name} 应为整数`);
    } else if (typeof v !== 'string' || v.length > MAX_TEXT) {
      throw bad(`字段 ${c.name} 应为文字`);
    }
  }
  // A lowercase UUID, as every id the app makes: another spelling (a space, a capital, a no-break
  // space after one of another township's ids) would be a second row that reads as the same.
  if (typeof r.id !== 'string' || !ROW_ID.test(r.id)) throw bad('记录编号无效（应为小写 UUID）');
  if (!inBounds(r.version as number) || (r.version as number) > (r.seq as number)) throw bad('版本号无效（超出乡镇自身记录可能产生的范围）');
  if ((r.seq as number) <= h.seqFrom || (r.seq as number) > h.seqTo) throw bad('变更序号超出文件声明的范围');
  // A row is the signer's own, or made by a 驻村版 the signer vouches for in its header (whether
  // that laptop's rows lie in its village is the scope check's business, electron/sync/vouch.ts).
  if (r.origin !== h.installationId && !laptops.has(r.origin)) throw bad('数据来源既不是文件签名者，也不是其担保的驻村版');
  const why = checkSyncRow(t, r);
  if (why) throw bad(why);
  return r;
}

/** Line ends as readline splits them with crlfDelay Infinity: \n, \r\n, or a lone \r. */
const EOL = /\r?\n|\r(?!\n)/;

/**
 * The payload's lines, split as readline splits them (a multi-file import's staging worker runs
 * this same code, stageWorker.ts), but never gathering more than MAX_LINE of one: a line still
 * without its end at that length is given as it stands, to be refused as too long. readline gathered it whole, and a
 * small bundle whose payload inflates to one line of hundreds of MB ended in V8's string limit,
 * an uncaught RangeError and an import that never finished.
 */
export async function* payloadLines(output: AsyncIterable<string>): AsyncGenerator<string> {
  let rest = '';
  // Whether `rest` ends in a \r that may be half of a \r\n whose \n comes next.
  let held = false;
  for await (const text of output) {
    if (!held && !/[\r\n]/.test(text)) {
      // No line ends: appended as it comes, not copied and searched again chunk after chunk.
      rest += text;
    } else {
      const all = rest + text;
      held = all.endsWith('\r');
      const parts = (held ? all.slice(0, -1) : all).split(EOL);
      rest = parts.pop()! + (held ? '\r' : '');
      yield* parts;
    }
    if (rest.length > MAX_LINE) {
      yield rest;
      return;
    }
  }
  // A held \r ends a line, empty or not (readline gives '' for the second \r of "a\r\r");
  // text after the last line end is a line if there is any.
  if (rest.endsWith('\r')) yield rest.slice(0, -1);
  else if (rest.length) yield rest;
}

/**
 * The staging's lookup index, refusing a bundle that holds a record twice: an export writes each
 * row once, and the apply's upsert would silently merge the copies (the last one sorted winning)
 * while every count, the history and the district's change numbers counted each copy as new.
 */
export function indexUnique(db: Database): void {
  try {
    indexStage(db, { unique: true });
  } catch (err) {
    const again = (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' ? repeatedRow(db) : undefined;
    if (!again) throw err;
    const label = SYNC_TABLES.find((t) => t.name === again.tbl)?.label ?? again.tbl;
    throw refuse('bad_row', `同步文件第 ${again.n} 条数据（${label}）不合规：记录 ${again.id} 已在第 ${again.prev} 条出现，同一记录只能出现一次，未导入任何数据`);
  }
}

/** Where a payload lies in its file and what opens it: an envelope's, or its copy in a staging worker. */
export interface PayloadPlace {
  file: string;
  payloadStart: number;
  tagStart: number;
  iv: Uint8Array;
  aad: Uint8Array;
  tag: Uint8Array;
}

export const payloadPlace = (env: Envelope<AnyHeader>): PayloadPlace => ({
  file: env.file,
  payloadStart: env.payloadStart,
  tagStart: env.tagStart,
  iv: Buffer.from(env.header.crypto.payloadIv, 'base64'),
  aad: env.headerBytes,
  tag: env.tag,
});

/** A payload's lines as they are decoded; `failed` rejects as the decoding's streams do. */
export interface PayloadSource {
  lines: AsyncIterable<string>;
  failed: Promise<never>;
  /** SHA-256 (hex) of the whole file as this decoding read it, once it has read it all. */
  digest: Promise<string>;
  stop(): void;
}

/**
 * The pipeline file → AES-256-GCM → gunzip → lines (stageFrom checks the GCM tag's verdict). The
 * whole file is read, from one handle, and hashed on the way, the payload's range alone going on
 * to the decipher: so the rows staged can be tied to the very bytes whose signature was checked
 * (stagePayload compares the digest with the verified hash).
 */
export function decodePayload(place: PayloadPlace, contentKey: Uint8Array): PayloadSource {
  const decipher = createDecipheriv('aes-256-gcm', contentKey, place.iv);
  decipher.setAAD(place.aad);
  decipher.setAuthTag(place.tag);
  const source = fs.createReadStream(place.file);
  const hash = createHash('sha256');
  let digest!: (hex: string) => void;
  const digested = new Promise<string>((resolve) => (digest = resolve));
  let at = 0;
  const payload = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      const from = Math.max(place.payloadStart - at, 0);
      const to = Math.min(place.tagStart - at, chunk.length);
      at += chunk.length;
      done(null, to > from ? chunk.subarray(from, to) : undefined);
    },
    flush(done) {
      digest(hash.digest('hex'));
      done();
    },
  });
  const gunzip = createGunzip();
  gunzip.setEncoding('utf8');
  const output = source.pipe(payload).pipe(decipher).pipe(gunzip);
  const failed = new Promise<never>((_, reject) => {
    for (const s of [source, payload, decipher, gunzip]) s.on('error', reject);
  });
  // Whichever loses the race must not surface later as an unhandled rejection.
  failed.catch(() => undefined);
  return { lines: payloadLines(output as AsyncIterable<string>), failed, digest: digested, stop: () => source.destroy() };
}

/** The refusal of a file that changed between its signature's check and its staging. */
export const changedSinceVerified = () => refuse('bad_payload', '同步文件在校验签名之后被改动（可能仍在复制或被改写），未导入任何数据，请稍后重新导入');

export interface StageCounts {
  [table: string]: { rows: number; deleted: number };
}

/**
 * Streams decrypt → gunzip → lines into temp.sync_stage; returns the counts it saw. `staged`:
 * the same payload already staged by a worker thread (prefetch.ts), taken as it stands unless
 * the worker itself failed, in which case the payload is staged here from the start, as a
 * single-file import would.
 */
export async function stagePayload(db: Database, env: Envelope<AnyHeader>, contentKey: Buffer, verified: string, staged?: StagedElsewhere | null): Promise<StageCounts> {
  let tables: StageTables;
  try {
    tables = stageTables(db, storedTables(db));
  } catch (err) {
    // Refused before reading a line: the worker staging this payload must not be left running.
    staged?.stop();
    throw err;
  }
  if (staged) {
    const counts = await staged.into(db, tables, verified);
    if (counts) return counts;
    ensureStage(db);
  }
  const source = decodePayload(payloadPlace(env), contentKey);
  const counts = await stageFrom(db, env.header, tables, source);
  if ((await source.digest) !== verified) throw changedSinceVerified();
  return counts;
}

/**
 * A payload staged by another thread: `into` copies it into this connection's staging if that
 * thread read the file whose hash is `verified`, or gives null (that thread failed, or read
 * other bytes) for this thread to stage it itself.
 */
export interface StagedElsewhere {
  into(db: Database, tables: StageTables, verified: string): Promise<StageCounts | null>;
  stop(): void;
}

export type StageTables = Map<string, { t: SyncTable; cols: ColumnInfo[] }>;

/** The store's columns of every synced table (a staging worker is given them: it has no store). */
export const storedTables = (db: Database): Record<string, ColumnInfo[]> => Object.fromEntries(SYNC_TABLES.map((t) => [t.name, storedColumns(db, t)]));

/** An empty stage, and the synced tables with the store's columns (refused if the store's differ). */
export function stageTables(db: Database, stored: Record<string, ColumnInfo[]>): StageTables {
  ensureStage(db);
  const tables: StageTables = new Map(SYNC_TABLES.map((t) => [t.name, { t, cols: stored[t.name] ?? [] }]));
  for (const { t, cols } of tables.values()) {
    const expected = [...SYNC_COLUMNS, ...t.columns];
    if (cols.map((c) => c.name).join() !== expected.join()) throw refuse('store_broken', `本地数据表 ${t.name} 结构异常`);
  }
  return tables;
}

/**
 * Parses and checks every line of `source` into temp.sync_stage, then checks the whole: a record
 * staged twice, the counts the header declares. A refusal is a StoreError; a full or failing disk
 * is thrown as it came.
 */
export async function stageFrom(db: Database, h: AnyHeader, tables: StageTables, source: PayloadSource): Promise<StageCounts> {
  // Only a township's bundle vouches for laptops; a laptop's own rows are all its own.
  const laptops = new Set('villagePins' in h ? h.villagePins?.map((p) => p.installationId) : []);
  const counts: StageCounts = {};
  let n = 0;
  let batch: StagedRow[] = [];
  // Deferred on purpose: it writes only the TEMP table, and IMMEDIATE would take the main file's
  // write lock for the whole staging, blocking every clerk's save.
  // eslint-disable-next-line no-restricted-syntax
  const flush = db.transaction((rows: StagedRow[]) => {
    stageRows(db, rows);
  });
  const read = (async () => {
    for await (const line of source.lines) {
      n++;
      if (line.length > MAX_LINE) throw refuse('bad_row', `同步文件第 ${n} 条数据过长，未导入任何数据`);
      let item: unknown;
      try {
        item = JSON.parse(line);
      } catch {
        throw refuse('bad_row', `同步文件第 ${n} 条数据无法解析，未导入任何数据`);
      }
      const o = item as { table?: unknown; row?: unknown };
      const entry = typeof o?.table === 'string' ? tables.get(o.table) : undefined;
      if (!entry || Object.keys(o).length !== 2) throw refuse('bad_row', `同步文件第 ${n} 条数据的表名无效，未导入任何数据`);
      const row = checkRow(n, entry.t, entry.cols, o.row, h, laptops);
      const c = (counts[entry.t.name] ??= { rows: 0, deleted: 0 });
      c.rows++;
      if (row.deleted_at !== null) c.deleted++;
      batch.push(stagedRowOf(entry.t, row));
      if (batch.length >= 1000) {
        flush(batch);
        batch = [];
      }
    }
    flush(batch);
    indexUnique(db);
  })();
  // Whichever loses the race must not surface later as an unhandled rejection.
  read.catch(() => undefined);
  try {
    await Promise.race([read, source.failed]);
  } catch (err) {
    source.stop();
    const code = (err as { code?: string }).code;
    if (code === 'bad_row') throw err;
    // A full or failing disk while staging is not a damaged bundle: dispatch reports it as such.
    if (/^(ENOSPC|EIO|SQLITE_FULL|SQLITE_IOERR)/.test(String(code))) throw err;
    // The cause kept: a staging worker tells the file's fault from its own reading's (stageWorker.ts).
    throw Object.assign(refuse('bad_payload', '同步文件内容无法解密或解压：文件已损坏或被篡改，未导入任何数据'), { cause: err });
  }
  checkCounts(h, counts);
  return counts;
}

function checkCounts(h: AnyHeader, counts: StageCounts): void {
  for (const name of new Set([...Object.keys(counts), ...Object.keys(h.counts)])) {
    const a = counts[name] ?? { rows: 0, deleted: 0 };
    const b = h.counts[name] ?? { rows: 0, deleted: 0 };
    if (a.rows !== b.rows || a.deleted !== b.deleted) throw refuse('count_mismatch', `同步文件中 ${name} 的记录数与文件头声明的不一致，未导入任何数据`);
  }
}
