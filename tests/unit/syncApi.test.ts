import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';
import { takeDownload } from '../../electron/transfers';
import { freshCore } from '../helpers/core';

const b64 = (file: string) => fs.readFileSync(file).toString('base64');

async function ok<T>(core: Core, name: Parameters<typeof dispatch>[1], payload: unknown): Promise<T> {
  const r = await dispatch(core, name, payload);
  if (!r.ok) throw new Error(`${String(name)}: ${r.error.message}`);
  return r.value as T;
}

describe('sync through the API (what the sync screens do)', () => {
  it('district creates keys, township loads the public key, exports; district previews, confirms the key, imports; township imports the receipt', async () => {
    const district = await freshCore({ setup: 'district' });
    const town = await freshCore();
    await ok(town, 'villages.create', { name: '东立村', kind: '行政村', code: '450311100200' });

    const keys = await ok<{ fingerprint: string; publicKey: { downloadId: string }; privateKey: { downloadId: string } }>(district, 'sync.createDistrictKeys', { passphrase: 'yanshan-2026!' });
    expect(keys.fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    const pub = takeDownload(keys.publicKey.downloadId)!;
    expect(takeDownload(keys.publicKey.downloadId)).toBeNull(); // one-time
    const again = await dispatch(district, 'sync.createDistrictKeys', { passphrase: 'yanshan-2026!' });
    expect(again).toMatchObject({ ok: false, error: { code: 'exists' } });

    // Township: export refused until the district key is loaded; then the fingerprint matches.
    expect(await dispatch(town, 'sync.export', {})).toMatchObject({ ok: false, error: { code: 'no_district_key' } });
    const loaded = await ok<{ fingerprint: string }>(town, 'sync.setDistrictKey', { file: { fileName: 'district.pub', base64: b64(pub.file) } });
    expect(loaded.fingerprint).toBe(keys.fingerprint);
    // The township's own "fingerprint checked" step comes before the district key is used.
    expect(await dispatch(town, 'sync.export', {})).toMatchObject({ ok: false, error: { code: 'district_key_unconfirmed', message: expect.stringContaining(keys.fingerprint) } });
    expect(await dispatch(town, 'sync.confirmDistrictKey', { fingerprint: '0000 0000' })).toMatchObject({ ok: false, error: { code: 'fingerprint_mismatch' } });
    expect((await ok<{ districtKeyConfirmed: boolean }>(town, 'sync.status', {})).districtKeyConfirmed).toBe(false);
    await ok(town, 'sync.confirmDistrictKey', { fingerprint: loaded.fingerprint });
    expect((await ok<{ districtKeyConfirmed: boolean }>(town, 'sync.status', {})).districtKeyConfirmed).toBe(true);
    const exported = await ok<{ fileName: string; downloadId: string; rows: number }>(town, 'sync.export', {});
    expect(exported.rows).toBe(1);
    const bundle = takeDownload(exported.downloadId)!;
    expect((await ok<{ pendingChanges: number; bundles: { ackedAt: string | null }[] }>(town, 'sync.status', {})).bundles[0]!.ackedAt).toBeNull();

    const bad = await dispatch(district, 'sync.preview', { file: { fileName: exported.fileName, base64: b64(bundle.file) }, passphrase: 'wrong' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_passphrase' } });
    // A damaged copy is refused and the attempt stays in the import history, with the reason.
    const damaged = Buffer.from(fs.readFileSync(bundle.file));
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 100) ^ 0xff, damaged.length - 100);
    const refusedPreview = await dispatch(district, 'sync.preview', { file: { fileName: '坏文件.tlbundle', base64: damaged.toString('base64') }, passphrase: 'yanshan-2026!' });
    expect(refusedPreview).toMatchObject({ ok: false, error: { code: 'bad_signature' } });
    const preview = await ok<{ stageId: string; firstKey: boolean; signerFingerprint: string; tables: { table: string; new: number }[]; villages: { name: string; new: number }[] }>(
      district,
      'sync.preview',
      { file: { fileName: exported.fileName, base64: b64(bundle.file) }, passphrase: 'yanshan-2026!' },
    );
    expect(preview.firstKey).toBe(true);
    const townStatus = await ok<{ signerFingerprint: string }>(town, 'sync.status', {});
    expect(preview.signerFingerprint).toBe(townStatus.signerFingerprint);
    expect(preview.tables.find((t) => t.table === 'villages')?.new).toBe(1);
    expect(preview.villages).toEqual([{ name: '东立村', new: 1, changed: 0, deleted: 0 }]);
    // Nothing is applied by the preview.
    expect(district.db.prepare('SELECT count(*) AS n FROM villages').get()).toEqual({ n: 0 });
    expect(await dispatch(district, 'sync.apply', { stageId: preview.stageId })).toMatchObject({ ok: false, error: { code: 'confirm_key' } });
    const applied = await ok<{ result: string; receipt: { downloadId: string } }>(district, 'sync.apply', { stageId: preview.stageId, confirmKey: true });
    expect(applied.result).toBe('applied');
    expect(district.db.prepare('SELECT name FROM villages').all()).toEqual([{ name: '东立村' }]);
    expect(await dispatch(district, 'sync.apply', { stageId: preview.stageId, confirmKey: true })).toMatchObject({ ok: false, error: { code: 'stale' } });

    const receipt = takeDownload(applied.receipt.downloadId)!;
    expect(await ok(town, 'sync.importReceipt', { file: { fileName: receipt.name, base64: b64(receipt.file) } })).toEqual({ bundleSeq: 1, ackSeq: expect.any(Number), already: false });
    const after = await ok<{ pendingChanges: number; bundles: { ackedAt: string | null }[] }>(town, 'sync.status', {});
    expect(after.bundles[0]!.ackedAt).not.toBeNull();
    expect(after.pendingChanges).toBe(0);

    const hist = await ok<{ total: number; rows: { result: string; township: string; bundleSeq: number; rows: number; fileName: string; reason: string | null }[] }>(district, 'sync.history', {});
    expect(hist).toMatchObject({
      total: 2,
      rows: [
        { result: 'applied', township: '雁山镇', bundleSeq: 1, rows: 1, reason: null },
        { result: 'refused', township: '雁山镇', bundleSeq: 1, fileName: '坏文件.tlbundle', reason: expect.stringMatching(/签名校验失败/) },
      ],
    });
    const grid = await ok<{ weeks: unknown[]; townships: { code: string; counts: number[] }[] }>(district, 'sync.completeness', { weeks: 4 });
    expect(grid.weeks).toHaveLength(4);
    expect(grid.townships.map((t) => t.code)).toEqual(expect.arrayContaining(['450311001', '450311100', '450311101', '450311200', '450311201']));
    expect(grid.townships.find((t) => t.code === '450311100')!.counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(grid.townships.find((t) => t.code === '450311101')!.counts.every((c) => c === 0)).toBe(true);
  });

  it('reports the progress of a running export and refuses a second one meanwhile', async () => {
    const town = await freshCore();
    const district = await freshCore({ setup: 'district' });
    const keys = await ok<{ publicKey: { downloadId: string } }>(district, 'sync.createDistrictKeys', { passphrase: 'yanshan-2026!' });
    const loaded = await ok<{ fingerprint: string }>(town, 'sync.setDistrictKey', { file: { fileName: 'district.pub', base64: b64(takeDownload(keys.publicKey.downloadId)!.file) } });
    await ok(town, 'sync.confirmDistrictKey', { fingerprint: loaded.fingerprint });
    for (let i = 0; i < 30; i++) await ok(town, 'villages.create', { name: `村${i}`, kind: '行政村' });
    expect(await ok(town, 'sync.exportProgress', {})).toBeNull();
    const running = dispatch(town, 'sync.export', { full: true });
    expect(await ok(town, 'sync.exportProgress', {})).toMatchObject({ done: expect.any(Number), total: expect.any(Number) });
    expect(await dispatch(town, 'sync.export', {})).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(await running).toMatchObject({ ok: true, value: { bundleSeq: 1, rows: 30 } });
    expect(await ok(town, 'sync.exportProgress', {})).toBeNull();
  });
});
