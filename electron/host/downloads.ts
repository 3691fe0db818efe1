/**
 * Files the core offers to the clerk (sync bundles, receipts, backups) are registered in
 * transfers.ts under one-time ids; the host (HTTP in browser mode, app:// in Electron) streams
 * them as downloads with this header.
 */

/** RFC 6266 header value that keeps Chinese file names intact. */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
