import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { looksKeyBound } from '../../electron/sync/boundIds';
import { boundRowIds, rowIdPrefix } from '../../electron/sync/rowIds';
import * as R from '../helpers/formatReader';
import { boundTownship, district, exported, imported, legacyTownship, refusedAtPreview } from '../helpers/trust';
import { exportFrom, importAt, lastRefusal, laptopFrom, refusal, rowsOf, villageWorld } from '../helpers/village';
import { trustDistrict } from '../helpers/sync';
import { laptopLog, pinLaptop } from '../helpers/villageRows';
import { cadre, post } from './dashboard.helpers';
import { ok } from './floating.helpers';

/**
 * Row ids bound to the installation that made them (electron/sync/rowIds.ts). Row ids travel in
 * plain text (village packages, headers), and the district keeps a row for the township that
 * sent it first: T copying one of U's ids into a row of its own, and reaching the district
 * first, had U's every later bundle carrying that row refused, for good (red team, session 39).
 * Real files, keys and crypto; the townships' ids made by the app itself, not by a test counter.
 */

const T = { code: '450311101', name: '柘木镇' };
const U = { code: '450311100', name: '雁山镇' };

const inst = (c: Core) => c.installation()!.installationId;
const ownerOf = (d: Core, table: string, id: string) =>
  d.db.prepare(`SELECT p.township_code AS code FROM ${table} r JOIN sync_pins p ON p.installation_id = r.origin WHERE r.id = ?`).pluck().get(id);

async function villageOf(town: Core, name: string, code: string): Promise<string> {
  return (await ok(town, 'villages.create', { name, code, kind: '行政村' })).id;
}

/** T at the district already; U with a village and a posted cadre, not yet. */
async function world() {
  const d = await district();
  const t = await boundTownship(T.code, T.name);
  const u = await boundTownship(U.code, U.name);
  const tVillage = await villageOf(t, '柘木村', `${T.code}200`);
  const tCadre = await cadre(t, '柘书记');
  await post(t, tCadre, tVillage, '第一书记', '2025-12-01');
  await imported(d, await exported(t));
  const uVillage = await villageOf(u, '东立村', `${U.code}200`);
  const uCadre = await cadre(u, '东书记');
  return { d, t, u, tVillage, tCadre, uVillage, uCadre };
}

