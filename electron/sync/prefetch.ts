import { Worker } from 'node:worker_threads';
import { MAX_LINE, readEnvelope, type AnyHeader, type Envelope } from './format';
import type { DistrictKeys } from './keys';
import { openKey } from './seal';

/**
 * The next bundle of a multi-file import decrypted and decompressed in a worker thread while the
 * current one is checked and applied (electron/sync/importMany.ts). The worker does only what
 * needs no code of ours: AES-256-GCM, gunzip, UTF-8 and the split into lines, some 15% of a
 * bundle's import on the main thread. Every line still goes through stage.ts's parse and
 * checks, and the payload counts as decrypted only once the worker's GCM tag check has passed
 * at its end, as in the thread's own pipeline.
 *
 * A decoding is used only for the very envelope stageBundle then reads and verifies (same file,
 * header bytes, tag, offsets and content key); anything else is decoded in the thread as
 * before. The worker stays at most MAX_AHEAD batches (1,000 lines or 8 M characters) ahead of
 * the staging: lines waiting in the thread's queue outlive V8's young generation and are only
 * freed by a full collection, so 32 batches ahead cost some 90 MB more peak RSS in a 15-bundle
 * run at scale 0.1 for the same main-thread CPU (2026-12-01). The decoding therefore runs beside the staging
 * rather than far ahead of it.
 */

const BATCH_LINES = 500;

/** The code of a decoding that failed because its worker did (not the payload). */
export const WORKER_FAILED = 'TL_DECODE_WORKER_FAILED';
const MAX_AHEAD = 2;

