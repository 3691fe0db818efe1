import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { workLogsTable } from '../../db/cadres';
import { floatingMembersTable } from '../../db/floating';
import { workLogBulk } from '../../db/reports/workLogBulk';
import { gramsBulk } from '../../db/searchGramsBulk';
import { deleteRow, insertRow, updateRow } from '../../db/sync';
import { addDays } from '../../electron/domain/dates';
import { Rng } from '../../electron/seed/random';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { districtKeys, trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { craftBundle, townshipLines } from '../helpers/faultBundle';
import { district, exported, imported, refusedAtPreview, township, writeBundle } from '../helpers/trust';
import { keptFigure, workLogFiguresAgree, WORK_LOG_FIGURES, type WorkLogFigure } from '../helpers/workLogFigures';
import { DISTRICT, YANSHAN, cadre, coreOn, nextId, post, village } from './dashboard.helpers';
import { memberInput, ok } from './floating.helpers';

/**
 * A large apply keeps the work logs' figures and the roster search's grams set-based
 * (db/reports/workLogBulk.ts, db/searchGramsBulk.ts): the same rows as the row triggers leave,
 * whatever the bundles do to the logs and members, and a refused apply leaves figures and
 * triggers as they were. Two districts receive the same files, one set-based (every apply), one
 * through the triggers (none).
 */

const CHARS = '甲乙丙丁戊己庚辛壬癸';
const FIGURES = Object.keys(WORK_LOG_FIGURES) as WorkLogFigure[];
const GRAMS = 'SELECT gram, field, value FROM floating_search_grams ORDER BY gram, field, value';
const triggers = (core: Core) => core.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();

/** Runs `fn` with the two bulk paths' thresholds at `rows`. */
async function threshold<T>(rows: number, fn: () => Promise<T>): Promise<T> {
  const was = [workLogBulk.rows, gramsBulk.rows];
  workLogBulk.rows = gramsBulk.rows = rows;
  try {
    return await fn();
  } finally {
    [workLogBulk.rows, gramsBulk.rows] = was as [number, number];
  }
}

/** How many times `fn` changed the store's schema: each trigger set aside and made again counts two. */
async function schemaChanges(core: Core, fn: () => Promise<unknown>): Promise<number> {
  const version = () => core.db.pragma('main.schema_version', { simple: true }) as number;
  const before = version();
  await fn();
  return version() - before;
}

/** One file applied at the set-based district and at the one through the triggers; each took its own way. */
async function sendToBoth(file: string, bulk: Core, rows: Core): Promise<void> {
  const apply = (core: Core) => async () => applyStaged(core, await stageBundle(core, file, districtKeys().keys));
  expect(await schemaChanges(bulk, () => threshold(0, apply(bulk)))).toBeGreaterThanOrEqual(4);
  expect(await schemaChanges(rows, () => threshold(Infinity, apply(rows)))).toBe(0);
}

async function setUp(seed: string) {
  const bulk = (await coreOn('2026-01-05', DISTRICT)).core;
  const rows = (await coreOn('2026-01-05', DISTRICT)).core;
  const town = (await coreOn('2026-01-05', YANSHAN)).core;
  const villages = [await village(town, '东立村'), await village(town, '西立村')];
  const cadres: string[] = [];
  for (const [i, name] of ['李明', '王芳', '赵强', '陈静', '刘洋'].entries()) {
    cadres.push(await cadre(town, name));
    await post(town, cadres[i]!, villages[i % 2]!, i === 0 ? '第一书记' : '工作队员', addDays('2025-09-01', 9 * i));
  }
  trustDistrict(town);
  return { bulk, rows, town, villages, cadres, rng: new Rng(seed) };
}

type Log = { id: string; cadre_id: string; log_date: string; deleted_at: string | null };

/** `n` random writes to the township's logs: new, moved to another day or cadre, edited, removed, brought back. */
function logWrites(town: Core, rng: Rng, cadres: string[], villages: string[], n: number): void {
  const w = town.writer();
  const free = (cadreId: string, day: string) => !town.db.prepare('SELECT 1 FROM work_logs WHERE cadre_id = ? AND log_date = ? AND deleted_at IS NULL').get(cadreId, day);
  const day = () => addDays('2025-10-01', rng.int(0, 120));
  for (let i = 0; i < n; i++) {
    const all = town.db.prepare('SELECT id, cadre_id, log_date, deleted_at FROM work_logs ORDER BY id').all() as Log[];
    const pick = all.length ? rng.pick(all) : null;
    const op = pick ? rng.int(0, 9) : 0;
    const cadreId = rng.pick(cadres);
    const d = day();
    if (op <= 4) {
      if (free(cadreId, d))
        insertRow(town.db, w, workLogsTable, { cadre_id: cadreId, village_id: rng.pick(villages), log_date: d, in_village: rng.int(0, 3) > 0 ? 1 : 0, work_kind: '走访农户', households: rng.int(0, 6), content: null, problems: null, follow_up: null });
    } else if (op === 5 && !pick!.deleted_at) {
      if (free(pick!.cadre_id, d)) updateRow(town.db, w, workLogsTable, pick!.id, { log_date: d });
    } else if (op === 6 && !pick!.deleted_at) {
      if (free(cadreId, pick!.log_date)) updateRow(town.db, w, workLogsTable, pick!.id, { cadre_id: cadreId });
    } else if (op === 7 && !pick!.deleted_at) {
      updateRow(town.db, w, workLogsTable, pick!.id, { in_village: rng.int(0, 1), households: rng.int(0, 9) });
    } else if (op === 8 && !pick!.deleted_at) {
      deleteRow(town.db, w, workLogsTable, pick!.id);
    } else if (pick!.deleted_at && free(pick!.cadre_id, pick!.log_date)) {
      town.db.prepare('UPDATE work_logs SET deleted_at = NULL, version = version + 1, seq = (SELECT seq + 1 FROM sync_clock) WHERE id = ?').run(pick!.id);
      town.db.prepare('UPDATE sync_clock SET seq = seq + 1').run();
    }
  }
}

/** Both districts' kept figures equal their recounts, and each other's. */
function bothAgree(bulk: Core, rows: Core): void {
  workLogFiguresAgree(bulk);
  workLogFiguresAgree(rows);
  for (const t of FIGURES) expect(keptFigure(bulk, t), t).toEqual(keptFigure(rows, t));
  expect(bulk.db.prepare(GRAMS).all()).toEqual(rows.db.prepare(GRAMS).all());
}

describe('work log figures and search grams through a set-based apply', () => {
  it('equal those the triggers keep, through first and incremental bundles and a full bundle after a restore', async () => {
    const { bulk, rows, town, rng, cadres, villages } = await setUp('work-log-bulk');
    const send = async (full = false) => sendToBoth((await exportBundle(town, { dir: tempDir(), full })).file, bulk, rows);
    logWrites(town, rng, cadres, villages, 150);
    await send();
    expect(keptFigure(bulk, 'firsts').length).toBeGreaterThan(20);
    bothAgree(bulk, rows);
    for (let round = 0; round < 3; round++) {
      logWrites(town, rng, cadres, villages, 80);
      await send();
      bothAgree(bulk, rows);
    }
    // Logs gone from the township's file as after a restore: its full bundle no longer has them.
    const gone = town.db.prepare('SELECT id FROM work_logs WHERE deleted_at IS NULL ORDER BY id LIMIT 12').all() as { id: string }[];
    for (const { id } of gone) town.db.prepare('DELETE FROM work_logs WHERE id = ?').run(id);
    await send(true);
    expect(bulk.db.prepare(`SELECT count(*) AS n FROM work_logs WHERE deleted_at IS NULL AND id IN (${gone.map(() => '?').join(', ')})`).get(...gone.map((g) => g.id))).toEqual({ n: 0 });
    bothAgree(bulk, rows);
    expect(triggers(bulk)).toEqual(triggers(rows));
  });

  it('add the grams of every name, destination and workplace the members are given', async () => {
    const { bulk, rows, town, rng, villages } = await setUp('grams-bulk');
    const members: string[] = [];
    for (let i = 0; i < 30; i++) members.push((await ok(town, 'floating.create', memberInput(rng.pick(villages), { name: `成员${CHARS[i % 10]}${CHARS[Math.floor(i / 10)]}`, workplace: `工厂${i % 7}`, idNumber: nextId() }))).id);
    const send = async () => sendToBoth((await exportBundle(town, { dir: tempDir() })).file, bulk, rows);
    await send();
    for (const id of members.slice(0, 10)) updateRow(town.db, town.writer(), floatingMembersTable, id, { name: `改名${rng.pick([...CHARS])}`, dest_text: `深圳市${rng.int(0, 5)}区` });
    await send();
    bothAgree(bulk, rows);
    const grams = bulk.db.prepare("SELECT count(*) AS n FROM floating_search_grams WHERE field = 'name' AND gram = '改'").get() as { n: number };
    expect(grams.n).toBeGreaterThan(0);
  });

  it('a refused apply leaves the figures and the triggers as they were', async () => {
    const { bulk, rows, town, rng, cadres, villages } = await setUp('work-log-refused');
    logWrites(town, rng, cadres, villages, 60);
    await sendToBoth((await exportBundle(town, { dir: tempDir() })).file, bulk, rows);
    logWrites(town, rng, cadres, villages, 60);
    const file = (await exportBundle(town, { dir: tempDir() })).file;
    const figures = () => FIGURES.map((t) => keptFigure(bulk, t));
    const before = { triggers: triggers(bulk), figures: figures(), grams: bulk.db.prepare(GRAMS).all() };
    const staged = await stageBundle(bulk, file, districtKeys().keys);
    // A constraint the checks did not foresee, met by a write after the logs'.
    bulk.db.exec("CREATE TEMP TRIGGER refuse_last AFTER INSERT ON main.work_logs BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: x.y'); END");
    await threshold(0, async () => expect(() => applyStaged(bulk, staged)).toThrow()).finally(() => bulk.db.exec('DROP TRIGGER temp.refuse_last'));
    expect({ triggers: triggers(bulk), figures: figures(), grams: bulk.db.prepare(GRAMS).all() }).toEqual(before);
    // The same file then applies, set-based, to the figures the triggers give.
    await sendToBoth(file, bulk, rows);
    bothAgree(bulk, rows);
  });

  it("a validly signed bundle with another township's log, or a version no chain could reach, is refused before any of it, the figures untouched", async () => {
    const d = await district();
    const a = await township('450311100', '雁山镇', 'aa');
    const b = await township('450311101', '柘木镇', 'bb');
    const logs = async (town: Core, villageName: string) => {
      const v = await village(town, villageName);
      const c = await cadre(town, '李明');
      await post(town, c, v, '第一书记', '2025-09-01');
      for (let i = 0; i < 5; i++) await ok(town, 'cadres.saveLog', { id: null, version: null, cadreId: c, logDate: addDays('2025-11-01', i), inVillage: true, workKind: '走访农户' });
      return c;
    };
    const aCadre = await logs(a, '东立村');
    await logs(b, '柘木村');
    await threshold(0, async () => {
      await imported(d, await exported(a));
      await imported(d, await exported(b));
    });
    const figures = () => ({ figures: FIGURES.map((t) => keptFigure(d, t)), triggers: triggers(d) });
    const before = figures();
    expect(before.figures[0]!.length).toBeGreaterThan(0);
    const lines = townshipLines(b).map((l) => JSON.parse(l) as { table: string; row: Record<string, unknown> });
    const log = lines.find((l) => l.table === 'work_logs')!.row;
    const seq = (b.db.prepare('SELECT seq FROM sync_clock').get() as { seq: number }).seq;
    const hostile = (row: Record<string, unknown>) =>
      writeBundle(craftBundle(b, { payload: [...lines, { table: 'work_logs', row: { ...row, seq } }].map((l) => JSON.stringify(l)).join('\n') + '\n' }));
    await threshold(0, async () => {
      // A log filed under the other township's cadre, and one of its own with a version no chain could reach.
      await refusedAtPreview(d, hostile({ ...log, id: 'bb000000-0000-4000-8000-000000009101', log_date: '2025-12-20', cadre_id: aCadre }), 'out_of_scope', /不在本乡镇范围内/);
      await refusedAtPreview(d, hostile({ ...log, version: Number.MAX_SAFE_INTEGER }), 'bad_row', /版本号无效/);
    });
    expect(figures()).toEqual(before);
    workLogFiguresAgree(d);
  });
});
