import { describe, expect, it } from 'vitest';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import type { Core } from '../../electron/core';
import { tempDir } from '../helpers/tmp';
import { districtKeys, trustDistrict } from '../helpers/sync';
import { ok } from './floating.helpers';
import { coreOn, DISTRICT, member, village, YANSHAN } from './dashboard.helpers';

/**
 * The district's audit of an import: one entry per table a bundle changed, with its counts and
 * the range of the district's sequence numbers its rows took; no entry per row (issue 16).
 */

const importFile = async (district: Core, file: string) => applyStaged(district, await stageBundle(district, file, districtKeys().keys));

interface Entry { table_name: string; row_id: string; action: string; seq: number | null; after: string }
const importEntries = (d: Core) =>
  (d.db.prepare("SELECT table_name, row_id, action, seq, after FROM audit_log WHERE action LIKE 'import%' ORDER BY id").all() as Entry[]).map((e) => ({ ...e, after: JSON.parse(e.after) as Record<string, unknown> }));

describe('the district audits an import per bundle and table', () => {
  it('writes one entry per changed table with counts and the sequence range that names the bundle of each row', async () => {
    const { core: district } = await coreOn('2026-01-05', DISTRICT);
    const { core: town } = await coreOn('2026-01-05', YANSHAN);
    trustDistrict(town);
    const east = await village(town, '东立村');
    await village(town, '西林村');
    const members = [await member(town, east, '张三', '2025-03-01'), await member(town, east, '李四', '2025-04-01'), await member(town, east, '王五', '2025-05-01')];
    const first = await exportBundle(town, { dir: tempDir() });
    const one = await importFile(district, first.file);

    const e1 = importEntries(district);
    expect(e1.map((e) => [e.table_name, e.action, e.seq, e.after.new, e.after.changed, e.after.deleted])).toEqual([
      ['villages', 'import', null, 2, 0, 0],
      ['floating_members', 'import', null, 3, 0, 0],
      ['member_status_history', 'import', null, 3, 0, 0],
    ]);
    const tag = one.hash.slice(0, 16);
    expect(e1.every((e) => e.row_id === tag && e.after.bundle === tag)).toBe(true);
    // Every row the bundle wrote carries a sequence number inside its table's range, and no other row does.
    for (const e of e1) {
      const seqs = (district.db.prepare(`SELECT seq FROM ${e.table_name} ORDER BY seq`).all() as { seq: number }[]).map((r) => r.seq);
      expect(seqs[0]).toBe(e.after.seqFrom);
      expect(seqs.at(-1)).toBe(e.after.seqTo);
    }

    // An incremental bundle: one village renamed, one member removed.
    await ok(town, 'villages.update', { id: east, version: 1, name: '东立社区', kind: '社区' });
    const m = town.db.prepare('SELECT id, version FROM floating_members WHERE id = ?').get(members[1]!.id) as { id: string; version: number };
    await ok(town, 'floating.remove', m);
    const second = await exportBundle(town, { dir: tempDir() });
    const two = await importFile(district, second.file);
    const e2 = importEntries(district).slice(e1.length);
    expect(e2.map((e) => [e.table_name, e.row_id, e.after.new, e.after.changed, e.after.deleted])).toEqual([
      ['villages', two.hash.slice(0, 16), 0, 1, 0],
      ['floating_members', two.hash.slice(0, 16), 0, 0, 1],
      ['member_status_history', two.hash.slice(0, 16), 0, 0, 1],
    ]);
    const renamed = district.db.prepare('SELECT seq FROM villages WHERE id = ?').get(east) as { seq: number };
    expect([e2[0]!.after.seqFrom, e2[0]!.after.seqTo]).toEqual([renamed.seq, renamed.seq]);

    // Importing the same file again changes nothing and audits nothing.
    await importFile(district, second.file);
    expect(importEntries(district)).toHaveLength(e1.length + e2.length);

    // 操作日志 names the bundle and says what it did, in words.
    const log = await ok(district, 'audit.list', { table: 'villages', page: 1, pageSize: 20 });
    const imports = log.rows.filter((r) => r.action === 'import');
    expect(imports.map((r) => [r.actionLabel, r.tableLabel, r.record, r.detail])).toEqual([
      ['同步导入', '村（社区）', '雁山镇第 2 号同步文件', '新增 0 条、修改 1 条、删除 0 条'],
      ['同步导入', '村（社区）', '雁山镇第 1 号同步文件', '新增 2 条、修改 0 条、删除 0 条'],
    ]);
  });

  it('numbers the rows a bundle writes one after another in the bundle\'s order, also when unchanged rows lie among them (a full bundle)', async () => {
    const { core: district } = await coreOn('2026-01-05', DISTRICT);
    const { core: town } = await coreOn('2026-01-05', YANSHAN);
    trustDistrict(town);
    const east = await village(town, '东立村');
    const west = await village(town, '西林村');
    const members = [await member(town, east, '张三', '2025-03-01'), await member(town, west, '李四', '2025-04-01'), await member(town, west, '王五', '2025-05-01')];
    await importFile(district, (await exportBundle(town, { dir: tempDir() })).file);
    const seqOf = (table: string, id: string) => (district.db.prepare(`SELECT seq FROM ${table} WHERE id = ?`).get(id) as { seq: number }).seq;
    const clock = () => (district.db.prepare('SELECT seq FROM sync_clock').get() as { seq: number }).seq;
    const kept = seqOf('floating_members', members[1]!.id);

    // The first village and the last member changed; a full bundle carries every row, the rest unchanged.
    await ok(town, 'villages.update', { id: east, version: 1, name: '东立社区', kind: '社区' });
    const last = members[2]!.id;
    const m = town.db.prepare('SELECT id, version FROM floating_members WHERE id = ?').get(last) as { id: string; version: number };
    await ok(town, 'floating.remove', m);
    const before = clock();
    const full = await exportBundle(town, { dir: tempDir(), full: true });
    const applied = await importFile(district, full.file);
    expect(applied.tables.villages).toMatchObject({ changed: 1 });
    const written = [seqOf('villages', east), seqOf('floating_members', last)];
    expect(written[0]).toBe(before + 1);
    expect(written[1]).toBeGreaterThan(written[0]!);
    expect(clock()).toBe(before + (applied.tables.villages!.changed + applied.tables.floating_members!.deleted + applied.tables.member_status_history!.deleted));
    expect(seqOf('floating_members', members[1]!.id)).toBe(kept);
    const e = importEntries(district).filter((x) => x.row_id === applied.hash.slice(0, 16));
    expect(e.map((x) => [x.table_name, x.after.seqFrom, x.after.seqTo])).toEqual([
      ['villages', written[0], written[0]],
      ['floating_members', written[1], written[1]],
      ['member_status_history', written[1]! + 1, clock()],
    ]);
  });
});