describe('row ids bound to their installation', () => {
  it("are made with the installation's prefix, as FORMAT.md derives it", async () => {
    const { t, u, tVillage, tCadre, uVillage, uCadre } = await world();
    for (const [c, ids] of [[t, [tVillage, tCadre]], [u, [uVillage, uCadre]]] as const) {
      const prefix = R.rowIdPrefix(inst(c));
      expect(prefix).toBe(rowIdPrefix(inst(c)));
      for (const id of ids) expect(id).toMatch(new RegExp(`^${prefix}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`));
    }
    expect(R.rowIdPrefix(inst(t))).not.toBe(R.rowIdPrefix(inst(u)));
    const make = boundRowIds(inst(t));
    expect(new Set(Array.from({ length: 1000 }, make)).size).toBe(1000);
  });

  it("refuses T's new rows under U's ids before U reaches the district, and takes U's bundle afterwards", async () => {
    const { d, t, u, uVillage, uCadre } = await world();
    // T's app, modified: a village and a cadre of its own renamed to ids read from U's files.
    const decoyVillage = await villageOf(t, '仿冒村', `${T.code}201`);
    t.db.prepare('UPDATE villages SET id = ? WHERE id = ?').run(uVillage, decoyVillage);
    const forged = await exported(t);
    await refusedAtPreview(d, forged, 'forged_id', /村（社区） \S+（仿冒村）是区县库中没有的新记录，其编号却不是柘木镇的电脑生成的.*未导入任何数据/);
    expect(ownerOf(d, 'villages', uVillage)).toBeUndefined();

    const decoyCadre = await cadre(t, '仿冒干部');
    t.db.prepare('UPDATE villages SET id = ? WHERE id = ?').run(decoyVillage, uVillage);
    t.db.prepare('UPDATE cadres SET id = ? WHERE id = ?').run(uCadre, decoyCadre);
    await refusedAtPreview(d, await exported(t), 'forged_id', /驻村干部 \S+ ?是区县库中没有的新记录/);
    expect(ownerOf(d, 'cadres', uCadre)).toBeUndefined();

    expect((await imported(d, await exported(u), { confirmNewInstallation: true })).result.result).toBe('applied');
    expect(ownerOf(d, 'villages', uVillage)).toBe(U.code);
    expect(ownerOf(d, 'cadres', uCadre)).toBe(U.code);
  });

  it("refuses another spelling of U's id (a space, a capital, a no-break space): a second row that would read as U's", async () => {
    const { d, t, uVillage } = await world();
    const decoy = await villageOf(t, '仿冒村', `${T.code}201`);
    let current = decoy;
    for (const variant of [`${uVillage} `, ` ${uVillage}`, uVillage.toUpperCase(), `${uVillage}\u00a0`, `${uVillage}0`]) {
      t.db.prepare('UPDATE villages SET id = ? WHERE id = ?').run(variant, current);
      current = variant;
      await refusedAtPreview(d, await exported(t), 'bad_row', /记录编号无效（应为小写 UUID）/);
    }
    expect(d.db.prepare("SELECT count(*) FROM villages WHERE name = '仿冒村'").pluck().get()).toBe(0);
  });

  it("takes a laptop's row that the township edited before sending it, and refuses one with another township's prefix", async () => {
    const { d, t, u, tVillage, tCadre } = await world();
    const laptop = pinLaptop(t, tVillage);
    const log = laptopLog(t, laptop, tCadre, '2025-12-02', {}, { id: boundRowIds(laptop.installationId)() });
    // The clerk corrects it: the row now has the township's origin and keeps the laptop's prefix.
    await ok(t, 'cadres.saveLog', { id: log, version: 1, cadreId: tCadre, logDate: '2025-12-02', inVillage: true, workKind: '走访农户', content: '入户走访，已更正' });
    expect(t.db.prepare('SELECT origin FROM work_logs WHERE id = ?').pluck().get(log)).toBe(inst(t));
    expect((await imported(d, await exported(t))).result.result).toBe('applied');
    expect(ownerOf(d, 'work_logs', log)).toBe(T.code);

    const copied = laptopLog(t, laptop, tCadre, '2025-12-03', {}, { id: boundRowIds(inst(u))() });
    await refusedAtPreview(d, await exported(t), 'forged_id', /驻村日志 \S+（柘木村）是区县库中没有的新记录/);
    expect(ownerOf(d, 'work_logs', copied)).toBeUndefined();
  });

  it('grants no prefix for a laptop vouched on the word alone, whose id could be chosen to match another installation (red team)', async () => {
    const { d, t, tVillage, tCadre } = await world();
    // A laptop pinned before proofs: its id is any random-form string, so a township could try
    // ids until one's prefix equalled another installation's; here one such id stands for the hit.
    const chosen = randomUUID();
    const wordOnly = pinLaptop(t, tVillage, chosen);
    t.db.prepare('UPDATE sync_pins SET proof = NULL WHERE installation_id = ?').run(chosen);
    laptopLog(t, wordOnly, tCadre, '2025-12-04');
    const decoy = await villageOf(t, '仿冒村', `${T.code}201`);
    const forged = boundRowIds(chosen)();
    t.db.prepare('UPDATE villages SET id = ? WHERE id = ?').run(forged, decoy);
    await refusedAtPreview(d, await exported(t), 'forged_id', /仿冒村/);
    expect(ownerOf(d, 'villages', forged)).toBeUndefined();
  });

  it('keeps making random ids on an installation set up before (a random id of its own), and the district takes them', async () => {
    const d = await district();
    const old = await legacyTownship(T.code, T.name, 'c3', { appIds: true });
    expect(looksKeyBound(inst(old))).toBe(false);
    const v = await villageOf(old, '柘木村', `${T.code}200`);
    expect(v).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await imported(d, await exported(old), { confirmNewInstallation: true })).result.result).toBe('applied');
    expect(ownerOf(d, 'villages', v)).toBe(T.code);
  });

  it("refuses at the township a laptop's new row under another installation's id, and takes its own", async () => {
    const v = await villageWorld();
    const lap = await laptopFrom(v.pkg, '李明', { appIds: true });
    const cadreId = v.world.cadre.id as string;
    const saved = await ok(lap, 'cadres.saveLog', { id: null, version: null, cadreId, logDate: '2026-01-02', inVillage: true, workKind: '走访农户', content: '入户走访' });
    expect(saved.id.startsWith(`${R.rowIdPrefix(inst(lap))}-`)).toBe(true);
    // The laptop's app, modified: its log renamed to an id another installation (the township) would make.
    const foreign = boundRowIds(inst(v.town))();
    lap.db.prepare('UPDATE work_logs SET id = ? WHERE id = ?').run(foreign, saved.id);
    const r = await refusal(importAt(v.town, await exportFrom(lap)));
    expect(r.code).toBe('forged_id');
    expect(r.message).toMatch(/驻村日志 .* 是乡镇库中没有的新记录，其编号却不是这台驻村版生成的/);
    expect(lastRefusal(v.town)?.code).toBe('forged_id');
    expect(rowsOf(v.town, 'work_logs', `id = '${foreign}'`)).toEqual([]);

    // Put back as the laptop made it: taken, and carried on to the district as any laptop row.
    lap.db.prepare('UPDATE work_logs SET id = ? WHERE id = ?').run(saved.id, foreign);
    expect((await importAt(v.town, await exportFrom(lap))).result).toBe('applied');
    expect(rowsOf(v.town, 'work_logs', `id = '${saved.id}'`)).toHaveLength(1);
    const d = await district();
    trustDistrict(v.town);
    expect((await imported(d, await exported(v.town))).result.result).toBe('applied');
    expect(d.db.prepare('SELECT origin FROM work_logs WHERE id = ?').pluck().get(saved.id)).toBe(inst(lap));
  });
});
