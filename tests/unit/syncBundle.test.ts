import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';
import { exportBundle } from '../../electron/sync/export';
import { readEnvelope } from '../../electron/sync/format';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { createDistrictKeys, createSigningKey, openDistrictKeys } from '../../electron/sync/keys';
import { importReceipt, writeReceipt } from '../../electron/sync/receipt';
import { setSetting } from '../../db/settings';
import { confirmDistrictKey, setDistrictPublic } from '../../electron/sync/state';
import { Rng } from '../../electron/seed/random';
import { freshCore } from '../helpers/core';
import { completeSetup } from '../../electron/services/setup';
import { openCore } from '../../electron/core';
import { memberInput, ok, villageId } from './floating.helpers';
import { dbDigest, districtKeys, syncedRows, trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';

async function township(): Promise<Core> {
  const town = await freshCore();
  trustDistrict(town);
  for (const [name, code] of [['东立村', '450311100200'], ['枫林村', '450311100201'], ['周家村', '450311100202']] as const) {
    const r = await dispatch(town, 'villages.create', { name, code, kind: '行政村', secretary: '李四', secretaryPhone: '13812345678', years: [{ year: 2025, stars: 3, income: '12.345678' }] });
    if (!r.ok) throw new Error(r.error.message);
  }
  return town;
}

const importFile = async (district: Core, file: string) => applyStaged(district, await stageBundle(district, file, districtKeys().keys));

async function refused(district: Core, file: string): Promise<string> {
  const before = dbDigest(district);
  const err = await importFile(district, file).then(
    () => null,
    (e: { code?: string; message: string }) => e,
  );
  expect(err, 'the bundle should have been refused').not.toBeNull();
  expect(err!.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(dbDigest(district)).toBe(before);
  return err!.code ?? '';
}

describe('sync bundle: export at the township, import at the district', () => {
  it('round-trips every row column by column, and a re-import changes nothing', async () => {
    const town = await township();
    const district = await freshCore({ setup: 'district' });
    const dir = tempDir();
    const seen: [number, number][] = [];
    const { file, header } = await exportBundle(town, { dir, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.at(-1)).toEqual([6, 6]);
    expect(seen.every(([d], i) => i === 0 || d > seen[i - 1]![0])).toBe(true);
    expect(path.basename(file)).toMatch(/^TL-450311100-000001-\d{8}T\d{6}\.tlbundle$/);
    expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);
    expect(header).toMatchObject({ bundleSeq: 1, prevHash: null, seqFrom: 0, full: false, counts: { villages: { rows: 3, deleted: 0 }, village_years: { rows: 3, deleted: 0 } } });
    // The header is readable without any key; names and phones are only in the encrypted payload.
    expect(readEnvelope(file).header.township).toEqual({ code: '450311100', name: '雁山镇' });
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from('东立村'))).toBe(false);
    expect(bytes.includes(Buffer.from('13812345678'))).toBe(false);

    const first = await importFile(district, file);
    expect(first).toMatchObject({ result: 'applied', tables: { villages: { new: 3 }, village_years: { new: 3 } } });
    expect(syncedRows(district)).toEqual(syncedRows(town));

    const digest = dbDigest(district);
    const again = await importFile(district, file);
    expect(again.result).toBe('duplicate');
    expect(again.notes.join()).toMatch(/已导入过/);
    expect(dbDigest(district)).toBe(digest);
  });

  it('carries updates and deletions as explicit tombstones; an older bundle never rolls back', async () => {
    const town = await township();
    const district = await freshCore({ setup: 'district' });
    const dir = tempDir();
    const b1 = await exportBundle(town, { dir });
    const list = await dispatch(town, 'villages.list', { search: '东立' });
    const v = (list as { value: { rows: { id: string; version: number }[] } }).value.rows[0]!;
    await dispatch(town, 'villages.update', { id: v.id, version: v.version, name: '东立村', kind: '行政村', secretary: '王五' });
    const fl = (await dispatch(town, 'villages.list', { search: '枫林' })) as { value: { rows: { id: string; version: number }[] } };
    await dispatch(town, 'villages.remove', { id: fl.value.rows[0]!.id, version: fl.value.rows[0]!.version });
    const b2 = await exportBundle(town, { dir });
    expect(b2.header).toMatchObject({ bundleSeq: 2, prevHash: b1.hash, seqFrom: 0 });

    const r2 = await importFile(district, b2.file);
    expect(r2.tables.villages).toMatchObject({ new: 2, deleted: 1 });
    expect(syncedRows(district)).toEqual(syncedRows(town));
    const tomb = district.db.prepare('SELECT deleted_at FROM villages WHERE id = ?').get(fl.value.rows[0]!.id) as { deleted_at: string | null };
    expect(tomb.deleted_at).not.toBeNull();

    const digest = dbDigest(district);
    const r1 = await importFile(district, b1.file);
    expect(r1.notes.join()).toMatch(/较旧/);
    expect(Object.values(r1.tables).every((t) => t.new + t.changed + t.deleted === 0)).toBe(true);
    expect(syncedRows(district)).toEqual(syncedRows(town));
    expect(dbDigest(district)).not.toBe(digest); // only the import history grew
  });

  it('receipts acknowledge a bundle so the next export starts after it', async () => {
    const town = await township();
    const district = await freshCore({ setup: 'district' });
    const dir = tempDir();
    const b1 = await exportBundle(town, { dir });
    const staged = await stageBundle(district, b1.file, districtKeys().keys);
    applyStaged(district, staged);
    const receipt = writeReceipt(district, districtKeys().keys, staged.header, staged.hash, dir);
    expect(importReceipt(town, fs.readFileSync(receipt, 'utf8'))).toEqual({ bundleSeq: 1, ackSeq: b1.header.seqTo, already: false });
    expect(importReceipt(town, fs.readFileSync(receipt, 'utf8')).already).toBe(true);

    const empty = await exportBundle(town, { dir });
    expect(empty.header).toMatchObject({ bundleSeq: 2, seqFrom: b1.header.seqTo });
    expect(Object.values(empty.header.counts).every((c) => c.rows === 0)).toBe(true);
    const full = await exportBundle(town, { dir, full: true });
    expect(full.header).toMatchObject({ full: true, seqFrom: 0, counts: { villages: { rows: 3 } } });

    // A receipt from another district's key, or edited, is refused.
    const other = createDistrictKeys('450311', '冒充', 'another-passphrase');
    const forged = writeReceipt(district, openDistrictKeys(other.secretFile, 'another-passphrase'), staged.header, staged.hash, tempDir());
    expect(() => importReceipt(town, fs.readFileSync(forged, 'utf8'))).toThrow(/签名校验失败/);
    const edited = fs.readFileSync(receipt, 'utf8').replace(/"ackSeq\\":\d+/, '"ackSeq\\":999999');
    expect(edited).not.toBe(fs.readFileSync(receipt, 'utf8'));
    expect(() => importReceipt(town, edited)).toThrow(/签名校验失败|不是有效的回执/);
  });

  it('refuses 200 single-byte flips and 50 truncations with the district unchanged', async () => {
    const town = await township();
    const district = await freshCore({ setup: 'district' });
    const dir = tempDir();
    const { file } = await exportBundle(town, { dir });
    const good = fs.readFileSync(file);
    const rng = new Rng('flips');
    const bad = path.join(tempDir(), 'bad.tlbundle');
    const codes = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const b = Buffer.from(good);
      const at = rng.int(0, b.length - 1);
      b[at] = b[at]! ^ (1 << rng.int(0, 7));
      fs.writeFileSync(bad, b);
      codes.add(await refused(district, bad));
    }
    for (let i = 0; i < 50; i++) {
      fs.writeFileSync(bad, good.subarray(0, Math.floor((good.length * i) / 50)));
      codes.add(await refused(district, bad));
    }
    expect([...codes].every((c) => ['bad_magic', 'bad_header', 'truncated', 'bad_signature', 'bad_format', 'future_format', 'bad_payload'].includes(c))).toBe(true);
    // The untouched file still imports.
    expect((await importFile(district, file)).result).toBe('applied');
  });

  it('refuses a bundle for another district, a known township signing with another key, and garbage', async () => {
    const town = await township();
    const district = await freshCore({ setup: 'district' });
    const dir = tempDir();
    await importFile(district, (await exportBundle(town, { dir })).file);

    const stranger = await township();
    const other = createDistrictKeys('450311', '别的区', 'another-passphrase');
    confirmDistrictKey(stranger, setDistrictPublic(stranger, other.publicFile).fingerprint);
    expect(await refused(district, (await exportBundle(stranger, { dir })).file)).toBe('wrong_key');

    // The installation's id is derived from its key: another key cannot speak for it.
    setSetting(town.db, 'sync.signingKey', createSigningKey());
    expect(await refused(district, (await exportBundle(town, { dir })).file)).toBe('forged_id');

    const junk = path.join(dir, 'junk.tlbundle');
    fs.writeFileSync(junk, 'PK\u0003\u0004 not a bundle at all');
    expect(await refused(district, junk)).toBe('bad_magic');
    const future = Buffer.from(fs.readFileSync((await exportBundle(stranger, { dir: tempDir() })).file));
    future.writeUInt16BE(9, 8);
    fs.writeFileSync(junk, future);
    expect(await refused(district, junk)).toBe('future_format');
    const proto = Buffer.concat([Buffer.from('TLBUNDLE'), Buffer.from([0, 1, 0, 0, 0, 40]), Buffer.from('{"__proto__":{"polluted":true},"a":1}   '), Buffer.alloc(100)]);
    fs.writeFileSync(junk, proto);
    expect(await refused(district, junk)).toBe('bad_header');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('applies final states whose live-row unique rules only hold together (edit order is not replayed)', async () => {
    const town = await township();
    const district = await freshCore({ setup: 'district' });
    const dir = tempDir();
    await importFile(district, (await exportBundle(town, { dir })).file);
    const dl = ((await dispatch(town, 'villages.list', { search: '东立' })) as { value: { rows: { id: string }[] } }).value.rows[0]!;
    // 东立村 gives its code to a new village, then is edited again, so its row comes last in the bundle.
    const edit = async (version: number, note: string | null) => {
      const r = await dispatch(town, 'villages.update', { id: dl.id, version, name: '东立村', kind: '行政村', code: '450311100299', note });
      expect(r.ok).toBe(true);
    };
    await edit(1, null);
    const created = await dispatch(town, 'villages.create', { name: '新东立村', kind: '行政村', code: '450311100200' });
    expect(created.ok).toBe(true);
    await edit(2, '改过代码');
    const r = await importFile(district, (await exportBundle(town, { dir })).file);
    expect(r.result).toBe('applied');
    expect(syncedRows(district)).toEqual(syncedRows(town));
  });

  it('holds every township of the district side by side, even the same person on two rosters', async () => {
    const district = await freshCore({ setup: 'district' });
    const a = await township();
    // Real installations have random ids; the helpers' counter ids would make the two look like one.
    const b = await openCore(path.join(tempDir(), 'b.db'));
    completeSetup(b, { role: 'township', code: '450311101', name: '柘木镇', operator: '赵六', importVillages: [] });
    trustDistrict(b);
    for (const town of [a, b]) {
      const vid = await villageId(town, town === a ? '甲村' : '柘木村');
      await ok(town, 'floating.create', memberInput(vid));
      await importFile(district, (await exportBundle(town, { dir: tempDir() })).file);
    }
    const members = district.db.prepare('SELECT count(*) AS n, count(DISTINCT id_number) AS ids, count(DISTINCT origin) AS origins FROM floating_members').get();
    expect(members).toEqual({ n: 2, ids: 1, origins: 2 });
    expect(syncedRows(district).villages).toHaveLength(5);
    // Every register list at the district narrows to one township by where its rows came from.
    // The picker lists every township of the district, saying which have sent nothing yet.
    expect(await ok(district, 'sync.townships', {})).toEqual([
      { code: '450311001', name: '良丰街道', sent: false },
      { code: '450311100', name: '雁山镇', sent: true },
      { code: '450311101', name: '柘木镇', sent: true },
      { code: '450311200', name: '大埠乡', sent: false },
      { code: '450311201', name: '草坪回族乡', sent: false },
    ]);
    expect((await ok(district, 'villages.list', { township: '450311101' })).rows.map((v) => v.name)).toEqual(['柘木村']);
    expect((await ok(district, 'villages.list', { township: '450311100' })).total).toBe(4);
    expect((await ok(district, 'villages.list', {})).total).toBe(5);
    expect((await ok(district, 'floating.list', { township: '450311101' })).total).toBe(1);
    expect((await ok(district, 'cadres.list', { township: '450311101' })).total).toBe(0);
    expect((await ok(district, 'projects.list', { township: '450311200' })).total).toBe(0);
    b.close();
  });

  it('reports a gap and refuses a fork', async () => {
    const town = await township();
    const district = await freshCore({ setup: 'district' });
    const dir = tempDir();
    const b1 = await exportBundle(town, { dir });
    await exportBundle(town, { dir });
    const b3 = await exportBundle(town, { dir });
    await importFile(district, b1.file);
    const r3 = await importFile(district, b3.file);
    expect(r3.result).toBe('applied');
    expect(r3.notes.join()).toMatch(/缺少第 2 号同步文件/);

    // The township's bookkeeping is rolled back (e.g. restored from a backup): a different bundle 3.
    town.db.prepare('DELETE FROM sync_out WHERE bundle_seq >= 3').run();
    await dispatch(town, 'villages.create', { name: '新村', kind: '行政村' });
    const fork = await exportBundle(town, { dir });
    expect(fork.header.bundleSeq).toBe(3);
    expect(await refused(district, fork.file)).toBe('fork');
    // What the message tells them to do works: a full export is accepted and merged by version.
    const full = await exportBundle(town, { dir, full: true });
    expect((await importFile(district, full.file)).result).toBe('applied');
    expect(syncedRows(district)).toEqual(syncedRows(town));
  });
});
