import { expect } from 'vitest';
import type { Statement } from 'better-sqlite3';
import type { ChannelName } from '../../electron/api/channels';
import { dispatch } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';
import { currentSeq } from '../../db/sync';
import { SYNC_TABLES } from '../../db/tables';
import { checkChar } from '../../electron/domain/idNumber';

/**
 * Shared by the bad-input and fuzz tests: a township with one row in every register, and a valid
 * payload for every channel that writes or reads one of them, so tests can mutate valid inputs
 * instead of only throwing noise at the schemas.
 */

export const validId = (first17: string) => first17 + checkChar(first17);
export const CADRE_ID = validId('45030219850314123');
export const MEMBER_ID = validId('45031119900101123');

type Value = Record<string, unknown> & { id: string; version: number };

export async function call(core: Core, name: ChannelName, input: unknown): Promise<Value> {
  const r = await dispatch(core, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message} ${JSON.stringify(r.error.fields ?? [])}`);
  return r.value as Value;
}

export const cadreInput = (over: Record<string, unknown> = {}) => ({
  name: '李明',
  idNumber: CADRE_ID,
  unit: '雁山区农业农村局',
  unitLevel: '县区直',
  postRank: '四级主任科员',
  mobile: '13812345678',
  note: '备注',
  ...over,
});

export const memberInput = (villageId: string, over: Record<string, unknown> = {}) => ({
  villageId,
  name: '王小明',
  idNumber: MEMBER_ID,
  memberType: '正式党员',
  leftDate: '2025-03-01',
  destProvince: '44',
  destCity: '4403',
  destCounty: '440306',
  workplace: '某电子厂',
  reason: '务工',
  mobile: '13812345679',
  note: '备注',
  ...over,
});

export const villageInput = (over: Record<string, unknown> = {}) => ({
  name: '东立村',
  kind: '行政村',
  partyOrgName: '东立村党支部',
  secretary: '李四',
  note: '备注',
  ...over,
});

export const projectInput = (villageId: string, over: Record<string, unknown> = {}) => ({
  villageId,
  year: 2025,
  name: '村级光伏电站',
  category: '光伏',
  model: '入股分红',
  status: '运营',
  partner: '某公司',
  total: '100',
  fiscal: '60',
  aid: '40',
  note: '备注',
  ...over,
});

export interface World {
  village: Value;
  cadre: Value;
  /** Not posted anywhere, so it can be posted. */
  spare: Value;
  posting: Value;
  log: Value;
  inspection: Value;
  evaluation: Value;
  assessment: Value;
  member: Value;
  record: { id: string; version: number };
  project: Value;
  progress: { id: string; version: number };
  devPerson: Value;
  devAssessment: { id: string; version: number };
  devCase: Value;
  devMeasure: { id: string; version: number };
  /** A three-star rating with one corrective item. */
  rating: Value;
}

/** One row in every register, made through the API. */
export async function makeWorld(core: Core): Promise<World> {
  const village = await call(core, 'villages.create', villageInput());
  const cadre = await call(core, 'cadres.create', cadreInput());
  const spare = await call(core, 'cadres.create', cadreInput({ name: '赵强', idNumber: validId('45030219800505333') }));
  const posting = await call(core, 'cadres.post', { cadreId: cadre.id, villageId: village.id, role: '第一书记', startDate: '2025-06-01' });
  const log = await call(core, 'cadres.saveLog', { cadreId: cadre.id, logDate: '2025-12-02', inVillage: true, workKind: '走访农户', content: '走访' });
  const inspection = await call(core, 'cadres.addInspection', { cadreId: cadre.id, inspectDate: '2025-12-03', inspector: '赵督查', inPost: true });
  const evaluation = await call(core, 'cadres.saveEvaluation', { cadreId: cadre.id, year: 2025, quarter: 3, result: '好' });
  const assessment = await call(core, 'cadres.saveAssessment', { cadreId: cadre.id, year: 2025, result: '称职' });
  const member = await call(core, 'floating.create', memberInput(village.id));
  const record = (await call(core, 'floating.addRecord', { memberId: member.id, ...recordInput() })).record as { id: string; version: number };
  // The member as the record's save left it (its last contact date moved, and with it the version).
  const withRecord = await call(core, 'floating.get', { id: member.id });
  const project = await call(core, 'projects.create', projectInput(village.id));
  const withProgress = await call(core, 'projects.addProgress', { projectId: project.id, reportDate: '2025-12-01', percent: 50, note: '进展' });
  const progress = (withProgress.progressHistory as { id: string; version: number }[])[0]!;
  const rating = await call(core, 'stars.create', { villageId: village.id, year: 2025, score: 70, stars: 3, rectifications: [{ item: '规范组织生活', deadline: '2026-03-31', responsible: '李四' }] });
  const dev = await call(core, 'development.create', devInput(village.id));
  const devSteps = await call(core, 'development.steps', { id: dev.id, version: dev.version, talkDate: '2025-03-10', activistDate: '2025-04-01' });
  const withAssessment = await call(core, 'development.addAssessment', { personId: dev.id, kind: '考察', date: '2025-10-01', content: '表现良好' });
  const devAssessment = (withAssessment.assessments as { id: string; version: number }[])[0]!;
  const devCase = await call(core, 'rectification.create', caseInput(village.id));
  const withMeasure = await call(core, 'rectification.addMeasure', { caseId: devCase.id, measure: '提醒谈话', date: '2025-11-01' });
  const devMeasure = (withMeasure.measureList as { id: string; version: number }[])[0]!;
  return {
    village, cadre, spare, posting, log, inspection, evaluation, assessment, member: withRecord, record, project: withProgress, progress,
    devPerson: { ...devSteps, version: withAssessment.version }, devAssessment, devCase: withMeasure, devMeasure, rating,
  };
}

export const DEV_ID = validId('45031120000606002');
export const devInput = (villageId: string, over: Record<string, unknown> = {}) => ({
  villageId, name: '黄丽', idNumber: DEV_ID, ethnicity: '壮族', education: '大学本科', applicationDate: '2025-03-01', note: null, ...over,
});
export const caseInput = (villageId: string, over: Record<string, unknown> = {}) => ({
  villageId, name: '周明', idNumber: validId('45031119800101001'), joinedDate: '2019-07-01', findingDate: '2025-10-10', finding: '培养考察不满一年即确定为发展对象', ...over,
});

export const recordInput = () => ({ contactDate: '2025-12-01', way: '电话', madeBy: '李书记', content: '电话联系，了解近况', needs: '无' });

const ref = (r: { id: string; version: number }) => ({ id: r.id, version: r.version });

/** A valid payload per channel (as far as one exists without files); the world is left as it was only for reads. */
export function validPayloads(w: World): Partial<Record<ChannelName, Record<string, unknown>>> {
  const { village: v, cadre: c } = w;
  return {
    'settings.update': { attendanceThresholdDays: 18, contactIntervalDays: 60, operator: '张三' },
    'villages.list': { search: '东', page: 1, pageSize: 20 },
    'villages.get': { id: v.id },
    'villages.create': villageInput({ name: '西山村' }),
    'villages.update': { ...ref(v), ...villageInput({ name: '东立村委' }) },
    'villages.exportXlsx': { search: '东' },
    'cadres.list': { search: '李', month: '2025-12' },
    'cadres.get': { id: c.id },
    'cadres.create': cadreInput({ name: '王芳', idNumber: validId('45030219900101222') }),
    'cadres.update': { ...ref(c), ...cadreInput({ postRank: '一级科员' }) },
    'cadres.post': { cadreId: w.spare.id, villageId: v.id, role: '工作队员', startDate: '2025-07-01' },
    'cadres.endPosting': { ...ref(w.posting), status: '期满轮换', actualEnd: '2025-12-31', reason: '期满' },
    'cadres.updatePosting': { ...ref(w.posting), villageId: v.id, role: '第一书记', startDate: '2025-05-01', plannedEnd: '2027-04-30', actualEnd: null },
    'cadres.logDay': { cadreId: c.id, date: '2025-12-04' },
    'cadres.saveLog': { cadreId: c.id, logDate: '2025-12-04', inVillage: true, workKind: '走访农户', content: '走访两户', households: 2 },
    'cadres.monthLogs': { cadreId: c.id, month: '2025-12' },
    'cadres.addInspection': { cadreId: c.id, inspectDate: '2025-12-05', inspector: '赵督查', inPost: false, notes: '不在岗' },
    'cadres.saveEvaluation': { cadreId: c.id, year: 2025, quarter: 4, result: '较好', evaluator: '孙书记', notes: '意见' },
    'cadres.saveAssessment': { cadreId: c.id, year: 2025, result: '优秀', notes: '意见' },
    'cadres.summary': { from: '2025-01-01', to: '2025-12-31' },
    'cadres.ledger': { id: c.id },
    'floating.list': { search: '王', page: 1 },
    'floating.get': { id: w.member.id },
    'floating.create': memberInput(v.id, { name: '陈红', idNumber: validId('45031119920202222') }),
    'floating.update': { ...ref(w.member), ...memberInput(v.id, { workplace: '另一个厂' }) },
    'floating.changeStatus': { ...ref(w.member), status: '已返回', date: '2025-12-20', note: '返乡' },
    'floating.assignContact': { memberId: w.member.id, cadreName: '李书记', cadrePhone: '13900000001', cadreRole: '党组织书记', startDate: '2025-04-01' },
    'floating.addRecord': { memberId: w.member.id, ...recordInput(), contactDate: '2025-12-10' },
    'floating.updateRecord': { ...ref(w.record), ...recordInput(), content: '改过的内容' },
    'floating.divisions': { parent: '44' },
    'projects.list': { search: '光伏' },
    'projects.get': { id: w.project.id },
    'projects.create': projectInput(v.id, { name: '茶叶加工厂' }),
    'projects.update': { ...ref(w.project), ...projectInput(v.id, { partner: '另一家公司' }) },
    'projects.addProgress': { projectId: w.project.id, reportDate: '2025-12-15', percent: 80, note: '进展', problems: '问题' },
    'projects.coverage': { year: 2025 },
    'projects.exportXlsx': { year: 2025 },
    'cadres.exportXlsx': { search: '李' },
    'cadres.exportLedger': { id: c.id },
    'cadres.revealId': { id: c.id },
    'floating.revealId': { id: w.member.id },
    'floating.exportXlsx': { villageId: v.id },
    'reports.get': { from: '2025-01-01', to: '2025-12-31' },
    'reports.exportXlsx': { from: '2025-01-01', to: '2025-12-31' },
    'dashboard.get': { township: null },
    'audit.list': { table: 'cadres', page: 1, pageSize: 20 },
    'sync.history': { page: 1, pageSize: 20 },
    'sync.completeness': { weeks: 8 },
    'development.list': { search: '黄', page: 1 },
    'development.get': { id: w.devPerson.id },
    'development.create': devInput(v.id, { name: '蒙山', idNumber: validId('45031119990909111') }),
    'development.update': { ...ref(w.devPerson), ...devInput(v.id, { note: '改' }) },
    'development.steps': { ...ref(w.devPerson), talkDate: '2025-03-10', activistDate: '2025-04-01', contact1: '李四', contact2: '王五' },
    'development.addAssessment': { personId: w.devPerson.id, kind: '培训', date: '2025-11-01', content: '积极分子培训班' },
    'development.updateAssessment': { ...ref(w.devAssessment), kind: '考察', date: '2025-11-02', content: '半年考察：表现良好' },
    'development.revealId': { id: w.devPerson.id },
    'development.exportXlsx': { stage: '入党积极分子' },
    'development.alerts': { township: null },
    'development.rules': {},
    'development.setRule': { key: 'publicity_workdays', value: 7, effectiveFrom: '2026-05-01', source: '自治区规定' },
    'rectification.list': { search: '周' },
    'rectification.get': { id: w.devCase.id },
    'rectification.create': caseInput(v.id, { name: '吴刚', idNumber: null }),
    'rectification.update': { ...ref(w.devCase), ...caseInput(v.id, { note: '改' }) },
    'rectification.addMeasure': { caseId: w.devCase.id, measure: '警示谈话', date: '2025-11-05' },
    'rectification.revealId': { id: w.devCase.id },
    'rectification.exportXlsx': { search: '周' },
    'stars.list': { search: '东', year: 2025, stars: 3, openItems: true },
    'stars.get': { id: w.rating.id },
    'stars.create': { villageId: v.id, year: 2026, score: 88, stars: 4, changeReason: '集体经济增收', publicityStart: '2027-01-05', publicityEnd: '2027-01-11' },
    'stars.update': { ...ref(w.rating), villageId: v.id, year: 2025, score: 65, stars: 2, rectifications: [{ item: '规范组织生活', result: '已规范', doneDate: '2026-02-01' }] },
    'stars.weak': { township: null },
    'stars.exportXlsx': { year: 2025 },
    // Removals last in spirit: mutations may hit another register's id or a stale version.
    'villages.remove': ref(v),
    'cadres.remove': ref(w.spare),
    'cadres.removePosting': ref(w.posting),
    'cadres.removeLog': ref(w.log),
    'cadres.removeInspection': ref(w.inspection),
    'cadres.removeEvaluation': ref(w.evaluation),
    'cadres.removeAssessment': ref(w.assessment),
    'floating.remove': ref(w.member),
    'floating.removeRecord': ref(w.record),
    'projects.remove': ref(w.project),
    'projects.removeProgress': ref(w.progress),
    'development.removeAssessment': ref(w.devAssessment),
    'development.remove': ref(w.devPerson),
    'development.removeRule': { id: 1 },
    'rectification.removeMeasure': ref(w.devMeasure),
    'rectification.remove': ref(w.devCase),
    'stars.remove': ref(w.rating),
  };
}

/** Live rows per register plus the change sequence and the audit length: what a refused call must not move. */
export function snapshot(core: Core) {
  const q = snapshotQuery(core.db);
  const counts = q.counts.get() as Record<string, number>;
  return {
    live: Object.fromEntries(SYNC_TABLES.map((t) => [t.name, counts[`live ${t.name}`]!])),
    rows: Object.fromEntries(q.tables.map((name) => [name, counts[name]!])),
    settings: q.settings.all(),
    seq: currentSeq(core.db),
    audit: counts.audit_log!,
  };
}

/**
 * The snapshot's counts as one statement, prepared once per database and schema: the fuzz tests
 * take a snapshot before every call (thousands per file), and some ninety statements prepared
 * each time were most of their CPU. The same counts as countLive and count(*) per table.
 */
const snapshotQueries = new WeakMap<Core['db'], { schema: number; tables: string[]; counts: Statement; settings: Statement }>();
function snapshotQuery(db: Core['db']) {
  const schema = db.pragma('schema_version', { simple: true }) as number;
  const cached = snapshotQueries.get(db);
  if (cached?.schema === schema) return cached;
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT IN (${RECORDS_REFUSALS}) ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
  const columns = [
    ...SYNC_TABLES.map((t) => `(SELECT count(*) FROM ${t.name} WHERE deleted_at IS NULL) AS "live ${t.name}"`),
    ...tables.map((name) => `(SELECT count(*) FROM "${name}") AS "${name}"`),
  ];
  const q = { schema, tables, counts: db.prepare(`SELECT ${columns.join(', ')}`), settings: db.prepare('SELECT key, value FROM settings ORDER BY key') };
  snapshotQueries.set(db, q);
  return q;
}

/** Tables a refusal writes to on purpose: the district keeps refused bundles in its import history. */
const RECORDS_REFUSALS = "'sync_refused'";

/** Asserts the call was refused with a Chinese message and wrote nothing. */
export async function expectRefused(core: Core, name: ChannelName, input: unknown) {
  const before = snapshot(core);
  const r = await dispatch(core, name, input);
  expect(r.ok, `${name} ${JSON.stringify(input).slice(0, 400)} should be refused`).toBe(false);
  expect(snapshot(core), `${name}: nothing written`).toEqual(before);
  const error = (r as { ok: false; error: { code: string; message: string; fields?: { path: (string | number)[]; message: string }[] } }).error;
  expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
  return error;
}

/** The message given for one field path, or undefined. */
export const fieldMessage = (error: { fields?: { path: (string | number)[]; message: string }[] }, path: (string | number)[]) =>
  error.fields?.find((f) => JSON.stringify(f.path) === JSON.stringify(path))?.message;

/** Fuzz runs per channel and generator: TL_FUZZ_RUNS (default 12, so `npm test` stays quick). */
export const RUNS = Math.max(1, Number(process.env.TL_FUZZ_RUNS ?? 12) || 12);
/** Long runs get time in proportion; nothing here is timed. */
export const TIMEOUT = 30_000 + RUNS * 1_000;

/**
 * backup.create copies the database into any existing folder the payload names (the tests run as
 * root here, so "/" would do); it is covered with real folders in backup.test.ts.
 */
export const SKIPPED = new Set<string>(['backup.create']);

