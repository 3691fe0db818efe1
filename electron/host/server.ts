import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core';
import { isChannel } from '../api/channels';
import { dispatch } from '../api/dispatch';
import { text } from '../api/fields';
import { CONTENT_SECURITY_POLICY } from '../security';
import { takeDownload, TRANSFER_ID } from '../transfers';
import { attachment } from './downloads';
import { humanSize, MAX_UPLOAD, receiveUpload, sweepUploads } from './uploads';
import { parseShallowJson } from '../sync/shallowJson';

/**
 * Browser mode: the same core as the Electron app, behind a small HTTP host. It listens on
 * 127.0.0.1 only, and every API call must carry the random token printed at start, so neither
 * other local processes nor web pages the clerk happens to open can read the registers.
 */

export const TOKEN_HEADER = 'x-ledger-token';
// Spreadsheet imports arrive base64-encoded; the upload schema bounds them again per channel.
// Sync bundles are streamed instead (POST /upload, see uploads.ts).
const MAX_BODY = 64 * 1024 * 1024;

const fileNameField = text('文件名', 200);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface HostOptions {
  core: Core;
  staticDir: string;
  port?: number;
  token?: string;
  /** Cap for one streamed upload (POST /upload); 2 GB unless a test lowers it. */
  maxUploadBytes?: number;
}

export interface Host {
  url: string;
  /** url with the token in the fragment: what the clerk opens. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...baseHeaders(), 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

const refuse = (res: http.ServerResponse, status: number, code: string, message: string) =>
  sendJson(res, status, { ok: false, error: { code, message } });

/** Bytes that are not UTF-8 are refused rather than stored as replacement characters. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Past the limit keep draining (only a token holder gets here) so the 413 reaches the client.
      if (size > MAX_BODY) chunks.length = 0;
      else chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function serveStatic(staticDir: string, urlPath: string, res: http.ServerResponse): void {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return refuse(res, 400, 'bad_path', '地址无效');
  }
  const root = path.resolve(staticDir);
  const file = path.resolve(root, '.' + (rel === '/' ? '/index.html' : rel));
  if (file !== root && !file.startsWith(root + path.sep)) return refuse(res, 404, 'not_found', '未找到');
  // Read synchronously (the built files are small and local): a file is answered in the order it
  // was asked for, never after an API call that arrived while it was being read, so the page's
  // code does not wait behind a slow query.
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    if (rel === '/') return refuse(res, 500, 'no_build', '界面文件缺失，请先运行 npm run build:renderer');
    return refuse(res, 404, 'not_found', '未找到');
  }
  const headers: Record<string, string> = { ...baseHeaders(), 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
  // A built chunk's name carries a hash of its content: the browser may keep it (a reload, the
  // restore's reload) instead of fetching and compiling it again. index.html, which names the
  // current chunks, stays no-store.
  if (HASHED_ASSET.test(rel)) headers['Cache-Control'] = 'max-age=31536000, immutable';
  res.writeHead(200, headers);
  res.end(data);
}

/** vite's output names: assets/<name>-<8-character hash>.<ext>. */
const HASHED_ASSET = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8}\.(?:js|css|svg|png|woff2)$/;

/** One-time downloads: the id itself is the capability (see transfers.ts), so no token in the URL. */
function serveDownload(id: string, res: http.ServerResponse): void {
  const d = TRANSFER_ID.test(id) ? takeDownload(id) : null;
  if (!d) return refuse(res, 404, 'not_found', '下载链接已失效，请重新导出');
  res.writeHead(200, { ...baseHeaders(), 'Content-Type': 'application/octet-stream', 'Content-Length': String(d.size), 'Content-Disposition': attachment(d.name) });
  fs.createReadStream(d.file).on('error', () => res.destroy()).pipe(res);
}

/** A file name sent percent-encoded in X-File-Name: kept for the preview and the import history only. */
function uploadName(req: http.IncomingMessage): string {
  const raw = req.headers['x-file-name'];
  let name: string;
  try {
    name = typeof raw === 'string' ? path.basename(decodeURIComponent(raw).replace(/\\/g, '/')) : '';
  } catch {
    name = '';
  }
  const parsed = fileNameField.safeParse(name);
  return parsed.success && parsed.data ? parsed.data : '同步文件.tlbundle';
}

/** POST /upload: the body (application/octet-stream) streamed to a temporary file; answers its one-time id. */
async function serveUpload(core: Core, max: number, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (req.method !== 'POST') return refuse(res, 405, 'method', '不支持的请求');
  if (!(req.headers['content-type'] ?? '').startsWith('application/octet-stream')) {
    req.resume();
    return refuse(res, 415, 'bad_type', '上传内容应为文件（application/octet-stream）');
  }
  const tooLarge = () => refuse(res, 413, 'too_large', `文件过大：不能超过${humanSize(max)}`);
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > max) {
    // Answered before any byte is stored; the body is drained so the 413 reaches the client.
    req.resume();
    return tooLarge();
  }
  const r = await receiveUpload(core, req, uploadName(req), max);
  if (!r.ok) return tooLarge();
  sendJson(res, 200, { ok: true, value: { uploadId: r.uploadId, size: r.size } });
}

export async function startHost(opts: HostOptions): Promise<Host> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  let port = opts.port ?? 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const maxUpload = opts.maxUploadBytes ?? MAX_UPLOAD;
  sweepUploads(opts.core);

  /** The API's and the upload's checks: same-site Origin (when sent) and the token. */
  const authorized = (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
      refuse(res, 403, 'bad_origin', '拒绝来自其他网页的访问');
      return false;
    }
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string' || !sameToken(given, token)) {
      refuse(res, 401, 'unauthorized', '访问令牌无效，请使用启动时显示的完整地址重新打开');
      return false;
    }
    return true;
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      // A page on another site resolving its own name to 127.0.0.1 (DNS rebinding) sends its own Host.
      if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 403, 'bad_host', '拒绝访问');
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname.startsWith('/download/')) return serveDownload(url.pathname.slice('/download/'.length), res);
      if (url.pathname === '/upload') return authorized(req, res) ? serveUpload(opts.core, maxUpload, req, res) : undefined;
      if (!url.pathname.startsWith('/api/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method', '不支持的请求');
        return serveStatic(opts.staticDir, url.pathname, res);
      }
      if (!authorized(req, res)) return;
      if (req.method !== 'POST') return refuse(res, 405, 'method', '不支持的请求');
      const channel = url.pathname.slice('/api/'.length);
      if (!isChannel(channel)) return refuse(res, 404, 'unknown_channel', '未知的操作');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return refuse(res, 415, 'bad_type', '请求内容应为 JSON');
      }
      const body = await readBody(req);
      if (body === null) return refuse(res, 413, 'too_large', '请求内容过大');
      let text: string;
      try {
        text = utf8.decode(body);
      } catch {
        return refuse(res, 400, 'bad_encoding', '请求内容不是有效的 UTF-8 文字');
      }
      let payload: unknown;
      try {
        payload = text === '' ? {} : parseShallowJson(text);
      } catch {
        return refuse(res, 400, 'bad_json', '请求内容不是有效的 JSON');
      }
      const result = await dispatch(opts.core, channel, payload);
      sendJson(res, 200, result);
    })().catch(() => {
      if (!res.headersSent) refuse(res, 500, 'internal', '程序内部错误');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
