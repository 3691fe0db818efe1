import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Core } from '../core';
import { forgetReceived, handOver } from '../transfers';

/**
 * Browser mode: a sync bundle is streamed to a temporary file (POST /upload) instead of riding
 * inside a JSON call as base64, so a district-sized bundle is never held in memory. The file gets
 * a random name in <data folder>/temp/imports and handed over (transfers.ts), for the core it was
 * sent to, under an unguessable one-time id that `sync.preview` claims. Contents are never logged.
 */

/** Default cap for one upload (a district-sized bundle is far smaller). */
export const MAX_UPLOAD = 2 * 1024 * 1024 * 1024;

export const uploadsDir = (core: Core) => path.join(path.dirname(path.resolve(core.file)), 'temp', 'imports');

/** Size as the clerk reads it in a message: 2GB, 48MB, 1KB. */
export function humanSize(bytes: number): string {
  const units: [number, string][] = [[1024 ** 3, 'GB'], [1024 ** 2, 'MB'], [1024, 'KB']];
  for (const [n, unit] of units) if (bytes >= n) return `${Math.floor((bytes / n) * 10) / 10}${unit}`;
  return `${bytes}字节`;
}

/** Removes uploads a previous run left behind (crash, closed tab): run once at start. */
export function sweepUploads(core: Core): void {
  forgetReceived(core);
  fs.rmSync(uploadsDir(core), { recursive: true, force: true });
}

/** Counts bytes as they pass; past the cap it drops the rest, so the body is drained for a 413. */
function capped(max: number) {
  let size = 0;
  const state = { over: false, size: () => size };
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > max) state.over = true;
      done(null, state.over ? undefined : chunk);
    },
  });
  return { stream, state };
}

export type Received = { ok: true; uploadId: string; size: number } | { ok: false; reason: 'too_large' };

/** Streams the request body to a new temporary file; nothing is left behind when it is refused or fails. */
export async function receiveUpload(core: Core, req: http.IncomingMessage, fileName: string, max: number): Promise<Received> {
  const dir = uploadsDir(core);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${randomBytes(16).toString('hex')}.part`);
  const counter = capped(max);
  try {
    await pipeline(req, counter.stream, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  }
  if (counter.state.over) {
    fs.rmSync(file, { force: true });
    return { ok: false, reason: 'too_large' };
  }
  return { ok: true, uploadId: handOver(core, file, fileName), size: counter.state.size() };
}
