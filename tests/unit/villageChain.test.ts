import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { importVillageReceipt } from '../../electron/sync/villageReceipt';
import { makeVillagePackage } from '../../electron/sync/villagePackageMake';
import { dbDigest, syncedRows } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { district, exported, imported, township } from '../helpers/trust';
import { exportFrom, importAt, laptopFrom, logDays, roundTrip } from '../helpers/village';
import { call, makeWorld, memberInput, recordInput, validId } from './fuzz.fixtures';

/**
 * The whole way a first secretary's days travel, with real files, keys and crypto at every hop:
 * package → 驻村版 set up → 30 days of logs → export → township import → receipt carrying the
 * township's change → laptop applies it → township export → district import. Each hop is
 * compared column by column, and each file imported twice changes nothing the second time.
 */

const laptopId = (lap: Core) => lap.installation()!.installationId;
const byOrigin = (core: Core, table: string, origin: string) =>
  (core.db.prepare(`SELECT * FROM ${table} WHERE origin = ? ORDER BY id`).all(origin) as Record<string, unknown>[]).map(({ seq: _seq, ...rest }) => rest);
const LAPTOP_TABLES = ['work_logs', 'contact_records', 'project_progress'] as const;

describe('驻村版 → 乡镇 → 区县', () => {
  it('carries 30 days of logs, a contact record and a progress row to the district unchanged, and the township’s new member back to the laptop', async () => {
    const d = await district();
    const town = await township('450311100', '雁山镇', 'aa');
    const world = await makeWorld(town);
    const pkg = makeVillagePackage(town, world.village.id, tempDir());
    const lap = await laptopFrom(pkg);
    const lapId = laptopId(lap);

    // On the laptop: 30 days for the first secretary, one contact record, one progress report.
    const logs = await logDays(lap, world.cadre.id, '2025-12-03', '2026-01-01');
    expect(logs).toHaveLength(30);
    await call(lap, 'floating.addRecord', { memberId: world.member.id, ...recordInput(), contactDate: '2025-12-20', content: '入户走访，了解务工情况' });
    await call(lap, 'projects.addProgress', { projectId: world.project.id, reportDate: '2025-12-28', percent: 70, note: '主体完工' });

    // Meanwhile the township registers a new floating member of that village.
    const newcomer = await call(town, 'floating.create', memberInput(world.village.id, { name: '周新', idNumber: validId('45031119950303333') }));

    // Hop 1: laptop → township, and the receipt back.
    const bundle = await exportFrom(lap);
    const { imported: first, receipt, applied } = await roundTrip(town, lap, bundle);
    expect(first.result).toBe('applied');
    for (const t of LAPTOP_TABLES) expect(byOrigin(town, t, lapId), t).toEqual(byOrigin(lap, t, lapId));
    expect(byOrigin(town, 'work_logs', lapId)).toHaveLength(30);
    expect(applied).toBeTruthy();
    // The receipt brought the newcomer to the laptop, as the township has them.
    const newcomerAt = (core: Core) => core.db.prepare('SELECT id, name, village_id, version, origin, deleted_at FROM floating_members WHERE id = ?').get(newcomer.id);
    expect(newcomerAt(lap)).toEqual(newcomerAt(town));

    // Re-imports change nothing: the bundle at the township, the receipt on the laptop.
    const townDigest = dbDigest(town);
    expect((await importAt(town, bundle)).result).toBe('duplicate');
    expect(dbDigest(town)).toBe(townDigest);
    const lapDigest = dbDigest(lap);
    importVillageReceipt(lap, fs.readFileSync(receipt, 'utf8'));
    expect(dbDigest(lap)).toBe(lapDigest);

    // Hop 2: township → district; the laptop's rows keep their origin there.
    const townBundle = await exported(town);
    expect((await imported(d, townBundle)).result.result).toBe('applied');
    expect(syncedRows(d)).toEqual(syncedRows(town));
    for (const t of LAPTOP_TABLES) expect(byOrigin(d, t, lapId), t).toEqual(byOrigin(lap, t, lapId));
    const districtDigest = dbDigest(d);
    expect((await imported(d, townBundle)).result.result).toBe('duplicate');
    expect(dbDigest(d)).toBe(districtDigest);

    // A second trip with nothing new on the laptop changes no synced row at the township.
    const rows = syncedRows(town);
    await roundTrip(town, lap, await exportFrom(lap));
    expect(syncedRows(town)).toEqual(rows);
  });
});
