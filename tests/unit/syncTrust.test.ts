import Database from 'better-sqlite3';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';
import { dbDigest, PASSPHRASE } from '../helpers/sync';
import { craftBundle, townshipLines } from '../helpers/faultBundle';
import { district, exported, imported, lastHistory, legacyTownship, preview, refusedAtPreview, township, writeBundle } from '../helpers/trust';
import { memberInput, ok } from './floating.helpers';

/**
 * Trust at the district: a township with its own real signing key tries what a hostile or
 * careless one would. Every attack is a validly signed bundle; each is refused with its reason
 * in the import history, the district is left exactly as it was, and the genuine townships'
 * next bundles are still taken.
 */

const A = { code: '450311100', name: '雁山镇' };
const B = { code: '450311101', name: '柘木镇' };
const MAX = Number.MAX_SAFE_INTEGER; // 2^53 − 1

async function village(town: Core, name: string, code: string): Promise<string> {
  return (await ok(town, 'villages.create', { name, code, kind: '行政村' })).id;
}

type Line = { table: string; row: Record<string, unknown> };
const linesOf = (town: Core) => townshipLines(town).map((l) => JSON.parse(l) as Line);
const clock = (town: Core) => (town.db.prepare('SELECT seq FROM sync_clock').get() as { seq: number }).seq;
const inst = (town: Core) => town.installation()!.installationId;

/** B's own rows plus one hostile row, signed by B's real key. */
function withRow(b: Core, table: string, row: Record<string, unknown>): string {
  const lines = [...linesOf(b), { table, row: { ...row, origin: inst(b), seq: clock(b) } }];
  return writeBundle(craftBundle(b, { payload: lines.map((l) => JSON.stringify(l)).join('\n') + '\n' }));
}

async function world() {
  const d = await district();
  const a = await township(A.code, A.name, 'aa');
  const b = await township(B.code, B.name, 'bb');
  const aVillage = await village(a, '东立村', '450311100200');
  const bVillage = await village(b, '柘木村', '450311101200');
  await ok(a, 'floating.create', memberInput(aVillage));
  await ok(b, 'floating.create', memberInput(bVillage));
  await imported(d, await exported(a));
  await imported(d, await exported(b));
  return { d, a, b, aVillage, bVillage };
}

