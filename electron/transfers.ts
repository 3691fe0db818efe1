import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from './core';

/**
 * Files that travel between the clerk and the core outside a JSON call, by path, under
 * unguessable one-time ids: what a host received (a streamed sync bundle: the host hands its path
 * over here) and what a service offers back (bundles, receipts, backups: the host streams them as
 * downloads). Hosts and services meet here and never import each other. Contents are never read
 * or logged here.
 */

export const TRANSFER_ID = /^[0-9a-f]{48}$/;
const newId = () => randomBytes(24).toString('hex');

interface Offer {
  file: string;
  name: string;
  expires: number;
}

const offers = new Map<string, Offer>();
const OFFER_TTL = 10 * 60_000;

export function offerDownload(file: string, name = path.basename(file)): string {
  const now = Date.now();
  for (const [id, o] of offers) if (o.expires < now) offers.delete(id);
  const id = newId();
  offers.set(id, { file, name, expires: now + OFFER_TTL });
  return id;
}

/** Takes (and forgets) an offer; null if unknown, used or expired. */
export function takeDownload(id: string): { file: string; name: string; size: number } | null {
  const o = offers.get(id);
  offers.delete(id);
  if (!o || o.expires < Date.now()) return null;
  try {
    return { file: o.file, name: o.name, size: fs.statSync(o.file).size };
  } catch {
    return null;
  }
}

interface Received {
  file: string;
  fileName: string;
  at: number;
}

const received = new WeakMap<Core, Map<string, Received>>();
/** A received file nobody claimed is dropped (and deleted) when a later one arrives after this long. */
const RECEIVED_TTL = 60 * 60_000;

function expire(core: Core, now: number): void {
  const map = received.get(core);
  if (!map) return;
  for (const [id, u] of map) {
    if (u.at + RECEIVED_TTL >= now) continue;
    map.delete(id);
    fs.rmSync(u.file, { force: true });
  }
}

/** The host hands over a file it received for this core; the file is the core's to move or delete from then on. */
export function handOver(core: Core, file: string, fileName: string): string {
  const now = Date.now();
  expire(core, now);
  const map = received.get(core) ?? new Map<string, Received>();
  received.set(core, map);
  const id = newId();
  map.set(id, { file, fileName, at: now });
  return id;
}

/** Drops every received file's id for this core (the host deletes the files themselves). */
export const forgetReceived = (core: Core) => received.delete(core);

/** Takes (and forgets) a file received for this core; null if unknown, already used or received for another. */
export function takeReceived(core: Core, id: string): { file: string; fileName: string } | null {
  const map = received.get(core);
  const u = TRANSFER_ID.test(id) ? map?.get(id) : undefined;
  if (!u) return null;
  map!.delete(id);
  return fs.existsSync(u.file) ? { file: u.file, fileName: u.fileName } : null;
}