const WORKER_JS = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { createDecipheriv } = require('node:crypto');
const { createGunzip } = require('node:zlib');
const { file, start, end, key, iv, aad, tag, batchLines, maxAhead, maxLine } = workerData;
let stopped = false;
let held = false;
let ahead = 0;
let paused = false;
let lines = [];
let rest = '';
const decipher = createDecipheriv('aes-256-gcm', Buffer.from(key), Buffer.from(iv));
decipher.setAAD(Buffer.from(aad));
decipher.setAuthTag(Buffer.from(tag));
const source = end >= start ? fs.createReadStream(file, { start, end }) : require('node:stream').Readable.from([]);
const gunzip = createGunzip();
gunzip.setEncoding('utf8');
const fail = (err) => {
  if (stopped) return;
  stopped = true;
  source.destroy();
  parentPort.postMessage({ error: { code: String((err && err.code) || ''), message: String((err && err.message) || err) } });
};
for (const s of [source, decipher, gunzip]) s.on('error', fail);
// Characters in the batch being gathered: a batch goes once it holds batchLines lines or
// maxLine characters, so what waits ahead is bounded in memory, not only in lines (500 lines of
// just under maxLine each were 2 G characters in one batch).
let chars = 0;
const flush = () => {
  if (!lines.length) return;
  parentPort.postMessage({ lines });
  lines = [];
  chars = 0;
  if (++ahead >= maxAhead && !paused) {
    paused = true;
    gunzip.pause();
  }
};
parentPort.on('message', (m) => {
  if (m === 'ack' && --ahead < maxAhead && paused) {
    paused = false;
    gunzip.resume();
  }
});
// Lines as readline splits them (crlfDelay: Infinity): \\n, \\r\\n, or a lone \\r.
const EOL = /\\r?\\n|\\r(?!\\n)/;
gunzip.on('data', (text) => {
  if (stopped) return;
  if (!held && !/[\\r\\n]/.test(text)) {
    // No line ends: appended as it comes, not copied and searched again chunk after chunk.
    rest += text;
  } else {
    const all = rest + text;
    // A \\r at the end may be half of a \\r\\n whose \\n comes next.
    held = all.endsWith('\\r');
    const parts = (held ? all.slice(0, -1) : all).split(EOL);
    rest = parts.pop() + (held ? '\\r' : '');
    for (const l of parts) {
      lines.push(l);
      chars += l.length;
      if (lines.length >= batchLines || chars >= maxLine) flush();
    }
  }
  // A line still without its end at maxLine is passed on as it stands (the staging refuses it as
  // too long) and the decoding ends: it is never gathered whole.
  if (rest.length > maxLine) {
    lines.push(rest);
    rest = '';
    flush();
    stopped = true;
    source.destroy();
    gunzip.destroy();
    parentPort.postMessage({ error: { code: 'TL_LINE_TOO_LONG', message: 'line too long' } });
  }
});
gunzip.on('end', () => {
  if (stopped) return;
  // A held \\r ends a line, empty or not (readline emits '' for the second \\r of "a\\r\\r");
  // text after the last line end is a line if there is any.
  if (rest.endsWith('\\r')) lines.push(rest.slice(0, -1));
  else if (rest.length) lines.push(rest);
  flush();
  parentPort.postMessage({ done: true });
});
source.pipe(decipher).pipe(gunzip);
`;

/** Lines of a payload, in order; rejects as the thread's pipeline's streams would. */
export interface Decoding {
  lines(): AsyncGenerator<string>;
  /** Ends the worker (a refused bundle's, or one never staged). */
  stop(): void;
}

interface Pending {
  file: string;
  env: Envelope<AnyHeader>;
  key: Buffer;
  decoding: Decoding;
}

const pending = new Map<string, Pending>();

function decodeInWorker(env: Envelope<AnyHeader>, key: Buffer): Decoding {
  const worker = new Worker(WORKER_JS, {
    eval: true,
    workerData: {
      file: env.file,
      start: env.payloadStart,
      end: env.tagStart - 1,
      key: new Uint8Array(key),
      iv: new Uint8Array(Buffer.from(env.header.crypto.payloadIv, 'base64')),
      aad: new Uint8Array(env.headerBytes),
      tag: new Uint8Array(env.tag),
      batchLines: BATCH_LINES,
      maxAhead: MAX_AHEAD,
      maxLine: MAX_LINE,
    },
  });
  const queue: string[][] = [];
  let done = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: { lines?: string[]; done?: boolean; error?: { code: string; message: string } }) => {
    if (m.lines) queue.push(m.lines);
    if (m.done) done = true;
    if (m.error) failure ??= Object.assign(new Error(m.error.message), { code: m.error.code });
    signal();
  });
  // The worker's own failure, as opposed to the payload's (which the worker reports as a message
  // with its stream's error): stagePayload decodes the payload again in the thread.
  worker.on('error', (err) => {
    failure ??= Object.assign(new Error(`decode worker failed: ${err.message}`), { code: WORKER_FAILED });
    signal();
  });
  worker.on('exit', () => {
    if (!done) failure ??= Object.assign(new Error('decode worker ended early'), { code: WORKER_FAILED });
    signal();
  });
  const stop = () => void worker.terminate();
  return {
    stop,
    async *lines() {
      try {
        for (;;) {
          const batch = queue.shift();
          if (batch) {
            worker.postMessage('ack');
            yield* batch;
            continue;
          }
          if (failure) throw failure;
          if (done) return;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        stop();
      }
    },
  };
}

/**
 * Starts decoding `file` in a worker if its envelope reads and opens with the district's key;
 * otherwise does nothing (stageBundle then refuses it with the reason, as for any file).
 */
export function prefetch(file: string, keys: DistrictKeys): void {
  if (pending.has(file)) return;
  try {
    const env = readEnvelope(file);
    const key = openKey(env.header, keys.x25519, keys.public.x25519);
    pending.set(file, { file, env, key, decoding: decodeInWorker(env, key) });
  } catch {
    // Refused later, in order, by stageBundle itself.
  }
}

/** The worker's lines for exactly this envelope and key, if they were prefetched. */
export function takePrefetched(env: Envelope<AnyHeader>, key: Buffer): Decoding | null {
  const p = pending.get(env.file);
  if (!p) return null;
  pending.delete(env.file);
  const same =
    p.env.payloadStart === env.payloadStart &&
    p.env.tagStart === env.tagStart &&
    p.env.size === env.size &&
    p.env.headerBytes.equals(env.headerBytes) &&
    p.env.tag.equals(env.tag) &&
    p.key.equals(key);
  if (same) return p.decoding;
  p.decoding.stop();
  return null;
}

/** Ends the decodings not taken (a bundle refused before its staging): `file`'s, or all. */
export function dropPrefetched(file?: string): void {
  for (const p of pending.values()) {
    if (file !== undefined && p.file !== file) continue;
    p.decoding.stop();
    pending.delete(p.file);
  }
}
