import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getInstallation } from '../../db/settings';
import { dispatch } from '../../electron/api/dispatch';
import { makeVillagePackage } from '../../electron/sync/villagePackageMake';
import { freshCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';
import { call, makeWorld } from './fuzz.fixtures';

const b64 = (file: string) => ({ fileName: path.basename(file), base64: fs.readFileSync(file).toString('base64') });

/**
 * The township's rules came with the package: a 驻村版 may not change them (its flags would no
 * longer be the township's), but its operator name and its own backups are the laptop's.
 */
describe('settings on a 驻村版', () => {
  it('refuses a changed township setting by name, writes nothing, and still takes the operator and backup count', async () => {
    const town = await freshCore();
    const world = await makeWorld(town);
    await call(town, 'settings.update', { attendanceThresholdDays: 18, contactIntervalDays: 60 });
    const made = makeVillagePackage(town, world.village.id as string, tempDir());
    const lap = await freshCore({ setup: false });
    await call(lap, 'setup.completeVillage', { file: b64(made.file), fingerprint: made.fingerprint, operator: '李明' });
    const audits = () => lap.db.prepare('SELECT count(*) AS n FROM audit_log').get();
    const auditsBefore = audits();

    const threshold = await dispatch(lap, 'settings.update', { attendanceThresholdDays: 20, operator: '王五' });
    expect(threshold).toMatchObject({ ok: false, error: { code: 'read_only', fields: [{ path: ['attendanceThresholdDays'] }] } });
    if (!threshold.ok) expect(threshold.error.message).toContain('每月驻村天数标准');
    const interval = await dispatch(lap, 'settings.update', { contactIntervalDays: 30 });
    expect(interval).toMatchObject({ ok: false, error: { code: 'read_only' } });
    if (!interval.ok) {
      expect(interval.error.message).toContain('联系间隔天数');
      expect(interval.error.message).not.toContain('每月驻村天数标准');
    }
    // Nothing partly written: the refused call also named a new operator.
    expect(await call(lap, 'settings.get', {})).toMatchObject({ attendanceThresholdDays: 18, contactIntervalDays: 60 });
    expect(getInstallation(lap.db)!.operator).toBe('李明');
    expect(audits()).toEqual(auditsBefore);

    // The settings page sends the whole form: the township's values unchanged beside a new name pass.
    expect(await call(lap, 'settings.update', { attendanceThresholdDays: 18, contactIntervalDays: 60, backupKeep: 5, operator: '王五' })).toMatchObject({
      attendanceThresholdDays: 18,
      contactIntervalDays: 60,
      backupKeep: 5,
    });
    expect(getInstallation(lap.db)!.operator).toBe('王五');

    // The township itself still changes its own.
    expect(await call(town, 'settings.update', { attendanceThresholdDays: 22 })).toMatchObject({ attendanceThresholdDays: 22 });
  });
});
