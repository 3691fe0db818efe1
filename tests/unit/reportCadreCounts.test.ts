import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { cadrePostingsTable, cadresTable } from '../../db/cadres';
import { sectionsRecount } from '../../db/migrations/022_report_sections';
import { projectsTable } from '../../db/projects';
import { attendanceMonths } from '../../db/reports/attendance';
import { cadreReport } from '../../db/reports/cadres';
import { reportParams } from '../../db/reports/period';
import { projectReport } from '../../db/reports/projects';
import { insertRow, updateRow } from '../../db/sync';
import { allLiveVillages } from '../../db/villages';
import { CADRE_ROLES, UNIT_LEVELS } from '../../electron/domain/cadres';
import { addDays } from '../../electron/domain/dates';
import { PROJECT_STATUSES } from '../../electron/domain/projects';
import { cadreInput } from '../../electron/seed/cadres';
import { Rng } from '../../electron/seed/random';
import { seedVillages } from '../../electron/seed/villages';
import { createCadre } from '../../electron/services/cadres';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { districtKeys, trustDistrict } from '../helpers/sync';
import { tempDir } from '../helpers/tmp';
import { DISTRICT, YANSHAN, ZHEMU, cadre, coreOn, logDays, post, project, village } from './dashboard.helpers';
import { ok } from './floating.helpers';
import { oldAttendance, oldCadreReport, oldProjectReport } from './reportSections.oracle';

/**
 * Migration 022's cadre_post_starts, cadre_post_spans, project_groups and the attendance tables
 * answer the 统计报表's 驻村干部, 一村一项目 and 在村达标 figures. They must always say what the
 * registers say, whoever writes (the write path, writes straight to the tables, a cadre row that
 * arrives after its postings, a district's import of township bundles), and every figure must
 * equal the queries over the rows they replaced (reportSections.oracle.ts) for any period.
 */

const TABLES = {
  starts: 'day, origin, role, young',
  spans: 'day, origin, role, cadre, unit_level',
  projects: 'status, category, year, end_day, origin',
  pairs: 'month, origin, posted, days',
  whole: 'month, origin',
} as const;
const NAMES = { starts: 'cadre_post_starts', spans: 'cadre_post_spans', projects: 'project_groups', pairs: 'attendance_pairs', whole: 'attendance_whole' };

function tablesAgree(core: Core) {
  for (const [t, key] of Object.entries(TABLES) as [keyof typeof TABLES, string][]) {
    const kept = core.db.prepare(`SELECT * FROM ${NAMES[t]} WHERE n <> 0 ORDER BY ${key}`).all();
    expect(kept, NAMES[t]).toEqual(core.db.prepare(`SELECT * FROM (${sectionsRecount[t]}) WHERE n <> 0 ORDER BY ${key}`).all());
  }
}

/** Compares every figure; returns how many postings and projects they counted, so a test can tell it compared real figures. */
function figuresAgree(core: Core, from: string, to: string, township: string | null, today = '2026-01-05'): number {
  const p = reportParams({ from, to, contactIntervalDays: 90 }, township);
  const at = `${township ?? '全部'} ${from}–${to}`;
  const cadres = cadreReport(core.db, p);
  const projects = projectReport(core.db, p);
  expect(cadres, at).toEqual(oldCadreReport(core.db, p));
  expect(projects, at).toEqual(oldProjectReport(core.db, p));
  for (const threshold of [0, 12, 20]) expect(attendanceMonths(core.db, p, threshold, today), at).toEqual(oldAttendance(core.db, p, threshold, today));
  return cadres.sent + cadres.inPost + cadres.adjusted + cadres.youngSent + projects.projects;
}

const day = (rng: Rng) => addDays('2024-12-20', rng.int(0, 420));

