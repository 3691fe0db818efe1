import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setSetting } from '../../db/settings';
import { dispatch } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';
import { startHost, type Host } from '../../electron/host/server';
import { uploadsDir } from '../../electron/host/uploads';
import { exportBundle } from '../../electron/sync/export';
import { freshCore } from '../helpers/core';
import { districtKeys, PASSPHRASE, trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';

const hosts: Host[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

async function districtHost(maxUploadBytes?: number) {
  const core = await freshCore({ setup: 'district' });
  setSetting(core.db, 'sync.districtSecret', districtKeys().secretFile);
  const h = await startHost({ core, staticDir: tempDir(), maxUploadBytes });
  hosts.push(h);
  return { core, h };
}

/** A real township bundle: one village, exported, signed and sealed for the test district. */
async function townBundle(): Promise<string> {
  const town = await freshCore();
  trustDistrict(town);
  const r = await dispatch(town, 'villages.create', { name: '东立村', kind: '行政村', code: '450311100200' });
  expect(r.ok).toBe(true);
  return (await exportBundle(town, { dir: tempDir() })).file;
}

type Reply = { status: number; json: { ok: boolean; value?: { uploadId: string; size: number }; error?: { code: string; message: string } } };

/** Raw http: headers can be left out or forged; `chunked` sends the body without a Content-Length. */
function post(h: Host, urlPath: string, opts: { headers?: Record<string, string>; body: Buffer; chunked?: boolean }) {
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: h.port, path: urlPath, method: 'POST', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Reply['json'] }));
    });
    req.on('error', reject);
    if (opts.chunked) {
      const mid = Math.floor(opts.body.length / 2);
      req.write(opts.body.subarray(0, mid));
      req.end(opts.body.subarray(mid));
    } else req.end(opts.body);
  });
}

const upload = (h: Host, body: Buffer, headers: Record<string, string> = {}, chunked = false) =>
  post(h, '/upload', { headers: { 'Content-Type': 'application/octet-stream', 'X-Ledger-Token': h.token, 'X-File-Name': encodeURIComponent('雁山镇-第1号.tlbundle'), ...headers }, body, chunked });

const api = (h: Host, channel: string, payload: unknown) =>
  post(h, `/api/${channel}`, { headers: { 'Content-Type': 'application/json', 'X-Ledger-Token': h.token }, body: Buffer.from(JSON.stringify(payload)) });

const leftFiles = (core: Core) => (fs.existsSync(uploadsDir(core)) ? fs.readdirSync(uploadsDir(core)) : []);

describe('streamed bundle upload (browser mode, POST /upload)', () => {
  it('requires the token, a same-site Origin and a file body; refusals store nothing', async () => {
    const { core, h } = await districtHost();
    const body = Buffer.from('not really a bundle');
    const noToken = await upload(h, body, { 'X-Ledger-Token': '' });
    expect(noToken.status).toBe(401);
    expect(noToken.json.error!.message).toMatch(/访问令牌无效/);
    const evil = await upload(h, body, { Origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.json.error!.message).toMatch(/拒绝来自其他网页的访问/);
    const json = await upload(h, body, { 'Content-Type': 'application/json' });
    expect(json.status).toBe(415);
    expect(leftFiles(core)).toEqual([]);
    const ok = await upload(h, body, { Origin: `http://127.0.0.1:${h.port}` });
    expect(ok.status).toBe(200);
    expect(ok.json.value).toEqual({ uploadId: expect.stringMatching(/^[0-9a-f]{48}$/), size: body.length });
  });

  it('refuses a file over the cap with 413 and a Chinese message, declared or streamed, leaving no file', async () => {
    const { core, h } = await districtHost(1024);
    const big = Buffer.alloc(4096, 7);
    for (const chunked of [false, true]) {
      const r = await upload(h, big, {}, chunked);
      expect(r.status).toBe(413);
      expect(r.json.error).toEqual({ code: 'too_large', message: '文件过大：不能超过1KB' });
      expect(leftFiles(core)).toEqual([]);
    }
    // The connection and the host still serve the next, small enough, upload.
    expect((await upload(h, Buffer.alloc(1024, 1))).status).toBe(200);
  });

  it('a real bundle uploaded through the route previews and imports; the upload is one-time and removed', async () => {
    const { core, h } = await districtHost();
    const bundle = fs.readFileSync(await townBundle());
    const up = await upload(h, bundle, {}, true);
    expect(up.json.value!.size).toBe(bundle.length);
    expect(leftFiles(core)).toHaveLength(1);
    const uploadId = up.json.value!.uploadId;

    const wrong = await api(h, 'sync.preview', { uploadId, passphrase: 'wrong-passphrase' });
    expect(wrong.json).toMatchObject({ ok: false, error: { code: 'bad_passphrase' } });
    expect(leftFiles(core)).toEqual([]); // a refused preview consumes the upload too

    const again = (await upload(h, bundle)).json.value!.uploadId;
    const preview = (await api(h, 'sync.preview', { uploadId: again, passphrase: PASSPHRASE })).json as unknown as {
      ok: true;
      value: { stageId: string; fileName: string; firstKey: boolean; tables: { table: string; new: number }[] };
    };
    expect(preview.ok).toBe(true);
    expect(preview.value.fileName).toBe('雁山镇-第1号.tlbundle');
    expect(preview.value.tables.find((t) => t.table === 'villages')?.new).toBe(1);
    expect(leftFiles(core)).toEqual([]);
    const reused = await api(h, 'sync.preview', { uploadId: again, passphrase: PASSPHRASE });
    expect(reused.json).toMatchObject({ ok: false, error: { code: 'upload_gone', message: expect.stringMatching(/已失效/) } });

    const applied = await api(h, 'sync.apply', { stageId: preview.value.stageId, confirmKey: true });
    expect(applied.json).toMatchObject({ ok: true, value: { result: 'applied' } });
    expect(core.db.prepare('SELECT name FROM villages').all()).toEqual([{ name: '东立村' }]);
    const history = (await dispatch(core, 'sync.history', {})) as { ok: true; value: { rows: { fileName: string; result: string }[] } };
    expect(history.value.rows[0]).toMatchObject({ result: 'applied', fileName: expect.stringMatching(/雁山镇-第1号\.tlbundle$/) });
  });

  it('refuses an unknown, malformed or other store’s upload id with a Chinese message', async () => {
    const a = await districtHost();
    const b = await districtHost();
    const theirs = (await upload(a.h, Buffer.from('bundle bytes'))).json.value!.uploadId;
    for (const uploadId of [theirs, 'f'.repeat(48), '../../ledger.db']) {
      const r = await dispatch(b.core, 'sync.preview', { uploadId, passphrase: PASSPHRASE });
      expect(r).toMatchObject({ ok: false, error: { code: 'upload_gone', message: expect.stringMatching(/请重新选择同步文件/) } });
    }
    expect(leftFiles(a.core)).toHaveLength(1); // still A's, untouched by B's refusal
    const neither = await dispatch(b.core, 'sync.preview', { passphrase: PASSPHRASE });
    expect(neither).toMatchObject({ ok: false, error: { message: expect.stringMatching(/请选择同步文件/) } });
  });

  it('removes uploads a previous run left behind when the host starts', async () => {
    const core = await freshCore({ setup: 'district' });
    fs.mkdirSync(uploadsDir(core), { recursive: true });
    fs.writeFileSync(path.join(uploadsDir(core), 'abandoned.part'), 'x');
    hosts.push(await startHost({ core, staticDir: tempDir() }));
    expect(leftFiles(core)).toEqual([]);
  });
});
