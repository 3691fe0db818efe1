import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { readEnvelope } from '../../electron/sync/format';
import { SYNC_TABLES } from '../../db/tables';
import { district, exported, imported, refusedAtPreview, township } from '../helpers/trust';
import { ok } from './floating.helpers';

/**
 * Divergence and recovery: the same row version with different content is never kept silently,
 * and after a restore the township's full export makes the district equal to the township for
 * that township's scope, column by column, after a preview that lists the difference.
 */

const A = { code: '450311100', name: '雁山镇' };

async function rename(town: Core, id: string, name: string) {
  const v = await ok(town, 'villages.get', { id });
  return ok(town, 'villages.update', { id, version: v.version, name, kind: '行政村' });
}

/** Every row the district holds in the township's scope equals the township's (all columns but seq); the rest are tombstones. */
function expectEqualForScope(d: Core, town: Core) {
  const pins = d.db.prepare('SELECT installation_id FROM sync_pins WHERE township_code = ?').all(town.installation()!.unitCode) as { installation_id: string }[];
  const origins = pins.map((p) => p.installation_id);
  for (const t of SYNC_TABLES) {
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ seq: _seq, ...rest }) => rest);
    const mine = strip(town.db.prepare(`SELECT * FROM ${t.name} ORDER BY id`).all() as Record<string, unknown>[]);
    const held = strip(d.db.prepare(`SELECT * FROM ${t.name} WHERE origin IN (${origins.map(() => '?').join(',') || 'NULL'}) ORDER BY id`).all(...origins) as Record<string, unknown>[]);
    const ids = new Set(mine.map((r) => r.id));
    expect(held.filter((r) => ids.has(r.id)), t.name).toEqual(mine);
    expect(held.filter((r) => !ids.has(r.id) && r.deleted_at === null), `${t.name}: rows the township no longer has`).toEqual([]);
  }
}

describe('divergence and recovery', () => {
  it('restore then rename: the next export is full, the district previews the difference and ends equal to the township', async () => {
    const d = await district();
    const town = await township(A.code, A.name, 'aa');
    const east = (await ok(town, 'villages.create', { name: '东立村', code: '450311100200', kind: '行政村' })).id;
    await ok(town, 'villages.create', { name: '枫林村', code: '450311100201', kind: '行政村' });
    await imported(d, await exported(town));
    const backup = await ok(town, 'backup.create', {});

    // After the backup: a rename (version 2) and a new village reach the district.
    await rename(town, east, '东立社区');
    const later = (await ok(town, 'villages.create', { name: '后建村', code: '450311100202', kind: '行政村' })).id;
    await imported(d, await exported(town));

    // The township restores the earlier backup with the real restore service and renames differently (also version 2).
    await ok(town, 'backup.restore', { file: path.basename(backup.file) });
    expect(await ok(town, 'sync.status', {})).toMatchObject({ nextExportFull: true });
    expect((await rename(town, east, '东立新村')).version).toBe(2);

    const file = await exported(town);
    const h = readEnvelope(file).header;
    expect(h).toMatchObject({ full: true, bundleSeq: 2, seqFrom: 0 });
    expect(await ok(town, 'sync.status', {})).toMatchObject({ nextExportFull: false });

    const { preview, result } = await imported(d, file);
    expect(preview.truth).toBe(true);
    expect(preview.notes.join()).toMatch(/分叉.*完全一致/);
    expect(preview.divergence.differing).toEqual([expect.objectContaining({ table: 'villages', label: '村（社区）', id: east, village: '东立社区', columns: expect.arrayContaining(['name']) })]);
    expect(preview.divergence.missing).toEqual([{ table: 'villages', label: '村（社区）', id: later, village: '后建村' }]);
    expect(result.result).toBe('applied');
    expectEqualForScope(d, town);
    expect(d.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'import:missing' AND row_id = ?").get(later)).toEqual({ n: 1 });

    // The chain goes on from the full bundle: the next ordinary export is taken.
    await rename(town, east, '东立村');
    const next = await exported(town);
    expect(readEnvelope(next).header).toMatchObject({ full: false, bundleSeq: 3 });
    expect((await imported(d, next)).result.result).toBe('applied');
    expectEqualForScope(d, town);
  });

  it('the same row version with different content refuses an ordinary bundle (recorded), and the full export it asks for heals it', async () => {
    const d = await district();
    const town = await township(A.code, A.name, 'aa');
    const id = (await ok(town, 'villages.create', { name: '东立村', code: '450311100200', kind: '行政村' })).id;
    await imported(d, await exported(town));
    // A second copy of the township edited the same row version differently (simulated in place).
    town.db.prepare("UPDATE villages SET name = '东立二村', seq = (SELECT seq + 1 FROM sync_clock) WHERE id = ?").run(id);
    town.db.prepare('UPDATE sync_clock SET seq = seq + 1').run();
    await refusedAtPreview(d, await exported(town), 'diverged', /村（社区） .*（东立村）的第 1 版与区县已有的同一版内容不同（name）.*完整导出/);
    const { preview } = await imported(d, await exported(town, true));
    expect(preview.divergence.differing.map((r) => r.columns)).toEqual([expect.arrayContaining(['name'])]);
    expect(d.db.prepare('SELECT name, version FROM villages WHERE id = ?').get(id)).toEqual({ name: '东立二村', version: 1 });
    expectEqualForScope(d, town);
  });

  it('an ordinary bundle whose change range goes back below what was imported is a fork', async () => {
    const d = await district();
    const town = await township(A.code, A.name, 'aa');
    await ok(town, 'villages.create', { name: '东立村', kind: '行政村' });
    const first = await exported(town);
    await imported(d, first);
    // The township's bookkeeping is rolled back without a restore (no full export forced).
    town.db.prepare('DELETE FROM sync_out').run();
    town.db.prepare('UPDATE sync_clock SET seq = 1').run();
    await refusedAtPreview(d, await exported(town), 'fork', /分叉/);
  });
});
