import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../electron/api/channels';
import { startHost, type Host } from '../../electron/host/server';
import type { Core } from '../../electron/core';
import { freshCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';
import { makeWorld, RUNS, SKIPPED, snapshot } from './fuzz.fixtures';

/**
 * The browser-mode host given random and malformed requests: random bodies on random channels,
 * malformed JSON, invalid UTF-8, deep nesting, huge bodies, wrong content types and methods, and
 * clients that hang up mid-body. Transport problems get a 4xx with a Chinese message; a body that
 * is JSON is dispatched and answered 200 with {ok:false,error} when refused (the client reads
 * the result the same way in both hosts). Never a 5xx, never a write on refusal, and the host
 * keeps serving afterwards.
 */

const hosts: Host[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

async function host(): Promise<{ core: Core; h: Host }> {
  const core = await freshCore();
  await makeWorld(core);
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>台账</title>');
  const h = await startHost({ core, staticDir });
  hosts.push(h);
  return { core, h };
}

interface Reply {
  status: number;
  body: string;
}

function request(h: Host, opts: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = { 'X-Ledger-Token': h.token, ...opts.headers };
    const req = http.request({ host: '127.0.0.1', port: h.port, path: opts.path, method: opts.method ?? 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const json = { 'Content-Type': 'application/json' };

/** Every answer is JSON with a Chinese message when refused; 4xx for transport problems, never 5xx. */
function expectAnswer(r: Reply, what: string): { ok: boolean } {
  expect(r.status, what).toBeLessThan(500);
  const body = JSON.parse(r.body) as { ok: boolean; error?: { code: string; message: string } };
  expect(typeof body.ok, what).toBe('boolean');
  if (r.status !== 200) expect(body.ok, what).toBe(false);
  if (!body.ok) {
    expect(body.error!.message, what).toMatch(/[\u4e00-\u9fa5]/);
    expect(body.error!.code, what).not.toBe('internal');
  }
  return body;
}

async function stillServes(h: Host) {
  const r = await request(h, { path: '/api/app.status', headers: json, body: '{}' });
  expect(r.status).toBe(200);
  expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { setup: { role: 'township' } } });
}

const channel = fc.oneof(
  fc.constantFrom(...CHANNELS.filter((c) => !SKIPPED.has(c))),
  fc.constantFrom('nope', '__proto__', 'constructor', 'villages.create/../x', '%00', '..%2f..%2fetc', 'a'.repeat(3000), 'villages.list?x=1'),
);

const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ maxLength: 60 }).map((s) => `{"name": ${s}`),
  fc.constantFrom('', 'null', '[]', '"x"', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '\u0000', '{'.repeat(10_000), '[1,]', 'NaN'),
);

describe('browser-mode host given random requests', () => {
  it(`answers random bodies on random channels without 5xx or writes (${RUNS * 20} requests)`, async () => {
    const { core, h } = await host();
    await fc.assert(
      fc.asyncProperty(channel, body, async (name, text) => {
        const before = snapshot(core);
        const r = await request(h, { path: `/api/${encodeURI(name)}`, headers: json, body: text });
        const answer = expectAnswer(r, `${name} ${text.slice(0, 100)} → ${r.status} ${r.body.slice(0, 200)}`);
        if (!answer.ok) expect(snapshot(core)).toEqual(before);
      }),
      { numRuns: RUNS * 20, seed: process.env.TL_FUZZ_SEED === 'random' ? undefined : 8 },
    );
    expect(Object.prototype).not.toHaveProperty('polluted');
    await stillServes(h);
  }, 30_000 + RUNS * 2_000);

  it('refuses malformed transport with a 4xx and a message, and keeps serving', async () => {
    const { core, h } = await host();
    const before = snapshot(core);
    const cases: [string, Parameters<typeof request>[1], number][] = [
      ['unknown channel', { path: '/api/nope', headers: json, body: '{}' }, 404],
      ['prototype name as channel', { path: '/api/__proto__', headers: json, body: '{}' }, 404],
      ['broken JSON', { path: '/api/villages.create', headers: json, body: '{"name": ' }, 400],
      ['invalid UTF-8', { path: '/api/villages.create', headers: json, body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) }, 400],
      // Refused before it is parsed (electron/sync/shallowJson.ts): no call's input nests past 32.
      ['deeply nested', { path: '/api/villages.create', headers: json, body: '['.repeat(200_000) + ']'.repeat(200_000) }, 400],
      ['form post', { path: '/api/villages.create', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'name=x' }, 415],
      ['plain text', { path: '/api/villages.create', headers: { 'Content-Type': 'text/plain' }, body: '{}' }, 415],
      ['multipart', { path: '/api/villages.create', headers: { 'Content-Type': 'multipart/form-data; boundary=x' }, body: '--x--' }, 415],
      ['no content type', { path: '/api/villages.create', body: '{}' }, 415],
      ['GET on the API', { path: '/api/villages.list', method: 'GET' }, 405],
      ['PUT on the API', { path: '/api/villages.create', method: 'PUT', headers: json, body: '{}' }, 405],
      ['DELETE a page', { path: '/index.html', method: 'DELETE' }, 405],
      ['a bad escape in the path', { path: '/%E0%A4%A', method: 'GET' }, 400],
      ['huge body', { path: '/api/villages.create', headers: json, body: JSON.stringify({ name: 'x'.repeat(65 * 1024 * 1024) }) }, 413],
    ];
    for (const [what, req, status] of cases) {
      const r = await request(h, req);
      expect(r.status, what).toBe(status);
      expectAnswer(r, what);
    }
    expect(snapshot(core)).toEqual(before);
    await stillServes(h);
  });

  it('survives clients that hang up mid-body or send a lying Content-Length', async () => {
    const { core, h } = await host();
    const before = snapshot(core);
    const raw = (text: string) =>
      new Promise<void>((resolve) => {
        const s = net.connect(h.port, '127.0.0.1', () => s.end(text));
        s.on('error', () => resolve());
        s.on('close', () => resolve());
        s.resume();
      });
    const head = (len: number) =>
      `POST /api/villages.create HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nX-Ledger-Token: ${h.token}\r\nContent-Type: application/json\r\nContent-Length: ${len}\r\n\r\n`;
    await raw(head(1000) + '{"name":"东');
    await raw(head(5) + '{"name":"东立村","kind":"行政村"}');
    await raw(`POST /api/villages.create HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nTransfer-Encoding: chunked\r\nX-Ledger-Token: ${h.token}\r\nContent-Type: application/json\r\n\r\nzz\r\n`);
    await raw('GARBAGE\r\n\r\n');
    expect(snapshot(core)).toEqual(before);
    await stillServes(h);
  });
});
