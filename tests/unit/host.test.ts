import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentSeq } from '../../db/sync';
import { offerDownload } from '../../electron/transfers';
import { startHost, type Host } from '../../electron/host/server';
import { freshCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

const hosts: Host[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

async function host() {
  const core = await freshCore();
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>台账</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  const h = await startHost({ core, staticDir });
  hosts.push(h);
  return { core, h, staticDir };
}

/** Raw http so Host and Origin headers can be forged the way other local software could. */
function request(port: number, opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const api = (h: Host, channel: string, body: unknown, headers: Record<string, string> = {}) =>
  request(h.port, {
    path: `/api/${channel}`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Ledger-Token': h.token, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('browser-mode host', () => {
  it('listens on 127.0.0.1 only and prints an address carrying a long random token', async () => {
    const { h } = await host();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(h.openUrl).toBe(`${h.url}#token=${h.token}`);
    expect(h.token).toMatch(/^[0-9a-f]{48}$/);
    const { h: other } = await host();
    expect(other.token).not.toBe(h.token);
  });

  it('refuses API calls without the right token with 401, and writes nothing', async () => {
    const { core, h } = await host();
    const seq = currentSeq(core.db);
    const payload = JSON.stringify({ name: '东立村', kind: '行政村' });
    for (const headers of [{} as Record<string, string>, { 'X-Ledger-Token': 'wrong' }, { 'X-Ledger-Token': h.token.slice(0, -1) + 'x' }]) {
      const r = await request(h.port, { path: '/api/villages.create', method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: payload });
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(currentSeq(core.db)).toBe(seq);
  });

  it('refuses other origins and forged Host headers even with the token', async () => {
    const { core, h } = await host();
    const seq = currentSeq(core.db);
    const evil = await api(h, 'villages.create', { name: '东立村', kind: '行政村' }, { Origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    const rebound = await request(h.port, { path: '/api/app.status', method: 'POST', headers: { Host: 'evil.example', 'X-Ledger-Token': h.token, 'Content-Type': 'application/json' }, body: '{}' });
    expect(rebound.status).toBe(403);
    expect(currentSeq(core.db)).toBe(seq);
    const same = await api(h, 'app.status', {}, { Origin: h.url.replace(/\/$/, '') });
    expect(same.status).toBe(200);
  });

  it('answers a valid call, and a malformed one with a structured error and no write', async () => {
    const { core, h } = await host();
    const ok = await api(h, 'villages.create', { name: '东立村', kind: '行政村' });
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { name: '东立村', version: 1 } });
    const seq = currentSeq(core.db);
    const bad = await api(h, 'villages.create', { name: '', kind: '行政村', secretaryPhone: 'abc' });
    expect(bad.status).toBe(200);
    expect(JSON.parse(bad.body)).toMatchObject({
      ok: false,
      error: { code: 'invalid', fields: expect.arrayContaining([{ path: ['name'], message: '请填写村（社区）名称' }, { path: ['secretaryPhone'], message: '书记联系电话应为11位手机号码或带区号的固定电话（如 0773-3581234）' }]) },
    });
    const notJson = await api(h, 'villages.create', '{"name": ');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'bad_json' } });
    // Nested deeper than any call's input: refused before the parse (which takes seconds of the host).
    const deep = await api(h, 'villages.create', `{"name":${'['.repeat(1 << 20)}${']'.repeat(1 << 20)}}`);
    expect(deep.status).toBe(400);
    expect(JSON.parse(deep.body)).toMatchObject({ ok: false, error: { code: 'bad_json' } });
    const form = await api(h, 'villages.create', 'name=x', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const huge = await api(h, 'villages.create', JSON.stringify({ name: 'x'.repeat(65 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(currentSeq(core.db)).toBe(seq);
  });

  it('serves the built renderer with a strict CSP, and nothing outside it', async () => {
    const { h } = await host();
    const index = await request(h.port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('台账');
    expect(index.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(index.headers['content-security-policy']).not.toMatch(/unsafe-eval/);
    expect(index.headers['x-frame-options']).toBe('DENY');
    const js = await request(h.port, { path: '/assets/app.js' });
    expect(js.headers['content-type']).toMatch(/javascript/);
    for (const p of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../x', '/%E0%A4%A']) {
      const r = await request(h.port, { path: p });
      expect([400, 404], p).toContain(r.status);
      expect(r.body).not.toContain('root:');
    }
    const post = await request(h.port, { path: '/', method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('lets the browser keep the built chunks (named by their hash), never the page that names them', async () => {
    const { h, staticDir } = await host();
    const chunk = 'index-Cv6yk_-8.js';
    fs.writeFileSync(path.join(staticDir, 'assets', chunk), 'console.log(2)');
    const js = await request(h.port, { path: `/assets/${chunk}` });
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toBe('max-age=31536000, immutable');
    expect(js.headers['content-security-policy']).toMatch(/default-src 'none'/);
    // The page, a file without a hash, a miss and the API are never stored.
    for (const r of [await request(h.port, { path: '/' }), await request(h.port, { path: '/assets/app.js' }), await request(h.port, { path: '/assets/gone-AAAAAAAA.js' })]) {
      expect(r.headers['cache-control']).toBe('no-store');
    }
    const status = await api(h, 'app.status', {});
    expect(status.headers['cache-control']).toBe('no-store');
  });
});

describe('browser-mode host: the cases a hostile page or local program would try', () => {
  it('accepts the token only in its header: not in the query, the fragment or an Authorization header', async () => {
    const { core, h } = await host();
    const seq = currentSeq(core.db);
    const body = JSON.stringify({ name: '东立村', kind: '行政村' });
    const json = { 'Content-Type': 'application/json' };
    for (const [p, headers] of [
      [`/api/villages.create?token=${h.token}`, json],
      [`/api/villages.create?x-ledger-token=${h.token}`, json],
      [`/api/villages.create#token=${h.token}`, json],
      ['/api/villages.create', { ...json, Authorization: `Bearer ${h.token}` }],
      ['/api/villages.create', { ...json, Cookie: `token=${h.token}` }],
      ['/api/villages.create', { ...json, 'X-Ledger-Token': h.token.toUpperCase() }],
    ] as [string, Record<string, string>][]) {
      const r = await request(h.port, { path: p, method: 'POST', headers, body });
      expect(r.status, `${p} ${JSON.stringify(headers)}`).toBe(401);
    }
    expect(currentSeq(core.db)).toBe(seq);
  });

  it('refuses look-alike origins: null, https, another port, a longer host name', async () => {
    const { core, h } = await host();
    const seq = currentSeq(core.db);
    for (const origin of ['null', `https://127.0.0.1:${h.port}`, `http://127.0.0.1:${h.port + 1}`, `http://127.0.0.1:${h.port}.evil.example`, 'http://127.0.0.1', `http://evil.example:${h.port}`]) {
      const r = await api(h, 'villages.create', { name: '东立村', kind: '行政村' }, { Origin: origin });
      expect(r.status, origin).toBe(403);
    }
    expect(currentSeq(core.db)).toBe(seq);
    expect((await api(h, 'app.status', {}, { Origin: `http://localhost:${h.port}` })).status).toBe(200);
  });

  it('answers pages, downloads and the API only under its own Host name (DNS rebinding)', async () => {
    const { h } = await host();
    for (const hostHeader of ['evil.example', `evil.example:${h.port}`, `127.0.0.1:${h.port + 1}`, `127.0.0.1.evil.example:${h.port}`, `[::1]:${h.port}`]) {
      for (const p of ['/', '/assets/app.js', `/download/${'a'.repeat(48)}`]) {
        const r = await request(h.port, { path: p, headers: { Host: hostHeader } });
        expect(r.status, `${hostHeader} ${p}`).toBe(403);
        expect(r.body).not.toContain('台账');
      }
    }
  });

  it('grants no cross-origin reads: no CORS headers, and a preflight gets nothing', async () => {
    const { h } = await host();
    const preflight = await request(h.port, {
      path: '/api/app.status',
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-ledger-token' },
    });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const ok = await api(h, 'app.status', {});
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBeUndefined();
    expect(ok.headers['cross-origin-resource-policy']).toBe('same-origin');
    const get = await request(h.port, { path: '/api/app.status', headers: { 'X-Ledger-Token': h.token } });
    expect(get.status).toBe(405);
  });

  it('serves a download without the token exactly once, by its unguessable id only', async () => {
    const { h } = await host();
    const file = path.join(tempDir(), 'TL-450311100-1.tlbundle');
    fs.writeFileSync(file, 'bundle bytes');
    const id = offerDownload(file);
    expect(id).toMatch(/^[0-9a-f]{48}$/);
    const guessed = await request(h.port, { path: `/download/${'0'.repeat(48)}` });
    expect(guessed.status).toBe(404);
    for (const bad of ['/download/../package.json', `/download/${id}/../x`, `/download/${id.toUpperCase()}`, `/download/${id}x`]) {
      expect((await request(h.port, { path: bad })).status, bad).toBe(404);
    }
    const first = await request(h.port, { path: `/download/${id}` });
    expect(first.status).toBe(200);
    expect(first.body).toBe('bundle bytes');
    expect(first.headers['content-disposition']).toContain('TL-450311100-1.tlbundle');
    const again = await request(h.port, { path: `/download/${id}` });
    expect(again.status).toBe(404);
  });
});
