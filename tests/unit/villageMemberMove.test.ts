import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { freshCore } from '../helpers/core';
import { districtKeys, trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { exportFrom, laptopFrom, roundTrip, villageWorld } from '../helpers/village';
import { call, memberInput, recordInput } from './fuzz.fixtures';

/**
 * A township moves a floating member to another of its villages (as 流动党员 → 编辑 allows) after
 * the first village's 驻村版 made contact records for the member. The district judges a laptop's
 * rows by their village; the move is the township's own change, so the records the district
 * holds, or receives with the move, must not make it refuse the township's bundles. Before, every
 * full export from then on was refused (out_of_scope) and nothing in the app could clear it.
 */
async function toDistrict(district: Core, town: Core, full = false) {
  const { file } = await exportBundle(town, { dir: tempDir(), full });
  try {
    return applyStaged(district, await stageBundle(district, file, districtKeys().keys), { confirmNewInstallation: true });
  } catch (e) {
    return { result: 'refused', code: (e as { code: string }).code, message: (e as Error).message };
  }
}

const memberVillage = (c: Core, id: string) => (c.db.prepare('SELECT village_id FROM floating_members WHERE id = ?').get(id) as { village_id: string }).village_id;
const records = (c: Core, member: string) => (c.db.prepare('SELECT id, version, origin FROM contact_records WHERE member_id = ? AND deleted_at IS NULL ORDER BY id').all(member));

async function moveMember(town: Core, id: string, village: string) {
  const m = await call(town, 'floating.get', { id });
  await call(town, 'floating.update', { id, version: m.version, ...memberInput(village) });
}

describe('a floating member moved to another village after its village’s 驻村版 recorded contacts', () => {
  it('the district takes the move and the records it already holds, in the next bundle and every full export', async () => {
    const v = await villageWorld();
    trustDistrict(v.town);
    const district = await freshCore({ setup: 'district' });
    const lap = await laptopFrom(v.pkg);
    await call(lap, 'floating.addRecord', { memberId: v.world.member.id, ...recordInput(), contactDate: '2025-12-20' });
    await roundTrip(v.town, lap, await exportFrom(lap));
    expect(await toDistrict(district, v.town)).toMatchObject({ result: 'applied' });

    await moveMember(v.town, v.world.member.id, v.other.village);
    expect(await toDistrict(district, v.town)).toMatchObject({ result: 'applied' });
    expect(await toDistrict(district, v.town, true)).toMatchObject({ result: 'applied' });
    expect(memberVillage(district, v.world.member.id)).toBe(v.other.village);
    expect(records(district, v.world.member.id)).toEqual(records(v.town, v.world.member.id));
  });

  it('takes a record that reaches the district in the same bundle as the move', async () => {
    const v = await villageWorld();
    trustDistrict(v.town);
    const district = await freshCore({ setup: 'district' });
    expect(await toDistrict(district, v.town)).toMatchObject({ result: 'applied' });
    const lap = await laptopFrom(v.pkg);
    await call(lap, 'floating.addRecord', { memberId: v.world.member.id, ...recordInput(), contactDate: '2025-12-20' });
    await roundTrip(v.town, lap, await exportFrom(lap));
    await moveMember(v.town, v.world.member.id, v.other.village);
    expect(await toDistrict(district, v.town)).toMatchObject({ result: 'applied' });
    expect(records(district, v.world.member.id)).toEqual(records(v.town, v.world.member.id));
    const laptop = lap.installation()!.installationId;
    expect((records(district, v.world.member.id) as { origin: string }[]).filter((r) => r.origin === laptop)).toHaveLength(1);
  });
});