describe('驻村干部 and 一村一项目 from kept counts (migration 022)', () => {
  it('equal the registers and the queries they replaced after random writes, edits, deletions and undeletions', async () => {
    const { core } = await coreOn('2026-01-05', YANSHAN);
    const rng = new Rng('cadre-counts');
    seedVillages(core, rng, 5, 2025);
    const villages = allLiveVillages(core.db).map((v) => ({ id: v.id as string, name: v.name as string }));
    const w = core.writer();
    const used = new Set<string>();
    const cadres = Array.from({ length: 12 }, () => createCadre(core, cadreInput(rng, '工作队员', used)).id);
    const pick = (table: string) => rng.pick(core.db.prepare(`SELECT id, deleted_at FROM ${table} ORDER BY id`).all() as { id: string; deleted_at: string | null }[]);
    const refusable = (write: () => unknown) => {
      try {
        write();
      } catch (e) {
        if (!/UNIQUE|FOREIGN KEY/.test(String(e))) throw e;
      }
    };
    const raw = (sql: string, ...args: unknown[]) => refusable(() => core.db.prepare(sql).run(...args));
    const newPosting = (cadreId: string) => {
      const start = day(rng);
      const end = rng.chance(0.5) ? addDays(start, rng.int(0, 200)) : null;
      const status = end ? rng.pick(['期满轮换', '召回调整', '其他', '在岗'] as const) : rng.pick(['在岗', '在岗', '其他'] as const);
      refusable(() =>
        insertRow(core.db, w, cadrePostingsTable, {
          cadre_id: cadreId, village_id: rng.pick(villages).id, role: rng.pick(CADRE_ROLES), start_date: start, planned_end: null,
          actual_end: end, status, reason: null, replaced_by_cadre_id: null,
        }),
      );
    };
    const newProject = () => {
      const total = rng.int(0, 5000);
      refusable(() =>
        insertRow(core.db, w, projectsTable, {
          village_id: rng.pick(villages).id, year: rng.int(2023, 2026), name: `项目${rng.int(0, 1e6)}`, category: rng.pick(['种植', '养殖', '光伏']),
          model: '村集体自营', partner: null, responsible: null, planned_start: null, planned_end: null, actual_start: null,
          actual_end: rng.chance(0.5) ? day(rng) : null, status: rng.pick(PROJECT_STATUSES), total_fen: total, fiscal_fen: total,
          aid_fen: 0, village_fen: 0, social_fen: 0, other_fen: 0, households: rng.chance(0.3) ? null : rng.int(0, 50), note: null,
        }),
      );
    };
    for (const c of cadres) for (let k = rng.int(1, 3); k > 0; k--) newPosting(c);
    for (let i = 0; i < 30; i++) newProject();
    tablesAgree(core);
    const edits = [
      () => newPosting(rng.pick(cadres)),
      () => {
        const start = day(rng);
        const end = rng.chance(0.5) ? addDays(start, rng.int(0, 100)) : null;
        raw('UPDATE cadre_postings SET start_date = ?, actual_end = ?, status = ?, role = ? WHERE id = ?', start, end, end ? '召回调整' : '在岗', rng.pick(CADRE_ROLES), pick('cadre_postings').id);
      },
      () => raw('UPDATE cadre_postings SET deleted_at = CASE WHEN deleted_at IS NULL THEN ? END WHERE id = ?', '2026-01-05T00:00:00.000Z', pick('cadre_postings').id),
      () => raw("UPDATE cadre_postings SET cadre_id = ?, origin = 'a-laptop' WHERE id = ?", rng.pick(cadres), pick('cadre_postings').id),
      () => raw('DELETE FROM cadre_postings WHERE id = ?', pick('cadre_postings').id),
      () => refusable(() => updateRow(core.db, w, cadresTable, rng.pick(cadres), { birth_date: addDays('1990-06-15', rng.int(-2000, 2000)) })),
      () => raw('UPDATE cadres SET unit_level = ? WHERE id = ?', rng.pick(UNIT_LEVELS), rng.pick(cadres)),
      () => newProject(),
      () => {
        const total = rng.int(0, 900);
        raw('UPDATE projects SET status = ?, year = ?, actual_end = ?, total_fen = ?, fiscal_fen = 0, social_fen = ?, households = ? WHERE id = ?',
          rng.pick(PROJECT_STATUSES), rng.int(2023, 2026), rng.chance(0.5) ? day(rng) : null, total, total, rng.chance(0.3) ? null : rng.int(0, 9), pick('projects').id);
      },
      () => raw('UPDATE projects SET deleted_at = CASE WHEN deleted_at IS NULL THEN ? END, origin = ? WHERE id = ?', '2026-01-05T00:00:00.000Z', rng.pick(['a-laptop', w.installationId]), pick('projects').id),
    ];
    let counted = 0;
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 30; i++) rng.pick(edits)();
      tablesAgree(core);
      for (let k = 0; k < 5; k++) {
        const from = day(rng);
        counted += figuresAgree(core, from, addDays(from, rng.pick([0, 31, 90, 181, 365])), null);
      }
    }
    expect(counted).toBeGreaterThan(300);
    // A cadre row that arrives after its postings, as a sync import writes them (foreign keys
    // deferred to the commit), then gone again with them.
    const late = 'late-cadre';
    core.db.transaction(() => {
      core.db.pragma('defer_foreign_keys = ON');
      core.db.prepare("INSERT INTO cadre_postings SELECT 'late-post', created_at, updated_at, 99999, 1, NULL, origin, ?, village_id, '工作队员', '2025-03-03', NULL, NULL, '在岗', NULL, NULL FROM cadre_postings LIMIT 1").run(late);
      tablesAgree(core);
      core.db.prepare('INSERT INTO cadres SELECT ?, created_at, updated_at, 99998, 1, NULL, origin, name, id_number, birth_date, gender, ethnicity, political_status, education, unit, unit_level, post_rank, mobile, note FROM cadres LIMIT 1').run(late);
    })();
    tablesAgree(core);
    figuresAgree(core, '2025-01-01', '2025-12-31', null);
    core.db.transaction(() => {
      core.db.pragma('defer_foreign_keys = ON');
      core.db.prepare('DELETE FROM cadres WHERE id = ?').run(late);
      tablesAgree(core);
      core.db.prepare('DELETE FROM cadre_postings WHERE cadre_id = ?').run(late);
    })();
    tablesAgree(core);
  });

  it('at the district: equal the queries they replaced per township and in all, after first and incremental bundles', async () => {
    const { core } = await coreOn('2026-01-05', DISTRICT);
    const towns = [(await coreOn('2026-01-05', YANSHAN)).core, (await coreOn('2026-01-05', ZHEMU)).core];
    const made: { core: Core; village: string; cadres: string[] }[] = [];
    for (const [i, town] of towns.entries()) {
      const v = await village(town, `村${i}`);
      const cadres = [];
      for (let k = 0; k < 3; k++) {
        const c = await cadre(town, `干部${'甲乙'[i]}${'一二三'[k]}`);
        await post(town, c, v, k === 0 ? '第一书记' : '工作队员', `2025-0${3 + k}-1${k}`);
        await logDays(town, c, '2025-05-28', 8);
        cadres.push(c);
      }
      await project(town, v, { name: `项目${i}`, year: 2025, status: '在建', total: '100' });
      await project(town, v, { name: `终止${i}`, year: 2024, status: '终止', actualEnd: '2025-04-01', total: '7' });
      made.push({ core: town, village: v, cadres });
    }
    const send = async (town: Core) => {
      const { file } = await exportBundle(town, { dir: tempDir() });
      applyStaged(core, await stageBundle(core, file, districtKeys().keys));
    };
    const allAgree = () => {
      tablesAgree(core);
      for (const [from, to] of [['2025-01-01', '2025-06-30'], ['2025-04-01', '2025-12-31'], ['2025-05-15', '2025-06-10']] as const) {
        for (const township of [YANSHAN.code, ZHEMU.code, null]) figuresAgree(core, from, to, township);
      }
    };
    for (const town of towns) trustDistrict(town);
    for (const town of towns) await send(town);
    allAgree();
    expect(cadreReport(core.db, reportParams({ from: '2025-01-01', to: '2025-12-31', contactIntervalDays: 90 }, null)).sent).toBe(6);

    // A township ends a posting, moves another's start, removes a project; then both send again.
    const [y] = made;
    const postingOf = (c: string) => y!.core.db.prepare('SELECT id, version FROM cadre_postings WHERE cadre_id = ? AND deleted_at IS NULL').get(c) as { id: string; version: number };
    const ended = postingOf(y!.cadres[1]!);
    await ok(y!.core, 'cadres.endPosting', { id: ended.id, version: ended.version, actualEnd: '2025-06-05', status: '召回调整', reason: '工作调动' });
    const p = y!.core.db.prepare("SELECT id, version FROM projects WHERE name = '项目0'").get() as { id: string; version: number };
    await ok(y!.core, 'projects.remove', { id: p.id, version: p.version });
    for (const town of towns) await send(town);
    allAgree();
  });
});
