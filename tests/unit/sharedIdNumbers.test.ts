import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations';
import { openStore } from '../../db/open';
import type { Core } from '../../electron/core';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { districtKeys, trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { DISTRICT, YANSHAN, ZHEMU, coreOn, member, nextId, village } from './dashboard.helpers';
import { ok } from './floating.helpers';

/**
 * Migration 018's shared_id_numbers answers 身份证号重复 on the 首页: the ID numbers more than one
 * live cadre or floating member carries. It must always equal recounting the two registers,
 * whoever wrote them: the forms, a removal and its undoing, an edit of the number, a write
 * straight to the tables, a sync import at the district, and the migration's own backfill.
 */

type Db = Core['db'] | Database.Database;
const kept = (db: Db) => (db.prepare('SELECT id_number FROM shared_id_numbers ORDER BY id_number').all() as { id_number: string }[]).map((r) => r.id_number);
const recounted = (db: Db) =>
  (
    db
      .prepare(
        `SELECT id_number FROM (SELECT id_number FROM cadres WHERE deleted_at IS NULL UNION ALL SELECT id_number FROM floating_members WHERE deleted_at IS NULL)
         GROUP BY id_number HAVING count(*) > 1 ORDER BY id_number`,
      )
      .all() as { id_number: string }[]
  ).map((r) => r.id_number);

const cadreInput = (name: string, idNumber: string) => ({ name, idNumber, unit: '桂林市某局', unitLevel: '市直' as const, mobile: '13900000000' });
const sharedCheck = async (core: Core, township: string | null = null) =>
  (await ok(core, 'dashboard.quality', { township, check: 'sharedIdNumber', page: 1, pageSize: 10 })).total;

describe('ID numbers carried more than once (shared_id_numbers)', () => {
  it('equals a recount of both registers after every kind of write', async () => {
    const { core } = await coreOn('2026-01-05', YANSHAN);
    const v = await village(core, '东立村');
    const [x, y] = [nextId(), nextId()];
    const a = await ok(core, 'cadres.create', cadreInput('李明', x));
    expect(kept(core.db)).toEqual([]);
    // The same person in both registers.
    const m = await member(core, v, '李明', '2025-06-01', x);
    expect(kept(core.db)).toEqual([x]);
    expect(await sharedCheck(core)).toBe(1);

    // Removed through the form, brought back by a write that bypasses the services.
    await ok(core, 'floating.remove', { id: m.id, version: m.version });
    expect(kept(core.db)).toEqual([]);
    core.db.prepare('UPDATE floating_members SET deleted_at = NULL WHERE id = ?').run(m.id);
    expect(kept(core.db)).toEqual([x]);

    // The cadre's number corrected in the form moves the share from x to y.
    const m2 = await member(core, v, '王芳', '2025-06-01', y);
    expect(kept(core.db)).toEqual([x]);
    await ok(core, 'cadres.update', { id: a.id, version: a.version, ...cadreInput('李明', y) });
    expect(kept(core.db)).toEqual([y]);

    // Straight to the tables: a deleted row inserted, its deletion date moved (no share either
    // time), numbers edited, a live holder removed outright.
    core.db
      .prepare(
        `INSERT INTO floating_members SELECT 'raw-1', created_at, updated_at, 900, version, '2026-01-05T00:00:00.000Z', origin, village_id, name, ?, birth_date,
           gender, ethnicity, education, joined_party_date, member_type, left_date, dest_province_code, dest_city_code, dest_county_code, dest_text,
           workplace, reason, occupation, mobile, wechat, activity_card_no, dest_org_joined, dest_org_name, status, status_date, transfer_to, note,
           last_contact_date FROM floating_members WHERE id = ?`,
      )
      .run(x, m.id);
    core.db.prepare("UPDATE floating_members SET deleted_at = '2026-01-06T00:00:00.000Z' WHERE id = 'raw-1'").run();
    expect(kept(core.db)).toEqual([y]);
    core.db.prepare('UPDATE floating_members SET id_number = ? WHERE id = ?').run(y, m.id);
    core.db.prepare('UPDATE cadres SET id_number = ? WHERE id = ?').run(x, a.id);
    expect(kept(core.db)).toEqual([y]);
    expect(kept(core.db)).toEqual(recounted(core.db));
    for (const table of ['contact_records', 'member_contacts', 'member_status_history']) core.db.prepare(`DELETE FROM ${table} WHERE member_id = ?`).run(m2.id);
    core.db.prepare('DELETE FROM floating_members WHERE id = ?').run(m2.id);
    expect(kept(core.db)).toEqual([]);
    expect(recounted(core.db)).toEqual([]);
    expect(await sharedCheck(core)).toBe(0);
  });

  it('follows a district’s imports: two townships’ cadres share a number until one township removes its own', async () => {
    const { core: district } = await coreOn('2026-01-05', DISTRICT);
    const yanshan = (await coreOn('2026-01-05', YANSHAN)).core;
    const zhemu = (await coreOn('2026-01-05', ZHEMU)).core;
    const x = nextId();
    await ok(yanshan, 'cadres.create', cadreInput('雁山干部', x));
    const moved = await ok(zhemu, 'cadres.create', cadreInput('柘木干部', x));
    const importFrom = async (town: Core) => {
      trustDistrict(town);
      const { file } = await exportBundle(town, { dir: tempDir() });
      applyStaged(district, await stageBundle(district, file, districtKeys().keys));
    };
    await importFrom(yanshan);
    expect(kept(district.db)).toEqual([]);
    await importFrom(zhemu);
    expect(kept(district.db)).toEqual([x]);
    expect(await sharedCheck(district)).toBe(1);
    // Within one township the number is carried once.
    expect(await sharedCheck(district, ZHEMU.code)).toBe(0);

    await ok(zhemu, 'cadres.remove', { id: moved.id, version: moved.version });
    await importFrom(zhemu);
    expect(kept(district.db)).toEqual([]);
    expect(recounted(district.db)).toEqual([]);
    expect(await sharedCheck(district)).toBe(0);
  });

  it('is filled by the migration from the rows a version-16 file already holds', async () => {
    const file = path.join(tempDir(), 'v16.db');
    const old = await openStore(file, { target: 16 });
    old.db.close();
    const { core } = await coreOn('2026-01-05', YANSHAN);
    const v = await village(core, '东立村');
    const [x, y, z] = [nextId(), nextId(), nextId()];
    await ok(core, 'cadres.create', cadreInput('李明', x));
    await member(core, v, '李明', '2025-06-01', x);
    const gone = await member(core, v, '王芳', '2025-06-01', y);
    await ok(core, 'cadres.create', cadreInput('王芳', y));
    await ok(core, 'floating.remove', { id: gone.id, version: gone.version });
    await member(core, v, '张伟', '2025-06-01', z);
    // The same rows in a file at version 16 (copied table by table, before the triggers existed).
    const raw = new Database(file);
    raw.exec(`ATTACH '${core.db.name}' AS src`);
    raw.transaction(() => {
      for (const t of ['villages', 'cadres', 'floating_members']) raw.exec(`INSERT INTO ${t} SELECT * FROM src.${t}`);
    })();
    raw.exec('DETACH src');
    raw.close();
    expect(migrations.some((m) => m.version > 16)).toBe(true);
    const migrated = await openStore(file);
    expect(migrated.migratedFrom).toBe(16);
    expect(kept(migrated.db)).toEqual([x]);
    expect(kept(migrated.db)).toEqual(recounted(migrated.db));
    migrated.db.close();
  });
});
