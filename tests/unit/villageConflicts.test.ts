import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { VillageBundlePreviewed } from '../../electron/api/contract';
import type { Core } from '../../electron/core';
import { applyVillageStaged, stageVillageBundle } from '../../electron/sync/villageImport';
import { importVillageReceipt, writeVillageReceipt } from '../../electron/sync/villageReceipt';
import { call, recordInput } from './fuzz.fixtures';
import { dbDigest } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { exportFrom, laptopFrom, logDays, refusal, roundTrip, villageWorld } from '../helpers/village';

/**
 * Issue 14 item 6: a row the township edited that the laptop also changed before it saw the edit
 * is listed in the preview with both sides' values; the clerk chooses, the chosen row stands at the
 * township and, after the receipt, on the laptop; the loser stays in the audit log. Real files and
 * keys throughout.
 */

type Log = { id: string; version: number; content: string | null; origin: string; deleted_at: string | null };
const logOf = (core: Core, id: string) => core.db.prepare('SELECT * FROM work_logs WHERE id = ?').get(id) as Log;

const edit = (core: Core, log: Log, cadreId: string, content: string) =>
  call(core, 'cadres.saveLog', { id: log.id, version: log.version, cadreId, logDate: '2025-11-03', inVillage: true, workKind: '走访农户', content });

/** A log made on the laptop and received at the township, then edited on both sides. */
async function bothEdited() {
  const v = await villageWorld();
  const lap = await laptopFrom(v.pkg);
  const [id] = await logDays(lap, v.world.cadre.id, '2025-11-03', '2025-11-03');
  await roundTrip(v.town, lap, await exportFrom(lap));
  await edit(v.town, logOf(v.town, id!), v.world.cadre.id, '乡镇核实后更正');
  await edit(lap, logOf(lap, id!), v.world.cadre.id, '驻村版补充内容');
  return { ...v, lap, id: id! };
}

const receiptBack = (town: Core, lap: Core, staged: Awaited<ReturnType<typeof stageVillageBundle>>) =>
  importVillageReceipt(lap, fs.readFileSync(writeVillageReceipt(town, staged.header, staged.hash, path.join(tempDir(), 'r')), 'utf8'));

