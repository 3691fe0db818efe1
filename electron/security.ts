import path from 'node:path';
import type { WebPreferences } from 'electron';

/**
 * The desktop shell's security policy as plain data and pure functions. Kept free of any
 * runtime 'electron' import so unit tests (and the browser-mode host, for the CSP) can load it
 * in plain Node; main.ts only wires these decisions into Electron's hooks.
 */

/** Privileged custom scheme serving the built renderer; no http server, no file:// pages. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ledger';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Ant Design injects <style> tags at runtime, hence style-src 'unsafe-inline'. Scripts only from
 * our own bundle and never eval; nothing may be fetched from or posted to another origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface WebPreferencesOptions {
  /** Absolute path of the bundled preload (build/electron/preload.cjs). */
  preload: string;
  /** app.isPackaged: installed builds get no DevTools, so a clerk cannot be talked into pasting code. */
  packaged: boolean;
}

/** Electron's security checklist, item by item; the window gets exactly these. */
export function webPreferences(opts: WebPreferencesOptions): WebPreferences {
  return {
    preload: opts.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableWebSQL: false,
    webviewTag: false,
    // The built-in spellchecker downloads dictionaries from Google's CDN: not offline, and
    // it would send nothing useful for Chinese anyway.
    spellcheck: false,
    // Dropping a file on the window must not navigate away from the app (and lose unsaved input).
    navigateOnDragDrop: false,
    // Middle-click (auxclick) on a link would ask for a new window; windows are denied anyway,
    // this removes the event itself.
    disableBlinkFeatures: 'Auxclick',
    devTools: !opts.packaged,
  };
}

/**
 * True only for URLs on exactly app://ledger. Parsed, not prefix-matched, so look-alikes such
 * as app://ledger.evil.com or app://x@ledger are refused.
 */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/** IPC is answered only for our own pages; a frame from anywhere else gets nothing. */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  return typeof frameUrl === 'string' && isAppUrl(frameUrl);
}

// Dot segments in any spelling: literal, percent-encoded, or with a backslash separator.
const DOT_SEGMENT = /(^|[/\\])(\.|%2e){2}([/\\]|$)/i;

/**
 * Maps app://ledger/<path> to a file under rootDir (index.html for the root or a directory).
 * Returns null for anything that is not ours or would leave rootDir. URL parsing silently folds
 * "..", so the raw text is checked first: our own bundle never asks for such a path, and a
 * request that does is refused rather than quietly rewritten.
 */
export function resolveAppFile(rootDir: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  const rawPath = url.slice(url.indexOf('//') + 2).replace(/^[^/]*/, '').split(/[?#]/)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(new URL(url).pathname);
    if (DOT_SEGMENT.test(rawPath) || DOT_SEGMENT.test(decodeURIComponent(rawPath))) return null;
  } catch {
    return null; // malformed percent-encoding
  }
  if (decoded.includes('\0') || DOT_SEGMENT.test(decoded)) return null;
  let rel = decoded.replace(/^\/+/, '');
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const root = path.resolve(rootDir);
  const file = path.resolve(root, rel);
  // The containment check is the real guard (drive letters, UNC paths, encoded separators);
  // the pattern checks above only make the refusal explicit.
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

/**
 * Whether the session may perform a request at all. Only our own origin; devtools: so DevTools
 * still works in development; data: because the CSP allows inline images and fonts (no network).
 * Everything else (http, https, ws, file, ftp, other schemes) is cancelled: the app is offline.
 */
export function isAllowedRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  // Exports are handed to the download manager as blobs created by our own page.
  if (url.startsWith(`blob:${APP_ORIGIN}/`)) return true;
  return url.startsWith('devtools:') || url.startsWith('data:');
}

/** Camera, microphone, geolocation, notifications, clipboard-read, USB...: the app needs none. */
export function allowPermission(_permission: string): boolean {
  return false;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Explicit types (served with nosniff), so a module script is never refused for a wrong MIME. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers for every app:// response: the CSP travels with the document itself. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': contentTypeFor(file),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}
