import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import type * as WorkerThreads from 'node:worker_threads';
import type * as SyncStage from '../../db/syncStage';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { importEach } from '../../electron/sync/importMany';
import { bundleHash, readEnvelope } from '../../electron/sync/format';
import { dropPrefetched, prefetch, takePrefetched } from '../../electron/sync/prefetch';
import { openKey } from '../../electron/sync/seal';
import { stagePayload } from '../../electron/sync/stage';
import { districtKeys, syncedRows } from '../helpers/sync';
import { craftBundle, townshipLines } from '../helpers/faultBundle';
import { district, exported, township, writeBundle } from '../helpers/trust';
import { memberInput, ok, validId } from './floating.helpers';

/**
 * Several bundles in one run (the CLI's import of several files): the WAL is checkpointed in a
 * worker thread between them. What lands is what one import after another lands, a refusal in
 * the middle stops nothing else, and the run leaves the WAL copied and the store's own
 * checkpoint setting back.
 */

/**
 * What the staging workers answered, in order (the real Worker, its messages recorded): so a
 * test can tell the worker staged a file, not the thread after the worker failed.
 */
const answers = vi.hoisted(() => [] as { file?: string; done?: unknown; refusal?: { code: string; message: string }; failed?: string }[]);
vi.mock('node:worker_threads', async (real) => {
  const wt = await real<typeof WorkerThreads>();
  class Recording extends wt.Worker {
    constructor(...args: ConstructorParameters<typeof wt.Worker>) {
      super(...args);
      const file = (args[1]?.workerData as { job?: { place?: { file?: string } } } | undefined)?.job?.place?.file;
      this.on('message', (m: (typeof answers)[number]) => {
        if (file && m && typeof m === 'object') answers.push({ file, ...m });
      });
    }
  }
  return { ...wt, Worker: Recording, default: { ...wt, Worker: Recording } };
});

/** The staging worker's file copied in by the import's thread (prefetch.ts): counted. */
const loads = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../db/syncStage', async (real) => {
  const m = await real<typeof SyncStage>();
  return {
    ...m,
    loadStage: (...args: Parameters<typeof m.loadStage>) => {
      loads.n++;
      return m.loadStage(...args);
    },
  };
});

let people = 0;
async function withRows(code: string, name: string, prefix: string, villages: number): Promise<Core> {
  const town = await township(code, name, prefix);
  for (let i = 0; i < villages; i++) {
    const id = (await ok(town, 'villages.create', { name: `${name}${i}村`, code: `${code}${String(200 + i)}`, kind: '行政村' })).id;
    for (let k = 0; k < 3; k++) await ok(town, 'floating.create', memberInput(id, { idNumber: validId(`45031119900101${String(++people).padStart(3, '0')}`) }));
  }
  return town;
}

/** The payload with the last row of `table` changed by `edit`. */
function edited(lines: string[], table: string, edit: (row: Record<string, unknown>) => Record<string, unknown>): string {
  const at = lines.findLastIndex((l) => (JSON.parse(l) as { table: string }).table === table);
  const item = JSON.parse(lines[at]!) as { table: string; row: Record<string, unknown> };
  return lines.map((l, i) => (i === at ? JSON.stringify({ table, row: edit(item.row) }) : l)).join('\n') + '\n';
}

/** `parts` gzipped in turn, so a payload of hundreds of MB is never held whole. */
async function gzipped(parts: (string | Buffer)[]): Promise<Buffer> {
  const gz = createGzip();
  const out: Buffer[] = [];
  gz.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise((r) => gz.on('end', r));
  for (const p of parts) if (!gz.write(p)) await new Promise((r) => gz.once('drain', r));
  gz.end();
  await ended;
  return Buffer.concat(out);
}

const importOne = (d: Core) => async (file: string) => {
  try {
    const staged = await stageBundle(d, file, districtKeys().keys);
    return applyStaged(d, staged).result;
  } catch (err) {
    return `refused: ${(err as { code?: string }).code}: ${(err as Error).message}`;
  }
};

/** The database file alone, without its WAL: what a checkpoint has copied into it. */
const inFileAlone = (d: Core, sql: string) => {
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tl-walcopy-')), 'copy.db');
  fs.copyFileSync(d.file, copy);
  const db = new Database(copy, { readonly: true });
  try {
    return db.prepare(sql).get();
  } finally {
    db.close();
    fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  }
};