describe('conflicts between the township and a 驻村版', () => {
  it.each([
    ['township', '乡镇核实后更正', '驻村版补充内容', 'conflict:kept-township'],
    ['village', '驻村版补充内容', '乡镇核实后更正', 'conflict:kept-village'],
  ] as const)('lists the row both sides edited; keeping the %s side holds at both ends, the loser audited', async (keep, winner, loser, action) => {
    const { town, lap, id, world } = await bothEdited();
    const townBefore = logOf(town, id);
    const lapBefore = logOf(lap, id);
    const file = await exportFrom(lap);
    const staged = await stageVillageBundle(town, file);
    expect(staged.conflicts).toEqual([
      {
        table: 'work_logs',
        id,
        what: `${world.cadre.name as string} 2025-11-03 的驻村日志`,
        columns: [{ column: 'content', label: '工作内容', township: '乡镇核实后更正', village: '驻村版补充内容' }],
      },
    ]);

    // No choice, nothing written.
    const untouched = dbDigest(town);
    const r = await refusal(Promise.resolve().then(() => applyVillageStaged(town, staged)));
    expect(r.code).toBe('choose_conflicts');
    expect(r.message).toMatch(/2025-11-03 的驻村日志.*请在预览中逐条选择/);
    expect(dbDigest(town)).toBe(untouched);

    const seqBefore = (town.db.prepare('SELECT seq FROM sync_clock').get() as { seq: number }).seq;
    const done = applyVillageStaged(town, staged, { choices: [{ table: 'work_logs', id, keep }] });
    expect(done.result).toBe('applied');
    const after = logOf(town, id);
    expect(after.content).toBe(winner);
    expect(after.version).toBeGreaterThan(Math.max(townBefore.version, lapBefore.version));
    // A new township change number: the chosen row travels on to the district.
    expect((town.db.prepare('SELECT seq FROM work_logs WHERE id = ?').get(id) as { seq: number }).seq).toBeGreaterThan(seqBefore);
    const audit = town.db.prepare("SELECT * FROM audit_log WHERE row_id = ? AND action LIKE 'conflict:%'").all(id) as { action: string; before: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe(action);
    expect(JSON.parse(audit[0]!.before)).toMatchObject({ content: loser });

    // The receipt carries the chosen row back; applying it twice changes nothing more.
    receiptBack(town, lap, staged);
    expect(logOf(lap, id)).toMatchObject({ content: winner, version: after.version, origin: after.origin });
    const lapDigest = dbDigest(lap);
    receiptBack(town, lap, staged);
    expect(dbDigest(lap)).toBe(lapDigest);

    // Re-importing the same bundle changes nothing at the township.
    const again = dbDigest(town);
    const dup = await stageVillageBundle(town, file);
    expect(dup.duplicate).toBe(true);
    expect(applyVillageStaged(town, dup).result).toBe('duplicate');
    expect(dbDigest(town)).toBe(again);

    // The laptop saw the outcome: its next edit of that row is an ordinary update, no conflict.
    await edit(lap, logOf(lap, id), world.cadre.id, '驻村版再次补充');
    const next = await stageVillageBundle(town, await exportFrom(lap));
    expect(next.conflicts).toEqual([]);
    applyVillageStaged(town, next);
    expect(logOf(town, id).content).toBe('驻村版再次补充');
  });

  it('refuses a choice for some conflicts but not all, writing nothing', async () => {
    const { town, lap, id, world } = await bothEdited();
    const staged0 = await stageVillageBundle(town, await exportFrom(lap));
    applyVillageStaged(town, staged0, { choices: [{ table: 'work_logs', id, keep: 'village' }] });
    receiptBack(town, lap, staged0);
    // Two days both sides edit after that: one on the same day again, one new from the laptop.
    const [second] = await logDays(lap, world.cadre.id, '2025-11-04', '2025-11-04');
    await roundTrip(town, lap, await exportFrom(lap));
    await edit(town, logOf(town, id), world.cadre.id, '乡镇再改');
    await edit(lap, logOf(lap, id), world.cadre.id, '驻村再改');
    const s = logOf(town, second!);
    await call(town, 'cadres.saveLog', { id: s.id, version: s.version, cadreId: world.cadre.id, logDate: '2025-11-04', inVillage: true, workKind: '走访农户', content: '乡镇改' });
    const l = logOf(lap, second!);
    await call(lap, 'cadres.saveLog', { id: l.id, version: l.version, cadreId: world.cadre.id, logDate: '2025-11-04', inVillage: false, workKind: '走访农户', content: '驻村改' });
    const staged = await stageVillageBundle(town, await exportFrom(lap));
    expect(staged.conflicts.map((c) => c.id).sort()).toEqual([id, second].sort());
    expect(staged.conflicts.find((c) => c.id === second)!.columns.map((c) => [c.label, c.township, c.village])).toEqual([
      ['是否在村', '是', '否'],
      ['工作内容', '乡镇改', '驻村改'],
    ]);
    const untouched = dbDigest(town);
    const r = await refusal(Promise.resolve().then(() => applyVillageStaged(town, staged, { choices: [{ table: 'work_logs', id, keep: 'village' }] })));
    expect(r.code).toBe('choose_conflicts');
    expect(r.message).toMatch(/有 1 条记录/);
    expect(dbDigest(town)).toBe(untouched);
  });

  it('through the channels: the preview lists the conflict, the apply asks for a choice, then takes it', async () => {
    const { town, lap, id } = await bothEdited();
    const bundle = await exportFrom(lap);
    const file = { fileName: path.basename(bundle), base64: fs.readFileSync(bundle).toString('base64') };
    const p = (await call(town, 'sync.villagePreview', { file })) as unknown as VillageBundlePreviewed;
    expect(p.refusal).toBeNull();
    expect(p.conflicts).toMatchObject([{ table: 'work_logs', id, columns: [{ township: '乡镇核实后更正', village: '驻村版补充内容' }] }]);
    const untouched = dbDigest(town);
    expect(await dispatch(town, 'sync.villageApply', { stageId: p.stageId })).toMatchObject({ ok: false, error: { code: 'choose_conflicts', fields: [{ path: ['choices'] }] } });
    expect(await dispatch(town, 'sync.villageApply', { stageId: p.stageId, choices: [{ table: 'work_logs', id, keep: 'somebody' }] })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(dbDigest(town)).toBe(untouched);
    await call(town, 'sync.villageApply', { stageId: p.stageId, choices: [{ table: 'work_logs', id, keep: 'village' }] });
    expect(logOf(town, id).content).toBe('驻村版补充内容');
  });

  it('names a contact record by member and day, and lets two deletions of one record agree without a question', async () => {
    const v = await villageWorld();
    const lap = await laptopFrom(v.pkg);
    type Rec = { id: string; version: number; content: string; deleted_at: string | null };
    const recOf = (core: Core, id: string) => core.db.prepare('SELECT * FROM contact_records WHERE id = ?').get(id) as Rec;
    await call(lap, 'floating.addRecord', { memberId: v.world.member.id, ...recordInput(), contactDate: '2025-11-20' });
    const made = (await call(lap, 'floating.get', { id: v.world.member.id })).records as Rec[];
    expect(made).toHaveLength(1); // the laptop holds only the records its team typed in
    const a = made[0]!.id;
    await roundTrip(v.town, lap, await exportFrom(lap));
    const update = (core: Core, content: string) => call(core, 'floating.updateRecord', { id: a, version: recOf(core, a).version, ...recordInput(), contactDate: '2025-11-20', content });
    await update(v.town, '乡镇：电话未接通');
    await update(lap, '驻村版：微信已联系');
    const staged = await stageVillageBundle(v.town, await exportFrom(lap));
    expect(staged.conflicts).toEqual([
      {
        table: 'contact_records',
        id: a,
        what: `${v.world.member.name as string} 2025-11-20 的联系记录`,
        columns: [{ column: 'content', label: '联系内容', township: '乡镇：电话未接通', village: '驻村版：微信已联系' }],
      },
    ]);
    applyVillageStaged(v.town, staged, { choices: [{ table: 'contact_records', id: a, keep: 'township' }] });
    receiptBack(v.town, lap, staged);
    expect(recOf(lap, a).content).toBe('乡镇：电话未接通');

    // Both delete it after that: no question, the record stays deleted on both sides.
    await call(v.town, 'floating.removeRecord', { id: a, version: recOf(v.town, a).version });
    await call(lap, 'floating.removeRecord', { id: a, version: recOf(lap, a).version });
    const both = await stageVillageBundle(v.town, await exportFrom(lap));
    expect(both.conflicts).toEqual([]);
    applyVillageStaged(v.town, both);
    expect(recOf(v.town, a).deleted_at).not.toBeNull();
  });
});
