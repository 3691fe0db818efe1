import { sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getInstallation } from '../../db/settings';
import { applyVillageStaged, stageVillageBundle } from '../../electron/sync/villageImport';
import { importVillageReceipt, writeVillageReceipt } from '../../electron/sync/villageReceipt';
import { signingKey } from '../../electron/sync/state';
import { call, memberInput, projectInput, recordInput, validId } from './fuzz.fixtures';
import { dbDigest } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { exportFrom, importAt, laptopFrom, logDays, refusal, roundTrip, rowsOf, villageWorld } from '../helpers/village';

/**
 * The village ↔ township hop with real files and real keys: a laptop set up from the package logs
 * thirty days, its bundle is imported at the township after the clerk confirms the laptop's
 * fingerprint, and the township's receipt carries its changes for the village back. Every hop is
 * compared column by column, and every re-import changes nothing.
 */

const PACKAGE_TABLES = ['villages', 'cadres', 'cadre_postings', 'floating_members', 'member_contacts', 'projects'] as const;
const LAPTOP_TABLES = ['work_logs', 'contact_records', 'project_progress'] as const;

describe('village → township → village', () => {
  it('carries thirty days of logs up and the township’s changes back, column by column, each hop idempotent', async () => {
    const { town, world, pkg } = await villageWorld();
    const lap = await laptopFrom(pkg);
    const laptopId = getInstallation(lap.db)!.installationId;
    const logs = await logDays(lap, world.cadre.id, '2025-11-01', '2025-11-30');
    expect(logs).toHaveLength(30);
    await call(lap, 'floating.addRecord', { memberId: world.member.id, ...recordInput(), contactDate: '2025-11-20', content: '微信联系，了解务工情况' });
    await call(lap, 'projects.addProgress', { projectId: world.project.id, reportDate: '2025-11-25', percent: 70, note: '设备已安装' });

    const first = await exportFrom(lap);
    expect(path.basename(first)).toMatch(/^TL-V-.+-000001-\d{8}T\d{6}\.tlbundle$/);
    // The first bundle previews and asks: nothing lands until the clerk confirms the laptop's fingerprint.
    const staged = await stageVillageBundle(town, first);
    expect(staged.pin).toEqual({ kind: 'first' });
    expect(staged.tables).toMatchObject({ work_logs: { new: 30 }, contact_records: { new: 1 }, project_progress: { new: 1 } });
    expect(Object.keys(staged.tables).sort()).toEqual([...LAPTOP_TABLES].sort());
    const untouched = dbDigest(town);
    expect((await refusal(Promise.resolve().then(() => applyVillageStaged(town, staged)))).code).toBe('confirm_pin');
    expect(dbDigest(town)).toBe(untouched);

    const trip = await roundTrip(town, lap, first);
    expect(trip.imported.result).toBe('applied');
    for (const t of LAPTOP_TABLES) {
      const mine = rowsOf(lap, t, `origin = '${laptopId}'`);
      expect(mine.length, t).toBeGreaterThan(0);
      expect(rowsOf(town, t, `origin = '${laptopId}'`), t).toEqual(mine);
    }
    expect(town.db.prepare("SELECT village_id, fingerprint FROM sync_pins").all()).toEqual([
      { village_id: world.village.id, fingerprint: staged.signerFingerprint },
    ]);
    // The first receipt acknowledges the bundle and brings the village's state as the township holds it.
    expect(trip.applied).toMatchObject({ bundleSeq: 1, already: false, left: 0 });
    const ownVillage = (t: string) =>
      t === 'villages' ? `id = '${world.village.id}'` : t === 'cadres' ? `id IN (SELECT cadre_id FROM cadre_postings WHERE village_id = '${world.village.id}')` : t === 'member_contacts' ? `member_id = '${world.member.id}'` : `village_id = '${world.village.id}'`;
    for (const t of PACKAGE_TABLES) expect(rowsOf(lap, t), t).toEqual(rowsOf(town, t, ownVillage(t)));

    // Re-importing the bundle, and re-applying the receipt, change nothing on either side.
    const townBefore = dbDigest(town);
    expect((await importAt(town, first)).result).toBe('duplicate');
    expect(dbDigest(town)).toBe(townBefore);
    const lapBefore = dbDigest(lap);
    expect(importVillageReceipt(lap, fs.readFileSync(trip.receipt, 'utf8'))).toMatchObject({ already: true, left: 0, settingsChanged: false });
    expect(dbDigest(lap)).toBe(lapBefore);

    // The township changes the village: a new member, a project edit, a reassigned member, a threshold.
    const newMember = await call(town, 'floating.create', memberInput(world.village.id as string, { name: '黄丽', idNumber: validId('45031119950505444') }));
    const project = await call(town, 'projects.get', { id: world.project.id });
    await call(town, 'projects.update', { id: world.project.id, version: project.version, ...projectInput(world.village.id as string, { status: '停滞', note: '资金未到位' }) });
    await call(town, 'settings.update', { attendanceThresholdDays: 18, contactIntervalDays: 60, operator: '张三' });
    const otherVillage = (town.db.prepare("SELECT id FROM villages WHERE name = '西山村'").get() as { id: string }).id;
    const moved = await call(town, 'floating.create', memberInput(world.village.id as string, { name: '周强', idNumber: validId('45031119930303555') }));
    // The laptop learns of 周强 first, then the township moves him to 西山村.
    await logDays(lap, world.cadre.id, '2025-12-01', '2025-12-01');
    await roundTrip(town, lap, await exportFrom(lap));
    expect(rowsOf(lap, 'floating_members', `id = '${moved.id}' AND deleted_at IS NULL`)).toHaveLength(1);
    await call(town, 'floating.update', { id: moved.id, version: (await call(town, 'floating.get', { id: moved.id })).version, ...memberInput(otherVillage, { name: '周强', idNumber: validId('45031119930303555') }) });

    // The next bundle starts after the acknowledged one and carries only what the laptop made since.
    await logDays(lap, world.cadre.id, '2025-12-03', '2025-12-04');
    const third = await exportFrom(lap);
    const back = await roundTrip(town, lap, third);
    expect(back.imported.tables).toEqual({ work_logs: { new: 2, changed: 0, deleted: 0, unchanged: 0 } });
    const body = JSON.parse(JSON.parse(fs.readFileSync(back.receipt, 'utf8')).body) as { rows: Record<string, { id: string }[]>; left: { id: string }[] };
    // Only what changed since the last receipt travels: not the unchanged cadre or the first member.
    expect(body.rows.floating_members!.map((m) => m.id)).not.toContain(world.member.id);
    expect(body.left).toEqual([{ table: 'floating_members', id: moved.id }]);
    expect(back.applied).toMatchObject({ bundleSeq: 3, already: false, left: 1 });
    expect(rowsOf(lap, 'floating_members', `id = '${newMember.id}'`)).toEqual(rowsOf(town, 'floating_members', `id = '${newMember.id}'`));
    expect(rowsOf(lap, 'projects')).toEqual(rowsOf(town, 'projects', `id = '${world.project.id}'`));
    expect(rowsOf(lap, 'floating_members', `id = '${moved.id}' AND deleted_at IS NULL`)).toEqual([]);
    expect(await call(lap, 'settings.get', {})).toMatchObject({ attendanceThresholdDays: 18, contactIntervalDays: 60 });
    const again = dbDigest(lap);
    importVillageReceipt(lap, fs.readFileSync(back.receipt, 'utf8'));
    expect(dbDigest(lap)).toBe(again);
    // And the township never holds a second copy of any laptop row.
    expect(town.db.prepare(`SELECT count(*) AS n FROM work_logs WHERE origin = ?`).get(laptopId)).toEqual({ n: 33 });
  });

  it('takes an older receipt after a newer one as a confirmation only, and refuses a change number no township reaches', async () => {
    const { town, world, pkg } = await villageWorld();
    const lap = await laptopFrom(pkg);
    const zhou = { name: '周强', idNumber: validId('45031119930303555') };
    const moved = await call(town, 'floating.create', memberInput(world.village.id as string, zhou));
    await logDays(lap, world.cadre.id, '2025-11-01', '2025-11-01');
    const older = await roundTrip(town, lap, await exportFrom(lap));
    expect(rowsOf(lap, 'floating_members', `id = '${moved.id}' AND deleted_at IS NULL`)).toHaveLength(1);
    // The township moves him to 西山村 and changes a threshold; the next receipt brings both.
    const otherVillage = (town.db.prepare("SELECT id FROM villages WHERE name = '西山村'").get() as { id: string }).id;
    await call(town, 'floating.update', { id: moved.id, version: (await call(town, 'floating.get', { id: moved.id })).version, ...memberInput(otherVillage, zhou) });
    await call(town, 'settings.update', { attendanceThresholdDays: 18, contactIntervalDays: 60, operator: '张三' });
    await logDays(lap, world.cadre.id, '2025-11-02', '2025-11-02');
    const newer = await roundTrip(town, lap, await exportFrom(lap));
    expect(newer.applied).toMatchObject({ left: 1, settingsChanged: true });
    // The first receipt again (an old file left on the USB stick): it put the old thresholds back
    // and showed the member again, whose contact records the township then refused for good.
    const before = dbDigest(lap);
    expect(importVillageReceipt(lap, fs.readFileSync(older.receipt, 'utf8'))).toMatchObject({ already: true, stale: true, left: 0, settingsChanged: false });
    expect(dbDigest(lap)).toBe(before);
    expect(await call(lap, 'settings.get', {})).toMatchObject({ attendanceThresholdDays: 18, contactIntervalDays: 60 });
    expect(rowsOf(lap, 'floating_members', `id = '${moved.id}' AND deleted_at IS NULL`)).toEqual([]);

    // Signed by the township itself, a change number past what any chain reaches (2^40) and a
    // time that is not one: kept, it had the township refuse every later bundle.
    const file = JSON.parse(fs.readFileSync(newer.receipt, 'utf8')) as { body: string };
    const forged = (edit: Record<string, unknown>) => {
      const body = JSON.stringify({ ...(JSON.parse(file.body) as object), ...edit });
      const key = { key: Buffer.from(signingKey(town).privateKey, 'base64'), format: 'der' as const, type: 'pkcs8' as const };
      return JSON.stringify({ body, signature: sign(null, Buffer.from(body, 'utf8'), key).toString('base64') });
    };
    for (const edit of [{ townshipSeq: 2 ** 40 }, { importedAt: 'garbage' }]) {
      const r = await refusal(Promise.resolve().then(() => importVillageReceipt(lap, forged(edit))));
      expect(r.code).toBe('bad_receipt');
      expect(dbDigest(lap)).toBe(before);
    }
    // Too large to be a receipt: refused before it is parsed (nested JSON costs ~50× its size).
    expect((await refusal(Promise.resolve().then(() => importVillageReceipt(lap, '['.repeat(9 << 20))))).code).toBe('too_large');
    // Within the limit but nested millions deep, as the file or inside its signed body: refused
    // by a scan before the parse, and nothing changed.
    const nested = '['.repeat(4 << 20) + ']'.repeat(4 << 20);
    for (const text of [nested, JSON.stringify({ body: nested.slice(0, 3 << 20) + nested.slice(5 << 20), signature: '' })]) {
      expect((await refusal(Promise.resolve().then(() => importVillageReceipt(lap, text)))).code).toBe('bad_receipt');
    }
    expect(dbDigest(lap)).toBe(before);
    await roundTrip(town, lap, await exportFrom(lap));
  });

  it('refuses a laptop bundle at another township, and a receipt from anyone but the laptop’s township', async () => {
    const { town, world, pkg } = await villageWorld();
    const lap = await laptopFrom(pkg);
    await logDays(lap, world.cadre.id, '2025-11-01', '2025-11-03');
    const file = await exportFrom(lap);
    const elsewhere = (await villageWorld()).town;
    const before = dbDigest(elsewhere);
    const r = await refusal(importAt(elsewhere, file));
    expect(r.code).toBe('wrong_township');
    expect(dbDigest(elsewhere)).toBe(before);
    expect(elsewhere.db.prepare('SELECT code FROM sync_refused').all()).toEqual([{ code: 'wrong_township' }]);

    const imported = await importAt(town, file);
    const forged = writeVillageReceipt(elsewhere, imported.header, imported.hash, tempDir());
    const lapBefore = dbDigest(lap);
    expect((await refusal(Promise.resolve().then(() => importVillageReceipt(lap, fs.readFileSync(forged, 'utf8'))))).code).toBe('bad_signature');
    expect(dbDigest(lap)).toBe(lapBefore);
  });
});
