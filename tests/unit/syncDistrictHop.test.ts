import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { readEnvelope } from '../../electron/sync/format';
import { reportSections } from '../../electron/domain/reportColumns';
import { craftBundle, townshipLines } from '../helpers/faultBundle';
import fs from 'node:fs';
import * as R from '../helpers/formatReader';
import { dbDigest, districtKeys, PASSPHRASE, syncedRows } from '../helpers/sync';
import { district, exported, imported, lastHistory, refusedAtPreview, township, writeBundle } from '../helpers/trust';
import { laptopLog, laptopRow, pinLaptop, type Laptop } from '../helpers/villageRows';
import { cadre, logDays, member, post, project } from './dashboard.helpers';
import { ok } from './floating.helpers';

/**
 * Township → district with rows a 驻村版 made: they travel on in the township's bundle with their
 * origin, the township vouching in its signed header for which laptop belongs to which of its
 * villages, and the district takes them only inside that village. Real files, keys and crypto.
 */

const A = { code: '450311100', name: '雁山镇' };
const B = { code: '450311101', name: '柘木镇' };

type Line = { table: string; row: Record<string, unknown> };
const linesOf = (town: Core) => townshipLines(town).map((l) => JSON.parse(l) as Line);
const clock = (town: Core) => (town.db.prepare('SELECT seq FROM sync_clock').get() as { seq: number }).seq;
const inst = (town: Core) => town.installation()!.installationId;
type Vouched = Omit<Laptop, 'proof'> & { proof?: string };
const vouch = (...laptops: Vouched[]) => laptops.map((l) => ({ installationId: l.installationId, villageId: l.villageId, publicKey: l.publicKey, proof: l.proof }));

async function villageOf(town: Core, name: string, code: string): Promise<string> {
  return (await ok(town, 'villages.create', { name, code, kind: '行政村' })).id;
}

/** A township with two villages; a cadre posted to the first from 2025-12-01, a member and a project in each. */
async function townWith(t: { code: string; name: string }, prefix: string, names: [string, string]) {
  const town = await township(t.code, t.name, prefix);
  const v1 = await villageOf(town, names[0], `${t.code}200`);
  const v2 = await villageOf(town, names[1], `${t.code}201`);
  const c1 = await cadre(town, `${names[0].slice(0, 1)}书记`);
  await post(town, c1, v1, '第一书记', '2025-12-01');
  const m1 = (await member(town, v1, '王一', '2025-06-01')).id;
  const m2 = (await member(town, v2, '王二', '2025-06-01')).id;
  const p1 = (await project(town, v1, { name: '蔬菜基地', year: 2025, status: '在建' })).id;
  const p2 = (await project(town, v2, { name: '光伏电站', year: 2025, status: '在建' })).id;
  return { town, v1, v2, c1, m1, m2, p1, p2 };
}

/** The laptop's own entries: five logs (one not in the village), a contact record, a progress row. */
function laptopEntries(town: Core, laptop: Laptop, w: { c1: string; m1: string; p1: string }) {
  const logs = ['2025-12-01', '2025-12-02', '2025-12-03', '2025-12-04', '2025-12-05'].map((day, i) => laptopLog(town, laptop, w.c1, day, { in_village: i === 4 ? 0 : 1 }));
  const record = laptopRow(town, laptop, 'contact_records', { member_id: w.m1, contact_date: '2025-12-03', way: '电话', made_by: '李支书', content: '电话了解近况' });
  const progress = laptopRow(town, laptop, 'project_progress', { project_id: w.p1, report_date: '2025-12-04', percent: 40, note: '大棚完工' });
  return { logs, record, progress };
}

const originsAt = (core: Core, table: string) => core.db.prepare(`SELECT id, origin, version FROM ${table} ORDER BY id`).all();

/** A key unlike `key` in its first character (`c`, or another letter when the key starts with `c`: a 1-in-64 flake). */
const otherKey = (key: string, c: string) => (key[0] === c ? 'P' : c) + key.slice(1);

