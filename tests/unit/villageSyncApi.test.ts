import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { call } from './fuzz.fixtures';
import { laptopFrom, logDays, villageWorld } from '../helpers/village';

/** The 驻村版 hop through the typed channels the screens use, with their roles and confirmations. */

const b64 = (file: string) => ({ fileName: path.basename(file), base64: fs.readFileSync(file).toString('base64') });

describe('village sync channels', () => {
  it('export on the laptop, preview → confirm → apply at the township, receipt back, laptops listed and revoked', async () => {
    const { town, world, pkg } = await villageWorld();
    const lap = await laptopFrom(pkg);
    await logDays(lap, world.cadre.id, '2025-11-01', '2025-11-05');
    expect(await dispatch(town, 'sync.villageExport', {})).toMatchObject({ ok: false, error: { code: 'forbidden_role' } });
    expect(await call(town, 'sync.villageStatus', {})).toBeNull();
    expect(await call(lap, 'sync.villageStatus', {})).toMatchObject({ township: { name: '雁山镇', fingerprint: pkg.fingerprint }, village: { name: '东立村' }, pendingChanges: 5, lastExportAt: null, bundles: [] });
    const exported = await call(lap, 'sync.villageExport', {});
    expect(exported).toMatchObject({ bundleSeq: 1, rows: 5 });

    expect(await dispatch(lap, 'sync.villagePreview', { file: b64(exported.savedPath as string) })).toMatchObject({ ok: false });
    const preview = await call(town, 'sync.villagePreview', { file: b64(exported.savedPath as string) });
    expect(preview).toMatchObject({ village: { name: '东立村' }, bundleSeq: 1, duplicate: false, needsConfirmation: true, previousLaptops: [] });
    expect(preview.tables).toEqual([{ table: 'work_logs', label: expect.any(String), new: 5, changed: 0, deleted: 0, unchanged: 0 }]);
    const unconfirmed = await dispatch(town, 'sync.villageApply', { stageId: preview.stageId, confirmPin: false });
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'confirm_pin', fields: [{ path: ['confirmPin'] }] } });
    const applied = await call(town, 'sync.villageApply', { stageId: preview.stageId, confirmPin: true });
    expect(applied).toMatchObject({ result: 'applied', receipt: { fileName: expect.stringMatching(/^TL-RECEIPT-V-.+-000001\.tlreceipt$/) } });

    const receipt = path.join(path.dirname(town.file), 'receipts', (applied.receipt as { fileName: string }).fileName);
    const back = await call(lap, 'sync.villageReceipt', { file: b64(receipt) });
    expect(back).toMatchObject({ bundleSeq: 1, already: false, left: 0 });
    expect(await call(lap, 'sync.villageStatus', {})).toMatchObject({ pendingChanges: 0, bundles: [{ bundleSeq: 1, rows: 5, ackedAt: expect.any(String) }] });

    const laptops = (await call(town, 'sync.villageLaptops', {})) as unknown as { installationId: string; villageName: string; revokedAt: string | null }[];
    expect(laptops).toMatchObject([{ villageName: '东立村', revokedAt: null }]);
    const missing = await dispatch(town, 'sync.revokeVillageLaptop', { installationId: 'nope', reason: '丢失' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const revoked = await call(town, 'sync.revokeVillageLaptop', { installationId: laptops[0]!.installationId, reason: '电脑丢失' });
    expect(revoked).toMatchObject({ revokeReason: '电脑丢失', revokedBy: '张三' });
    const history = await call(town, 'sync.history', { page: 1, pageSize: 10 });
    expect((history.rows as { result: string; township: string }[])[0]).toMatchObject({ result: 'applied', township: '东立村' });
  });
});