describe('trust at the district: each township writes only its own rows, with its own identity', () => {
  it('refuses every attack by a township holding a valid key, records why, and still takes the genuine next bundles', async () => {
    const { d, a, b, aVillage, bVillage } = await world();
    const member = linesOf(b).find((l) => l.table === 'floating_members')!.row;
    const aRow = linesOf(a).find((l) => l.table === 'villages')!.row;
    const bRow = linesOf(b).find((l) => l.table === 'villages')!.row;

    // Impersonation by installation id: B signs with its own key as A's installation, whose id
    // is derived from A's key (boundIds.ts).
    const asA = craftBundle(b, { header: (h) => ({ ...h, installationId: inst(a), township: A }) });
    await refusedAtPreview(d, writeBundle(asA), 'forged_id', new RegExp(`电脑编号 ${inst(a)} 不是由签名密钥生成的`));
    // A new installation id claiming A's code, signed by B's key (already pinned to B).
    const newId = craftBundle(b, { header: (h) => ({ ...h, installationId: 'ffffffff-0000-4000-8000-000000000001', township: A }) });
    await refusedAtPreview(d, writeBundle(newId), 'key_reused', /已登记给 柘木镇（450311101）的另一台电脑/);
    // B's own chain changing its code to A's.
    const recoded = craftBundle(b, { bundleSeq: 2, header: (h) => ({ ...h, township: A }) });
    await refusedAtPreview(d, writeBundle(recoded), 'code_mismatch', /此前登记为 柘木镇（450311101）/);

    // A floating member under A's village.
    const under = withRow(b, 'floating_members', { ...member, id: 'bb000000-0000-4000-8000-000000009001', village_id: aVillage });
    await refusedAtPreview(d, under, 'out_of_scope', /^流动党员 bb000000-0000-4000-8000-000000009001 属于 雁山镇 的 东立村，不在本乡镇范围内，未导入任何数据$/);
    // A's member moved under B's own village: the refusal names the village A holds it in.
    const aMember = linesOf(a).find((l) => l.table === 'floating_members')!.row;
    const taken = withRow(b, 'floating_members', { ...aMember, version: (aMember.version as number) + 1, village_id: bVillage });
    await refusedAtPreview(d, taken, 'out_of_scope', new RegExp(`^流动党员 ${aMember.id as string} 属于 雁山镇 的 东立村，不在本乡镇范围内`));
    // A village with A's official code, though no such village exists anywhere yet.
    const coded = withRow(b, 'villages', { ...bRow, id: 'bb000000-0000-4000-8000-000000009002', name: '伪村', code: '450311100299' });
    await refusedAtPreview(d, coded, 'out_of_scope', /伪村（编码 450311100299）的编码不属于 柘木镇（450311101）/);
    // A tombstone for A's village.
    const tomb = withRow(b, 'villages', { ...aRow, version: 2, deleted_at: '2026-01-05T08:00:00.000Z' });
    await refusedAtPreview(d, tomb, 'out_of_scope', new RegExp(`^村（社区） ${aVillage} 属于 雁山镇 的 东立村，不在本乡镇范围内`));
    // An update of A's village.
    const renamed = withRow(b, 'villages', { ...aRow, version: 2, name: '改名村' });
    await refusedAtPreview(d, renamed, 'out_of_scope', /属于 雁山镇 的 东立村/);
    // A version no chain could have produced, on B's own row.
    const huge = withRow(b, 'villages', { ...bRow, version: MAX });
    await refusedAtPreview(d, huge, 'bad_row', /版本号无效/);
    // A bundle number no chain could have produced.
    await refusedAtPreview(d, writeBundle(craftBundle(b, { bundleSeq: MAX })), 'out_of_range', /编号过大/);
    // A row pointing at a parent that exists nowhere.
    const orphan = withRow(b, 'floating_members', { ...member, id: 'bb000000-0000-4000-8000-000000009003', village_id: 'bb000000-0000-4000-8000-00000000dead' });
    await refusedAtPreview(d, orphan, 'bad_row', /引用的村（社区）不存在/);

    // The genuine townships carry on.
    const rename = async (town: Core, id: string, name: string) => {
      const v = await ok(town, 'villages.get', { id });
      await ok(town, 'villages.update', { id, version: v.version, name, kind: '行政村' });
    };
    await rename(a, aVillage, '东立新村');
    await rename(b, bVillage, '柘木新村');
    expect((await imported(d, await exported(a))).result.result).toBe('applied');
    expect((await imported(d, await exported(b))).result.result).toBe('applied');
    const names = d.db.prepare('SELECT name FROM villages ORDER BY name').all();
    expect(names).toEqual([{ name: '东立新村' }, { name: '柘木新村' }]);
  });

  it('a replaced PC of a known township needs confirmation with both fingerprints; a revoked PC is refused, also between preview and apply', async () => {
    const { d, a } = await world();
    const aFingerprint = (await ok(a, 'sync.status', {})).signerFingerprint;
    // A new PC for A (no backup restored): its own installation and key.
    const c = await township(A.code, A.name, 'cc');
    await village(c, '新村', '450311100201');
    const file = await exported(c);
    const p = await ok(d, 'sync.preview', { file: { fileName: 'c.tlbundle', base64: fs.readFileSync(file).toString('base64') }, passphrase: PASSPHRASE });
    const cFingerprint = (await ok(c, 'sync.status', {})).signerFingerprint;
    expect(p.signerFingerprint).toBe(cFingerprint);
    expect(p.firstKey).toBe(false);
    expect(p.previousInstallations).toEqual([expect.objectContaining({ installationId: inst(a), fingerprint: aFingerprint, townshipCode: A.code, revokedAt: null })]);
    const before = dbDigest(d);
    expect(await ok(d, 'sync.apply', { stageId: p.stageId, confirmKey: true }).catch((e: Error) => e.message)).toMatch(/换了一台新电脑（新指纹 /);
    expect(dbDigest(d)).toBe(before);
    expect((await imported(d, file, { confirmNewInstallation: true })).result.result).toBe('applied');
    expect((await ok(d, 'sync.pins', {})).filter((x) => x.townshipCode === A.code)).toHaveLength(2);

    // The old PC is retired: revoked with a reason, audited, and its bundles refused from then on.
    const revoked = await ok(d, 'sync.revokePin', { installationId: inst(a), reason: '旧电脑已报废' });
    expect(revoked).toMatchObject({ installationId: inst(a), revokeReason: '旧电脑已报废', revokedBy: '王科长' });
    expect(d.db.prepare("SELECT action, row_id FROM audit_log WHERE table_name = 'sync_pins'").all()).toEqual([{ action: 'revoke', row_id: inst(a) }]);
    await village(a, '旧电脑村', '450311100202');
    await refusedAtPreview(d, await exported(a), 'revoked', /已于 .* 被停用（原因：旧电脑已报废）/);
    // Its rows stay A's: the new PC may still update them.
    expect(d.db.prepare("SELECT count(*) AS n FROM villages WHERE name = '东立村'").get()).toEqual({ n: 1 });

    // Revoked after the preview, before the confirmation: refused at apply, and that is recorded too.
    await village(c, '又一村', '450311100203');
    const p2 = (await preview(d, await exported(c))) as { ok: true; value: { stageId: string } };
    await ok(d, 'sync.revokePin', { installationId: inst(c), reason: '冒用' });
    const digest = dbDigest(d);
    const applied = await dispatch(d, 'sync.apply', { stageId: p2.value.stageId, confirmKey: true });
    expect(applied).toMatchObject({ ok: false, error: { code: 'revoked' } });
    expect(dbDigest(d)).toBe(digest);
    expect(await lastHistory(d)).toMatchObject({ result: 'refused', reason: expect.stringMatching(/原因：冒用/) });
  });

  it('checks scope again at apply when another connection changed the district after the preview', async () => {
    const { d, a, b, bVillage } = await world();
    const v = await ok(b, 'villages.get', { id: bVillage });
    await ok(b, 'villages.update', { id: bVillage, version: v.version, name: '柘木新村', kind: '行政村' });
    const p = (await preview(d, await exported(b))) as { ok: true; value: { stageId: string } };
    expect(p.ok).toBe(true);
    // Another process (the CLI, a second installation of the app on the same file) commits after
    // the preview: the district's copy of B's village is now A's. The apply must see it, not
    // trust the preview's examination.
    const other = new Database(d.file);
    other.prepare('UPDATE villages SET origin = ? WHERE id = ?').run(inst(a), bVillage);
    other.close();
    const digest = dbDigest(d);
    const applied = await dispatch(d, 'sync.apply', { stageId: p.value.stageId, confirmKey: true });
    expect(applied).toMatchObject({ ok: false, error: { code: 'out_of_scope', message: expect.stringMatching(/属于 雁山镇/) } });
    expect(dbDigest(d)).toBe(digest);
    expect(d.db.prepare('SELECT name FROM villages WHERE id = ?').get(bVillage)).toEqual({ name: '柘木村' });
  });

  it('an impostor pinned first under a genuine (random, pre-key-bound) installation id is revoked, and the genuine PC then takes its id over after confirmation', async () => {
    const d = await district();
    // Only an id set up before key-bound ids can be taken so (a key-bound one: squatting.test.ts).
    const a = await legacyTownship(A.code, A.name, 'aa');
    await village(a, '东立村', '450311100200');
    // Installation ids are in every bundle header; an impostor with a fresh key reaches the district first.
    const x = await township(B.code, B.name, 'ee');
    await village(x, '柘木村', '450311101200');
    const fake = writeBundle(craftBundle(x, { payload: '', header: (h) => ({ ...h, installationId: inst(a), township: A }) }));
    await imported(d, fake);
    const genuine = await exported(a);
    await refusedAtPreview(d, genuine, 'key_mismatch', /可先停用它再导入本文件/);
    await ok(d, 'sync.revokePin', { installationId: inst(a), reason: '冒用雁山镇的电脑编号' });
    const p = await ok(d, 'sync.preview', { file: { fileName: 'a.tlbundle', base64: fs.readFileSync(genuine).toString('base64') }, passphrase: PASSPHRASE });
    expect(p.previousInstallations).toEqual([expect.objectContaining({ installationId: inst(a), revokeReason: '冒用雁山镇的电脑编号' })]);
    expect(await dispatch(d, 'sync.apply', { stageId: p.stageId, confirmKey: true })).toMatchObject({ ok: false, error: { code: 'confirm_new_installation' } });
    expect((await imported(d, genuine, { confirmNewInstallation: true })).result.result).toBe('applied');
    const aFingerprint = (await ok(a, 'sync.status', {})).signerFingerprint;
    expect(await ok(d, 'sync.pins', {})).toEqual([expect.objectContaining({ installationId: inst(a), fingerprint: aFingerprint, revokedAt: null })]);
    expect(d.db.prepare("SELECT action FROM audit_log WHERE table_name = 'sync_pins' ORDER BY id").all()).toEqual([{ action: 'revoke' }, { action: 'repin' }]);
    // The impostor's key no longer speaks for that installation.
    await refusedAtPreview(d, writeBundle(craftBundle(x, { payload: '', header: (h) => ({ ...h, installationId: inst(a), township: A }) })), 'key_mismatch', /签名密钥与此前登记的不一致/);
  });

  it('a constraint that fails at apply is refused as a whole and recorded, named for what it is (never a duplicate code unless it is one)', async () => {
    const d = await district();
    const a = await township(A.code, A.name, 'aa');
    const east = (await ok(a, 'villages.create', { name: '东立村', code: '450311100200', kind: '行政村', years: [{ year: 2025, stars: 3, income: '1' }] })).id;
    await imported(d, await exported(a));
    // The township's second PC (confirmed) sends a 2025 row for the same village: in scope, but the district holds one already.
    const c = await township(A.code, A.name, 'cc');
    await village(c, '新村', '450311100201');
    const year = linesOf(c).find((l) => l.table === 'village_years') ?? { row: { ...linesOf(a).find((l) => l.table === 'village_years')!.row } };
    const clash = withRow(c, 'village_years', { ...year.row, id: 'cc000000-0000-4000-8000-000000009001', village_id: east, year: 2025, version: 1 });
    const p = await ok(d, 'sync.preview', { file: { fileName: 'c.tlbundle', base64: fs.readFileSync(clash).toString('base64') }, passphrase: PASSPHRASE });
    const before = dbDigest(d);
    const r = await dispatch(d, 'sync.apply', { stageId: p.stageId, confirmKey: true, confirmNewInstallation: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^文件中的.*与区县库中已有的另一条记录冲突（village_id, year 相同/) } });
    expect(JSON.stringify(r)).not.toMatch(/编码重复/);
    expect(dbDigest(d)).toBe(before);
    expect(await lastHistory(d)).toMatchObject({ result: 'refused', reason: (r as { error: { message: string } }).error.message });
    // A real duplicate village code is called one.
    const dup = withRow(c, 'villages', { ...linesOf(c).find((l) => l.table === 'villages')!.row, id: 'cc000000-0000-4000-8000-000000009002', name: '重码村', code: '450311100200' });
    const p2 = await ok(d, 'sync.preview', { file: { fileName: 'c.tlbundle', base64: fs.readFileSync(dup).toString('base64') }, passphrase: PASSPHRASE });
    expect(await dispatch(d, 'sync.apply', { stageId: p2.stageId, confirmKey: true, confirmNewInstallation: true })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/村（社区）编码与区县库中已有的另一个村（社区）重复/) } });
  });
});
