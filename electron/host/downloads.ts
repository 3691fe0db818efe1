import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Files the core offers to the clerk (sync bundles, receipts): registered under an unguessable
 * one-time id, then streamed by the host (HTTP in browser mode, app:// in Electron) as a
 * download, so a large bundle never travels as one JSON string.
 */

interface Offer {
  file: string;
  name: string;
  expires: number;
}

const offers = new Map<string, Offer>();
const TTL = 10 * 60_000;

export function offerDownload(file: string, name = path.basename(file)): string {
  const now = Date.now();
  for (const [id, o] of offers) if (o.expires < now) offers.delete(id);
  const id = randomBytes(24).toString('hex');
  offers.set(id, { file, name, expires: now + TTL });
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

/** RFC 6266 header value that keeps Chinese file names intact. */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
