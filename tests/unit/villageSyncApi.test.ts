import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { VillageApplied, VillageBundlePreviewed, VillageExported, VillageReceiptApplied, VillageSyncStatus } from '../../electron/api/contract';
import { takeDownload } from '../../electron/transfers';
import { dbDigest } from '../helpers/sync';
import { laptopFrom, logDays, villageWorld } from '../helpers/village';
import { call, memberInput, validId } from './fuzz.fixtures';

/**
 * The channels the 同步 screens use for the village ↔ township hop, through dispatch with real
 * files and keys: the laptop's export is downloaded, previewed at the township (laptop fingerprint,
 * counts, pin state), applied only after the fingerprint is confirmed, its receipt downloaded and
 * imported on the laptop, which then says in words what the township changed.
 */

const asFile = (file: string) => ({ fileName: file.split('/').pop()!, base64: fs.readFileSync(file).toString('base64') });
const downloaded = (id: string) => takeDownload(id)!.file;

describe('village sync channels', () => {
  it('export → preview → confirm → receipt → laptop, with the status each side shows', async () => {
    const { town, world, pkg } = await villageWorld();
    const lap = await laptopFrom(pkg);
    await logDays(lap, world.cadre.id, '2025-11-03', '2025-11-07');

    const before = (await call(lap, 'sync.villageStatus', {})) as unknown as VillageSyncStatus;
    expect(before).toMatchObject({ role: 'village', township: null, laptop: { village: '东立村', pending: 5, lastExportAt: null, lastReceiptAt: null, bundles: [] } });

    const exported = (await call(lap, 'sync.villageExport', {})) as unknown as VillageExported;
    expect(exported).toMatchObject({ bundleSeq: 1, rows: 5, tables: [{ table: 'work_logs', label: expect.stringMatching(/日志/), rows: 5 }] });
    const bundle = downloaded(exported.downloadId);
    expect(bundle).toBe(exported.savedPath);

    // A township refuses nothing it cannot read and records the refusal; the laptop's bundle previews.
    const garbage = (await call(town, 'sync.villagePreview', { file: { fileName: 'x.tlbundle', base64: Buffer.from('not a bundle').toString('base64') } })) as unknown as VillageBundlePreviewed;
    expect(garbage).toMatchObject({ stageId: null, village: null });
    expect(garbage.refusal).toMatch(/[\u4e00-\u9fa5]{4}/);

    const p = (await call(town, 'sync.villagePreview', { file: asFile(bundle) })) as unknown as VillageBundlePreviewed;
    expect(p).toMatchObject({ village: { name: '东立村' }, bundleSeq: 1, pin: 'first', duplicate: false, refusal: null, previousFingerprints: [] });
    expect(p.signerFingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(p.tables).toEqual([{ table: 'work_logs', label: expect.any(String), new: 5, changed: 0, deleted: 0, unchanged: 0 }]);

    // Not before the clerk confirmed the laptop's fingerprint by phone; nothing is written.
    const digest = dbDigest(town);
    expect(await dispatch(town, 'sync.villageApply', { stageId: p.stageId })).toMatchObject({ ok: false, error: { code: 'confirm_pin', fields: [{ path: ['confirmPin'] }] } });
    expect(dbDigest(town)).toBe(digest);

    // The township adds a member and changes a setting before applying: the receipt carries both back.
    await call(town, 'floating.create', memberInput(world.village.id as string, { name: '黄丽', idNumber: validId('45031119950505444') }));
    await call(town, 'settings.update', { attendanceThresholdDays: 18, operator: '张三' });
    const applied = (await call(town, 'sync.villageApply', { stageId: p.stageId, confirmPin: true })) as unknown as VillageApplied;
    expect(applied).toMatchObject({ result: 'applied', village: '东立村', bundleSeq: 1, tables: [{ table: 'work_logs', new: 5 }] });
    expect(town.db.prepare("SELECT count(*) AS n FROM work_logs WHERE log_date BETWEEN '2025-11-03' AND '2025-11-07'").get()).toEqual({ n: 5 });
    expect(await dispatch(town, 'sync.villageApply', { stageId: p.stageId, confirmPin: true })).toMatchObject({ ok: false, error: { code: 'stale' } });

    const townStatus = (await call(town, 'sync.villageStatus', {})) as unknown as VillageSyncStatus;
    expect(townStatus.township!.laptops).toEqual([expect.objectContaining({ villageName: '东立村', fingerprint: p.signerFingerprint, revokedAt: null })]);
    expect(townStatus.township!.imports.map((i) => [i.result, i.village, i.rows])).toEqual([
      ['applied', '东立村', 5],
      ['refused', null, 0],
    ]);

    const receipt = downloaded(applied.receipt.downloadId);
    const r = (await call(lap, 'sync.villageReceipt', { file: asFile(receipt) })) as unknown as VillageReceiptApplied;
    expect(r).toMatchObject({ bundleSeq: 1, already: false });
    expect(r.changes).toContain('新增流动党员：黄丽');
    expect(r.changes.join('\n')).toMatch(/每月驻村天数标准 18 天/);
    const after = (await call(lap, 'sync.villageStatus', {})) as unknown as VillageSyncStatus;
    expect(after.laptop).toMatchObject({ pending: 0, bundles: [{ bundleSeq: 1, rows: 5 }] });
    expect(after.laptop!.lastReceiptAt).not.toBeNull();
    expect(after.laptop!.bundles[0]!.ackedAt).toBe(after.laptop!.lastReceiptAt);
    // The same receipt again changes nothing and says so.
    const lapDigest = dbDigest(lap);
    expect(await call(lap, 'sync.villageReceipt', { file: asFile(receipt) })).toMatchObject({ already: true, changes: [] });
    expect(dbDigest(lap)).toBe(lapDigest);

    // The township ends the first secretary's posting: the next receipt says so in words.
    const open = town.db.prepare('SELECT id, version FROM cadre_postings WHERE id = ?').get(world.posting.id) as { id: string; version: number };
    await call(town, 'cadres.endPosting', { id: open.id, version: open.version, status: '期满轮换', actualEnd: '2025-12-31', reason: '期满' });
    await logDays(lap, world.cadre.id, '2025-11-10', '2025-11-10');
    const next = (await call(lap, 'sync.villageExport', {})) as unknown as VillageExported;
    const p2 = (await call(town, 'sync.villagePreview', { file: asFile(next.savedPath) })) as unknown as VillageBundlePreviewed;
    expect(p2).toMatchObject({ pin: 'known', refusal: null });
    const a2 = (await call(town, 'sync.villageApply', { stageId: p2.stageId })) as unknown as VillageApplied;
    const r2 = (await call(lap, 'sync.villageReceipt', { file: asFile(downloaded(a2.receipt.downloadId)) })) as unknown as VillageReceiptApplied;
    expect(r2.changes).toEqual([expect.stringMatching(/^李明（第一书记）的派驻已结束（2025-12-31，期满轮换）/)]);
  });

  it('a revoked laptop is refused at preview with the reason, and the revocation is audited', async () => {
    const { town, world, pkg } = await villageWorld();
    const lap = await laptopFrom(pkg);
    await logDays(lap, world.cadre.id, '2025-11-03', '2025-11-04');
    const first = (await call(lap, 'sync.villageExport', {})) as unknown as VillageExported;
    const p = (await call(town, 'sync.villagePreview', { file: asFile(first.savedPath) })) as unknown as VillageBundlePreviewed;
    await call(town, 'sync.villageApply', { stageId: p.stageId, confirmPin: true });
    const { laptops } = ((await call(town, 'sync.villageStatus', {})) as unknown as VillageSyncStatus).township!;

    expect(await dispatch(town, 'sync.villageRevoke', { installationId: laptops[0]!.installationId, reason: '' })).toMatchObject({ ok: false, error: { fields: [{ path: ['reason'] }] } });
    const revoked = await call(town, 'sync.villageRevoke', { installationId: laptops[0]!.installationId, reason: '电脑丢失' });
    expect(revoked).toMatchObject({ villageName: '东立村', revokeReason: '电脑丢失' });
    expect(town.db.prepare("SELECT action FROM audit_log WHERE action = 'revoke:village'").all()).toHaveLength(1);

    await logDays(lap, world.cadre.id, '2025-11-05', '2025-11-05');
    const second = (await call(lap, 'sync.villageExport', {})) as unknown as VillageExported;
    const refused = (await call(town, 'sync.villagePreview', { file: asFile(second.savedPath) })) as unknown as VillageBundlePreviewed;
    expect(refused).toMatchObject({ stageId: null, village: { name: '东立村' }, bundleSeq: 2 });
    expect(refused.refusal).toMatch(/已于 .* 被停用（原因：电脑丢失）/);
    // Nothing of it lands; the refusal is in the import history.
    expect(town.db.prepare("SELECT count(*) AS n FROM work_logs WHERE log_date = '2025-11-05'").get()).toEqual({ n: 0 });
    const { imports } = ((await call(town, 'sync.villageStatus', {})) as unknown as VillageSyncStatus).township!;
    expect(imports[0]).toMatchObject({ result: 'refused', village: '东立村', bundleSeq: 2, reason: refused.refusal });
  });
});