describe('importing several bundles in one run', () => {
  it('applies each as a separate import would, goes on past a refused one, and ends with the WAL copied and autocheckpoint and caches restored', async () => {
    const towns = [await withRows('450311100', '雁山镇', 'aa', 2), await withRows('450311101', '柘木镇', 'bb', 3), await withRows('450311102', '草坪乡', 'cc', 1)];
    const files = await Promise.all(towns.map((t) => exported(t, true)));
    const junk = writeBundle(Buffer.from('not a bundle'), 'junk.tlbundle');

    const one = await district();
    for (const f of files) await importOne(one)(f);

    const many = await district();
    many.db.pragma('wal_autocheckpoint = 1000');
    // The worker checkpoints between bundles, so nothing is copied inside the commits here.
    const cacheBefore = many.db.pragma('cache_size', { simple: true });
    // The store's and the staging's page caches, as each bundle is imported.
    const caches: unknown[] = [];
    const each = importOne(many);
    const results = await importEach(many, [files[0]!, junk, files[1]!, files[2]!], districtKeys().keys, async (f) => {
      const r = await each(f);
      caches.push([many.db.pragma('cache_size', { simple: true }), many.db.pragma('temp.cache_size', { simple: true })]);
      return r;
    });
    expect(results.map((r) => r.replace(/: [^:]*$/, ''))).toEqual(['applied', 'refused: bad_magic', 'applied', 'applied']);
    expect(syncedRows(many)).toEqual(syncedRows(one));
    expect(many.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    // 256 MB each during the run (a township's whole staging kept in memory), their own after it.
    expect(caches).toEqual(Array(4).fill([-262144, -262144]));
    expect(many.db.pragma('cache_size', { simple: true })).toBe(cacheBefore);
    expect(many.db.pragma('temp.cache_size', { simple: true })).toBe(-32768);
    // Every frame the run committed is in the database file already (the WAL left aside).
    expect(inFileAlone(many, 'SELECT count(*) AS n FROM floating_members')).toEqual({ n: 2 * 3 + 3 * 3 + 1 * 3 });
  });

  it('refuses a payload staged in the worker exactly as one staged in the thread, line for line, and leaves no staging file', async () => {
    const a = await withRows('450311100', '雁山镇', 'aa', 1);
    const b = await withRows('450311101', '柘木镇', 'bb', 2);
    const lines = townshipLines(b);
    const crafted = (name: string, opts: Parameters<typeof craftBundle>[1]) => writeBundle(craftBundle(b, opts), name);
    const files = [
      await exported(a, true),
      crafted('not-gzip.tlbundle', { rawPayload: Buffer.from('not gzip at all') }),
      crafted('cut-gzip.tlbundle', { rawPayload: gzipSync(Buffer.from(lines.join('\n'))).subarray(0, 40) }),
      crafted('bad-line.tlbundle', { payload: [lines[0], '{"table":', ...lines.slice(1)].join('\n') + '\n' }),
      crafted('lone-cr.tlbundle', { payload: [lines[0], '', ...lines.slice(1)].join('\r') + '\r' }),
      // CR LF line ends, as an editor on Windows would leave them: taken.
      crafted('crlf.tlbundle', { payload: lines.join('\r\n') + '\r\n' }),
      // An empty last line after a lone CR: a line that does not parse, on either path.
      crafted('cr-cr.tlbundle', { payload: lines.join('\n') + '\r\r' }),
      crafted('lf-cr.tlbundle', { payload: lines.join('\n') + '\n\r' }),
      // Rows that parse but break a check, and a line too long to be one: refused alike.
      crafted('version.tlbundle', { payload: edited(lines, 'floating_members', (r) => ({ ...r, version: Number(r.seq) + 1 })) }),
      crafted('id-number.tlbundle', { payload: edited(lines, 'floating_members', (r) => ({ ...r, id_number: '450311199001010000' })) }),
      crafted('origin.tlbundle', { payload: edited(lines, 'villages', (r) => ({ ...r, origin: 'another-installation' })) }),
      crafted('long-line.tlbundle', { payload: [lines[0], 'x'.repeat(5 << 20)].join('\n') }),
      // A record twice: the upsert would merge the copies while every count took each as new.
      crafted('repeat.tlbundle', { payload: [...lines, lines[0]].join('\n') + '\n' }),
    ];
    const one = await district();
    const expected: string[] = [];
    for (const f of files) expected.push(await importOne(one)(f));
    const many = await district();
    answers.length = 0;
    loads.n = 0;
    expect(await importEach(many, files, districtKeys().keys, importOne(many))).toEqual(expected);
    // The one file after the first that is taken was taken as the worker staged it; a refusal
    // is the thread's own, over the bytes it verified.
    expect(loads.n).toBe(expected.slice(1).filter((r) => r === 'applied').length);
    // Every file but the first was staged by the worker, its refusals word for word.
    const answered = (f: string) => answers.filter((a) => a.file === f).map((a) => (a.refusal ? `refused: ${a.refusal.code}: ${a.refusal.message}` : a.done ? 'applied' : `failed: ${a.failed}`));
    expect(files.slice(1).flatMap(answered)).toEqual(expected.slice(1));
    expect(fs.readdirSync(path.dirname(many.file)).filter((n) => n.includes('.stage-'))).toEqual([]);
    expect(expected.map((r) => r.split(':')[0] + (r.startsWith('refused') ? ':' + r.split(':')[1] : ''))).toEqual([
      'applied',
      'refused: bad_payload',
      'refused: bad_payload',
      'refused: bad_row',
      'refused: bad_row',
      'applied',
      'refused: bad_row',
      'refused: bad_row',
      'refused: bad_row',
      'refused: bad_row',
      'refused: bad_row',
      'refused: bad_row',
      'refused: bad_row',
    ]);
    expect(expected.at(-1)).toMatch(new RegExp(`同步文件第 ${lines.length + 1} 条数据（村（社区））不合规：记录 \\S+ 已在第 1 条出现，同一记录只能出现一次`));
    expect(syncedRows(many)).toEqual(syncedRows(one));
  });

  it('holds a payload of lines each just under the limit a batch at a time, not hundreds of them', async () => {
    const b = await withRows('450311101', '柘木镇', 'bb', 1);
    const lines = townshipLines(b);
    // 300 lines of 4,000,000 characters behind 1 MB of gzip: an earlier decoding worker gathered
    // 500 lines before passing any on, 1.2 G characters here (a 2 MB bundle of 500 took 7.8 GB).
    const line = Buffer.concat([Buffer.alloc(4_000_000, 0x78), Buffer.from('\n')]);
    const file = writeBundle(craftBundle(b, { rawPayload: await gzipped([lines[0] + '\n', ...Array(300).fill(line)]) }), 'long-lines.tlbundle');
    const many = await district();
    const start = process.memoryUsage().rss;
    let peak = start;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      const results = await importEach(many, [await exported(b, true), file], districtKeys().keys, importOne(many));
      expect(results).toEqual(['applied', 'refused: bad_row: 同步文件第 2 条数据无法解析，未导入任何数据']);
    } finally {
      clearInterval(sampler);
    }
    expect((peak - start) / 2 ** 20).toBeLessThan(600);
  });

  it('refuses a small payload that inflates to one endless line, on either path, without gathering it whole', async () => {
    const b = await withRows('450311101', '柘木镇', 'bb', 1);
    const lines = townshipLines(b);
    // 600 MB of one line behind 600 KB of gzip: gathered whole, it passed V8's longest string
    // and the import ended in an uncaught RangeError, never finishing.
    const bomb = writeBundle(craftBundle(b, { rawPayload: await gzipped([lines[0] + '\n', ...Array(600).fill(Buffer.alloc(1 << 20, 0x78))]) }), 'endless-line.tlbundle');
    const refusal = 'refused: bad_row: 同步文件第 2 条数据过长，未导入任何数据';
    const one = await district();
    expect(await importOne(one)(bomb)).toBe(refusal);
    const many = await district();
    expect(await importEach(many, [await exported(b, true), bomb], districtKeys().keys, importOne(many))).toEqual(['applied', refusal]);
  });

  it('removes a staging file left beside the store by an import that died, and only such a file', async () => {
    const a = await withRows('450311100', '雁山镇', 'aa', 1);
    const b = await withRows('450311101', '柘木镇', 'bb', 1);
    const many = await district();
    const dir = path.dirname(many.file);
    const base = path.basename(many.file);
    // A process that has ended (its pid), and one still running (this one's parent).
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const left = path.join(dir, `.${base}.stage-${dead}-1`);
    const running = path.join(dir, `.${base}.stage-${process.ppid}-1`);
    const other = path.join(dir, `.other.db.stage-${dead}-1`);
    for (const f of [left, running, other]) fs.writeFileSync(f, 'rows');
    expect(await importEach(many, [await exported(a, true), await exported(b, true)], districtKeys().keys, importOne(many))).toEqual(['applied', 'applied']);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.stage-')).sort()).toEqual([path.basename(running), path.basename(other)].sort());
  });

  it('refuses a township\'s hostile bundles, signed with its valid key, when the worker staged them, as alone', async () => {
    const a = await withRows('450311100', '雁山镇', 'aa', 1);
    const b = await withRows('450311101', '柘木镇', 'bb', 1);
    const lines = townshipLines(b);
    const aVillage = (JSON.parse(townshipLines(a).find((l) => l.includes('"table":"villages"'))!) as { row: { id: string } }).row.id;
    const crafted = (name: string, payload: string) => writeBundle(craftBundle(b, { payload }), name);
    const files = [
      await exported(a, true),
      // B's member moved under A's village, and a version past anything B's chain could make.
      crafted('under-a.tlbundle', edited(lines, 'floating_members', (r) => ({ ...r, village_id: aVillage }))),
      crafted('huge-version.tlbundle', edited(lines, 'villages', (r) => ({ ...r, version: Number.MAX_SAFE_INTEGER }))),
      await exported(b, true),
    ];
    const one = await district();
    const expected: string[] = [];
    for (const f of files) expected.push(await importOne(one)(f));
    const many = await district();
    loads.n = 0;
    expect(await importEach(many, files, districtKeys().keys, importOne(many))).toEqual(expected);
    expect(expected.map((r) => r.split(':').slice(0, 2).join(':'))).toEqual(['applied', 'refused: out_of_scope', 'refused: bad_row', 'applied']);
    // The worker's staging was taken for both files that got past staging (one then refused by scope).
    expect(loads.n).toBe(2);
    expect(syncedRows(many)).toEqual(syncedRows(one));
  });

  it('takes a staging only from the very bytes whose signature was checked', async () => {
    const b = await withRows('450311101', '柘木镇', 'bb', 1);
    const file = await exported(b, true);
    const d = await district();
    const { keys } = districtKeys();
    const env = readEnvelope(file);
    const key = openKey(env.header, keys.x25519, keys.public.x25519);
    const other = '0'.repeat(64);
    const changed = { code: 'bad_payload', message: expect.stringContaining('校验签名之后被改动') };
    // In the thread, and from a worker that read other bytes (the thread then reads them itself).
    await expect(stagePayload(d.db, env, key, other)).rejects.toMatchObject(changed);
    loads.n = 0;
    prefetch(d, file, keys);
    await expect(stagePayload(d.db, env, key, other, takePrefetched(env, key))).rejects.toMatchObject(changed);
    expect(loads.n).toBe(0);
    prefetch(d, file, keys);
    const declared = Object.fromEntries(Object.entries(env.header.counts).filter(([, c]) => c.rows > 0));
    expect(await stagePayload(d.db, env, key, await bundleHash(file), takePrefetched(env, key))).toEqual(declared);
    expect(loads.n).toBe(1);
    await dropPrefetched();
    expect(fs.readdirSync(path.dirname(d.file)).filter((n) => n.includes('.stage-'))).toEqual([]);
  });

  it('imports a single bundle on the connection alone, as before', async () => {
    const town = await withRows('450311100', '雁山镇', 'aa', 1);
    const d = await district();
    const setting = d.db.pragma('wal_autocheckpoint', { simple: true });
    expect(await importEach(d, [await exported(town, true)], districtKeys().keys, importOne(d))).toEqual(['applied']);
    expect(d.db.pragma('wal_autocheckpoint', { simple: true })).toBe(setting);
  });
});