describe('township → district: rows entered in the village travel on with their origin', () => {
  it('carries laptop rows with their origin and the township’s vouching; the district holds them column by column, and re-imports change nothing', async () => {
    const d = await district();
    const w = await townWith(A, 'aa', ['东立村', '西岭村']);
    const a = w.town;
    const laptop = pinLaptop(a, w.v1);
    const entries = laptopEntries(a, laptop, w);
    await logDays(a, w.c1, '2025-12-10', 3);

    const file = await exported(a);
    // The header says which laptop the township vouches for, and for which village, under its signature.
    expect(readEnvelope(file).header.villagePins).toEqual(vouch(laptop));
    // A reader written from FORMAT.md alone reads it too, laptop rows and all.
    const secret = R.openDistrictKey(districtKeys().secretFile, PASSPHRASE);
    const read = R.readBundle(fs.readFileSync(file), secret);
    expect(read.header.villagePins).toEqual(vouch(laptop));
    expect(read.lines.filter((l) => l.row.origin === laptop.installationId).map((l) => l.table).sort()).toEqual(['contact_records', 'project_progress', 'work_logs', 'work_logs', 'work_logs', 'work_logs', 'work_logs']);
    const { preview, result } = await imported(d, file);
    expect(result.result).toBe('applied');
    expect(preview.tables.find((t) => t.table === 'work_logs')).toMatchObject({ new: 8 });
    // Every synced row, every column but the installation-local seq, origin included.
    expect(syncedRows(d)).toEqual(syncedRows(a));
    const logOrigins = d.db.prepare('SELECT origin, count(*) AS n FROM work_logs GROUP BY origin ORDER BY n').all();
    expect(logOrigins).toEqual([
      { origin: inst(a), n: 3 },
      { origin: laptop.installationId, n: 5 },
    ]);
    expect(d.db.prepare('SELECT origin FROM contact_records WHERE id = ?').get(entries.record)).toEqual({ origin: laptop.installationId });
    expect(d.db.prepare('SELECT origin FROM project_progress WHERE id = ?').get(entries.progress)).toEqual({ origin: laptop.installationId });
    // The district now knows the laptop as one of this township's, pinned to its village, audited.
    expect(d.db.prepare('SELECT installation_id, township_code, village_id, public_key FROM sync_pins WHERE village_id IS NOT NULL').all()).toEqual([
      { installation_id: laptop.installationId, township_code: A.code, village_id: w.v1, public_key: laptop.publicKey },
    ]);
    expect(d.db.prepare("SELECT action, row_id FROM audit_log WHERE table_name = 'sync_pins'").all()).toEqual([{ action: 'vouch', row_id: laptop.installationId }]);

    // The same file again, and an export with nothing new: nothing changes.
    const digest = dbDigest(d);
    expect((await imported(d, file)).result.result).toBe('duplicate');
    expect(dbDigest(d)).toBe(digest);
    const rows = syncedRows(d);
    expect((await imported(d, await exported(a))).result.result).toBe('applied');
    expect(syncedRows(d)).toEqual(rows);
    expect(originsAt(d, 'work_logs')).toEqual(originsAt(a, 'work_logs'));
    expect(syncedRows(d)).toEqual(syncedRows(a));
    expect(d.db.prepare("SELECT count(*) AS n FROM sync_pins WHERE village_id IS NOT NULL").get()).toEqual({ n: 1 });

    // The laptop corrects a log (its version 2); the township corrects another one itself.
    laptopLog(a, laptop, w.c1, '2025-12-02', { households: 9 }, { id: entries.logs[1], version: 2 });
    const mine = await ok(a, 'cadres.logDay', { cadreId: w.c1, date: '2025-12-03' });
    await ok(a, 'cadres.saveLog', { id: mine.log!.id, version: mine.log!.version, cadreId: w.c1, logDate: '2025-12-03', inVillage: true, workKind: '召开会议' });
    expect((await imported(d, await exported(a))).result.result).toBe('applied');
    expect(syncedRows(d)).toEqual(syncedRows(a));
    expect(d.db.prepare('SELECT households, version, origin FROM work_logs WHERE id = ?').get(entries.logs[1])).toEqual({ households: 9, version: 2, origin: laptop.installationId });
    // A row the township edited is the township's from then on (origin = who made the last change).
    expect(d.db.prepare('SELECT origin FROM work_logs WHERE id = ?').get(entries.logs[2])).toEqual({ origin: inst(a) });

    // A full export (a township restored from backup) is taken as truth and keeps every origin.
    const before = syncedRows(d);
    expect((await imported(d, await exported(a, true))).result.result).toBe('applied');
    expect(syncedRows(d)).toEqual(before);
  });

  it('refuses, with the reason recorded, every way a township with a valid key might misuse the vouching', async () => {
    const d = await district();
    const wa = await townWith(A, 'aa', ['东立村', '西岭村']);
    const wb = await townWith(B, 'bb', ['柘木村', '南山村']);
    const a = wa.town;
    const b = wb.town;
    const la = pinLaptop(a, wa.v1);
    const lb = pinLaptop(b, wb.v1);
    laptopEntries(a, la, wa);
    const bEntries = laptopEntries(b, lb, wb);
    await logDays(b, wb.c1, '2025-12-10', 1);
    await imported(d, await exported(a));
    await imported(d, await exported(b));
    const bTownLog = (d.db.prepare('SELECT id FROM work_logs WHERE origin = ?').get(inst(b)) as { id: string }).id;

    const aLines = linesOf(a);
    const aLog = aLines.find((l) => l.table === 'work_logs' && l.row.origin === la.installationId)!.row;
    const aRecord = aLines.find((l) => l.table === 'contact_records')!.row;
    const aProgress = aLines.find((l) => l.table === 'project_progress')!.row;
    /** A's rows plus hostile ones, signed by A's real key, vouching for `pins`. */
    const bundle = (pins: Vouched[], extra: Line[]) => {
      const lines = [...aLines, ...extra.map((l) => ({ table: l.table, row: { ...l.row, seq: clock(a) } }))];
      return writeBundle(craftBundle(a, { payload: lines.map((l) => JSON.stringify(l)).join('\n') + '\n', header: (h) => ({ ...h, villagePins: vouch(...pins) }) }));
    };
    const fresh = (over: Record<string, unknown>, table = 'work_logs', base = aLog) => ({ table, row: { ...base, id: randomUUID(), ...over } });

    // Another township's laptop: A vouches for B's laptop (for B's village, or for one of its own) and sends its log.
    await refusedAtPreview(d, bundle([la, lb], [fresh({ origin: lb.installationId, village_id: wb.v1, cadre_id: wb.c1 })]), 'village_pin', /已由 柘木镇（450311101）担保，雁山镇不能再为它担保/);
    await refusedAtPreview(d, bundle([la, { ...lb, villageId: wa.v1 }], [fresh({ origin: lb.installationId })]), 'village_pin', /已由 柘木镇（450311101）担保/);
    // A new laptop of A's, proving itself, vouched for B's village.
    const stray = pinLaptop(a, wb.v2);
    await refusedAtPreview(d, bundle([la, stray], []), 'village_pin', /担保在 南山村，该村属于 柘木镇，不是雁山镇的村/);
    a.db.prepare('DELETE FROM sync_pins WHERE installation_id = ?').run(stray.installationId);
    // A new laptop id without the laptop's own proof, or with a random id, or with a proof made
    // for another township (B's laptop's, replayed from B's header).
    const unproven = { ...pinLaptop(b, wb.v2), proof: undefined };
    await refusedAtPreview(d, bundle([la, { ...unproven, villageId: wa.v1 }], []), 'village_pin', /没有该驻村版自己签名的证明/);
    const lb3 = pinLaptop(b, wb.v2);
    await refusedAtPreview(d, bundle([la, { ...lb3, installationId: randomUUID() }], []), 'village_pin', /没有该驻村版自己签名的证明/);
    await refusedAtPreview(d, bundle([la, lb3], []), 'village_pin', /没有该驻村版自己签名的证明/);
    // B's township PC's id passed off as A's laptop, to overwrite B's own log.
    const asLaptop = { installationId: inst(b), villageId: wa.v1, publicKey: otherKey(la.publicKey, 'R') };
    await refusedAtPreview(d, bundle([la, asLaptop], [fresh({ id: bTownLog, origin: inst(b) })]), 'village_pin', /已登记为 柘木镇（450311101）的乡镇电脑，不能作为驻村版担保/);
    // A's laptop re-vouched for A's other village, or under another key.
    await refusedAtPreview(d, bundle([{ ...la, villageId: wa.v2 }], []), 'village_pin', /此前登记在 东立村，本文件却说它属于 西岭村/);
    await refusedAtPreview(d, bundle([{ ...la, publicKey: lb.publicKey }], []), 'village_pin', /密钥与此前登记的不一致/);
    // Two new laptops under one key: stored, every later bundle (listing both again) was refused.
    const twin = pinLaptop(a, wa.v1);
    await refusedAtPreview(d, bundle([la, twin, { ...twin, installationId: randomUUID() }], []), 'village_pin', /的密钥与另一台驻村版相同/);
    a.db.prepare('DELETE FROM sync_pins WHERE installation_id = ?').run(twin.installationId);
    // A laptop row whose laptop the header does not vouch for.
    await refusedAtPreview(d, bundle([la], [fresh({ origin: randomUUID() })]), 'bad_row', /数据来源既不是文件签名者，也不是其担保的驻村版/);

    // A's own laptop writing outside its village: a log in A's other village, a log of a day its cadre
    // was not posted there, another village's member and project, and a table no 驻村版 writes.
    await refusedAtPreview(d, bundle([la], [fresh({ village_id: wa.v2 })]), 'out_of_scope', /驻村日志 .*（西岭村）由 东立村 的驻村版录入，却属于另一个村/);
    await refusedAtPreview(d, bundle([la], [fresh({ log_date: '2025-11-30' })]), 'out_of_scope', /由 东立村 的驻村版录入，但该干部 2025-11-30 不在该村驻村/);
    await refusedAtPreview(d, bundle([la], [fresh({ member_id: wa.m2 }, 'contact_records', aRecord)]), 'out_of_scope', /^联系记录 .*（西岭村）由 东立村 的驻村版录入，却属于另一个村/);
    await refusedAtPreview(d, bundle([la], [fresh({ project_id: wa.p2 }, 'project_progress', aProgress)]), 'out_of_scope', /^项目进展 .*（西岭村）由 东立村 的驻村版录入，却属于另一个村/);
    const aVillageRow = aLines.find((l) => l.table === 'villages')!.row;
    await refusedAtPreview(d, bundle([la], [fresh({ origin: la.installationId, name: '驻村版新村', code: null }, 'villages', aVillageRow)]), 'out_of_scope', /但驻村版只录入驻村日志、联系记录和项目进展/);

    // Forged ids: A's laptop overwriting B's laptop log and B's township log (both B's at the district).
    await refusedAtPreview(d, bundle([la], [fresh({ id: bEntries.logs[0], version: 5 })]), 'out_of_scope', /属于 柘木镇 的 .*，不在本乡镇范围内/);
    await refusedAtPreview(d, bundle([la], [fresh({ id: bTownLog, version: 5 })]), 'out_of_scope', /属于 柘木镇 的 .*，不在本乡镇范围内/);
    expect(await lastHistory(d)).toMatchObject({ result: 'refused', townshipCode: A.code });

    // Squatting (red team, session 37): B, before A's next bundle, claims A's new laptop's id
    // under a key of its own, or replays that laptop's own proof (it is in A's headers) for
    // itself. Neither proves anything, and A's genuine export is then taken: before, B's claim
    // was pinned and A was refused for good.
    const la2 = pinLaptop(a, wa.v1);
    laptopLog(a, la2, wa.c1, '2025-12-20');
    const claimed = pinLaptop(b, wb.v1, la2.installationId);
    laptopLog(b, claimed, wb.c1, '2025-12-20');
    await refusedAtPreview(d, await exported(b), 'village_pin', /没有该驻村版自己签名的证明/);
    const bLines = linesOf(b).filter((l) => l.row.origin !== la2.installationId);
    const replayed = writeBundle(craftBundle(b, { payload: bLines.map((l) => JSON.stringify(l)).join('\n') + '\n', header: (h) => ({ ...h, villagePins: vouch(lb, { ...la2, villageId: wb.v1 }) }) }));
    await refusedAtPreview(d, replayed, 'village_pin', /没有该驻村版自己签名的证明/);
    expect((await imported(d, await exported(a))).result.result).toBe('applied');
    expect(d.db.prepare('SELECT township_code, village_id FROM sync_pins WHERE installation_id = ?').get(la2.installationId)).toEqual({ township_code: A.code, village_id: wa.v1 });
  });

  it('the district report counts the log days entered in the village, per township and in 合计', async () => {
    const d = await district();
    const wa = await townWith(A, 'aa', ['东立村', '西岭村']);
    const wb = await townWith(B, 'bb', ['柘木村', '南山村']);
    // 雁山镇: 5 days from its laptop, 3 typed in at the township. 柘木镇: 2 typed in, no laptop.
    laptopEntries(wa.town, pinLaptop(wa.town, wa.v1), wa);
    await logDays(wa.town, wa.c1, '2025-12-10', 3);
    await logDays(wb.town, wb.c1, '2025-12-10', 2);
    await imported(d, await exported(wa.town));
    await imported(d, await exported(wb.town));

    const r = await ok(d, 'reports.get', { from: '2025-12-01', to: '2025-12-31', township: null });
    const columns = reportSections(r).find((x) => x.key === 'workLogs')!.columns;
    // Every township of the district has a row (those that sent nothing count 0); these two sent data.
    const sent = r.scopes.filter((x) => x.code === null || x.data?.sent);
    const figure = (key: string) => sent.map((x) => [x.name, columns.find((c) => c.key === key)!.value(x.figures)]);
    expect(figure('logDays')).toEqual([['雁山镇', 8], ['柘木镇', 2], ['合计', 10]]);
    expect(figure('villageDays')).toEqual([['雁山镇', 5], ['柘木镇', 0], ['合计', 5]]);
    // 5 ÷ 8 = 62.5%; 0 ÷ 2 = 0%; 合计 5 ÷ 10 = 50%, the share of all the district's log days, not a sum of shares.
    expect(figure('villageShare')).toEqual([['雁山镇', 62.5], ['柘木镇', 0], ['合计', 50]]);
    expect(columns.find((c) => c.key === 'villageShare')!.label).toBe('驻村版录入占比（%）');

    // The township corrects one of the laptop's days: from then on that day is the township's entry.
    const day = await ok(wa.town, 'cadres.logDay', { cadreId: wa.c1, date: '2025-12-02' });
    await ok(wa.town, 'cadres.saveLog', { id: day.log!.id, version: day.log!.version, cadreId: wa.c1, logDate: '2025-12-02', inVillage: true, workKind: '召开会议' });
    await imported(d, await exported(wa.town));
    const again = await ok(d, 'reports.get', { from: '2025-12-01', to: '2025-12-31', township: A.code });
    expect(again.scopes.map((x) => [x.name, x.figures.workLogs.villageDays, x.figures.workLogs.logDays])).toEqual([['雁山镇', 4, 8]]);
    // 4 ÷ 8 = 50%.
    expect(columns.find((c) => c.key === 'villageShare')!.value(again.scopes[0]!.figures)).toBe(50);

    // The district's list of the cadre's logs says where each entry was made (来源), the same at the township.
    const sources = async (core: Core) => (await ok(core, 'cadres.ledger', { id: wa.c1 })).logs.map((l) => [l.logDate, l.source]);
    const expected = [
      ['2025-12-01', '驻村版'], ['2025-12-02', '乡镇录入'], ['2025-12-03', '驻村版'], ['2025-12-04', '驻村版'], ['2025-12-05', '驻村版'],
      ['2025-12-10', '乡镇录入'], ['2025-12-11', '乡镇录入'], ['2025-12-12', '乡镇录入'],
    ];
    expect(await sources(d)).toEqual(expected);
    expect(await sources(wa.town)).toEqual(expected);
  });
});
