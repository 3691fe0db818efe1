import type { Database } from 'better-sqlite3';
import { ACTIVIST_WAYS, ASSESSMENT_KINDS, DEV_STAGES, EXIT_KINDS, MEASURES, type RuleKey, type RuleVersion } from '../electron/domain/partyDev';
import { EDUCATIONS } from '../electron/domain/person';
import * as c from './columns';
import { optional, type RowCheck } from './columns';
import { defineSyncTable, type TableRow } from './sync';
import { filterTownship } from './townships';

/** A step's date is not before the one it follows (when both are set), as the form keeps it. */
const stepsForward: RowCheck[] = [
  c.notBefore('talk_date', 'application_date'),
  c.notBefore('activist_date', 'application_date'),
  c.notBefore('candidate_date', 'activist_date'),
  c.notBefore('accept_date', 'candidate_date'),
  c.notBefore('approval_date', 'accept_date'),
  c.notBefore('full_approval_date', 'approval_date'),
  c.notBefore('publicity_end', 'publicity_start'),
];

export const devPeopleTable = defineSyncTable('dev_people', '发展党员对象', {
  village_id: c.ref('所属村（社区）党组织', 'villages'),
  ...c.personColumns(),
  education: optional(c.oneOf('学历', EDUCATIONS)),
  // Derived by the service from the step dates on every write, never typed.
  stage: c.oneOf('所处阶段', DEV_STAGES),
  application_date: c.date('入党申请日期'),
  talk_date: optional(c.date('谈话日期')),
  talk_by: optional(c.personName('谈话人')),
  activist_date: optional(c.date('确定为入党积极分子日期')),
  activist_way: optional(c.oneOf('推荐方式', ACTIVIST_WAYS)),
  contact1: optional(c.personName('培养联系人一')),
  contact2: optional(c.personName('培养联系人二')),
  candidate_date: optional(c.date('确定为发展对象日期')),
  introducer1: optional(c.personName('入党介绍人一')),
  introducer2: optional(c.personName('入党介绍人二')),
  review_date: optional(c.date('政治审查日期')),
  training_date: optional(c.date('集中培训日期')),
  publicity_start: optional(c.date('公示开始日期')),
  publicity_end: optional(c.date('公示结束日期')),
  accept_date: optional(c.date('支部大会接收日期')),
  votes_for: optional(c.int('赞成票', 0, 10_000, '票')),
  votes_against: optional(c.int('反对票', 0, 10_000, '票')),
  votes_abstain: optional(c.int('弃权票', 0, 10_000, '票')),
  approval_date: optional(c.date('乡镇党委审批日期')),
  oath_date: optional(c.date('入党宣誓日期')),
  extension_date: optional(c.date('延长预备期决定日期')),
  extension_months: optional(c.int('延长预备期', 1, 24, '个月')),
  full_apply_date: optional(c.date('转正申请日期')),
  full_meeting_date: optional(c.date('转正支部大会日期')),
  full_approval_date: optional(c.date('转正审批日期')),
  exit_date: optional(c.date('退出日期')),
  exit_kind: optional(c.oneOf('退出情形', EXIT_KINDS)),
  exit_reason: optional(c.text('退出原因', 200)),
  note: optional(c.text('备注', 500)),
}, { rowChecks: [c.agreesWithIdNumber, ...stepsForward] });

export const devAssessmentsTable = defineSyncTable('dev_assessments', '培养考察记录', {
  person_id: c.ref('发展党员对象', 'dev_people'),
  kind: c.oneOf('类别', ASSESSMENT_KINDS),
  date: c.date('日期'),
  content: c.text('内容', 500),
});

export const rectificationCasesTable = defineSyncTable('rectification_cases', '排查整顿案例', {
  village_id: c.ref('所属村（社区）党组织', 'villages'),
  name: c.personName('姓名'),
  id_number: optional(c.idNumber()),
  joined_date: optional(c.date('入党时间')),
  finding_date: c.date('认定日期'),
  finding: c.text('认定的违规违纪问题', 500),
  note: optional(c.text('备注', 500)),
});

export const rectificationMeasuresTable = defineSyncTable('rectification_measures', '处置措施', {
  case_id: c.ref('排查整顿案例', 'rectification_cases'),
  measure: c.oneOf('处置措施', MEASURES),
  measure_date: c.date('处置日期'),
  note: optional(c.text('说明', 200)),
});

export type DevPersonRow = TableRow<typeof devPeopleTable>;
export type DevAssessmentRow = TableRow<typeof devAssessmentsTable>;
export type RectificationCaseRow = TableRow<typeof rectificationCasesTable>;
export type RectificationMeasureRow = TableRow<typeof rectificationMeasuresTable>;

export type DevListRow = DevPersonRow & { village_name: string; village_code: string | null };

export interface DevListQuery {
  id?: string;
  search?: string;
  villageId?: string;
  township?: string | null;
  stage?: string;
  /** true: only those who left the pipeline; false: only those still in it. */
  exited?: boolean;
  page: number;
  pageSize: number;
}

/** Paging, search and filters in SQL; the order is village, then stage, then application date. */
export function listDevPeople(db: Database, q: DevListQuery): { rows: DevListRow[]; total: number } {
  const where = ['d.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  filterTownship(where, params, 'd.', q.township);
  const search = q.search?.trim();
  if (search) {
    where.push('(instr(d.name, @search) > 0 OR d.id_number = upper(@search) OR instr(v.name, @search) > 0)');
    params.search = search;
  }
  if (q.id) {
    where.push('d.id = @id');
    params.id = q.id;
  }
  if (q.villageId) {
    where.push('d.village_id = @villageId');
    params.villageId = q.villageId;
  }
  if (q.stage) {
    where.push('d.stage = @stage');
    params.stage = q.stage;
  }
  if (q.exited !== undefined) where.push(q.exited ? 'd.exit_date IS NOT NULL' : 'd.exit_date IS NULL');
  const sql = where.join(' AND ');
  const from = 'dev_people d JOIN villages v ON v.id = d.village_id';
  const total = (db.prepare(`SELECT count(*) AS n FROM ${from} WHERE ${sql}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT d.*, v.name AS village_name, v.code AS village_code FROM ${from} WHERE ${sql}
       ORDER BY v.code IS NULL, v.code, v.name, d.application_date, d.name, d.id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as DevListRow[];
  return { rows, total };
}

/** Everyone still in the pipeline (not exited, not yet full member), for the alerts. */
export function openDevPeople(db: Database, township: string | null): DevListRow[] {
  const where = ["d.deleted_at IS NULL AND d.exit_date IS NULL AND d.stage <> '正式党员'"];
  const params: Record<string, unknown> = {};
  filterTownship(where, params, 'd.', township);
  return db
    .prepare(`SELECT d.*, v.name AS village_name, v.code AS village_code FROM dev_people d JOIN villages v ON v.id = d.village_id
      WHERE ${where.join(' AND ')} ORDER BY v.code IS NULL, v.code, v.name, d.application_date, d.id`)
    .all(params) as DevListRow[];
}

/** Another live person in the pipeline of this database with the same ID number. */
export function devPersonByIdNumber(db: Database, idNumber: string, exceptId: string | null): DevPersonRow | undefined {
  return db
    .prepare('SELECT * FROM dev_people WHERE id_number = ? AND deleted_at IS NULL AND id IS NOT ? LIMIT 1')
    .get(idNumber, exceptId) as DevPersonRow | undefined;
}

export function devAssessments(db: Database, personId: string): DevAssessmentRow[] {
  return db.prepare('SELECT * FROM dev_assessments WHERE person_id = ? AND deleted_at IS NULL ORDER BY date, created_at').all(personId) as DevAssessmentRow[];
}

/**
 * 入党积极分子 on day @day: determined as activist on or before it, not yet 发展对象 on it, and
 * not exited on or before it. The report's stock and the 首页's "fewer than 2" use this one rule.
 */
export const ACTIVIST_ON = `d.deleted_at IS NULL AND d.activist_date <= @day
  AND (d.candidate_date IS NULL OR d.candidate_date > @day) AND (d.exit_date IS NULL OR d.exit_date > @day)`;

export interface VillageActivists {
  id: string;
  name: string;
  code: string | null;
  activists: number;
}

/** Every live village with its count of activists on `day` (ACTIVIST_ON). */
export function activistsByVillage(db: Database, day: string, township: string | null): VillageActivists[] {
  const where = ['v.deleted_at IS NULL'];
  const params: Record<string, unknown> = { day };
  filterTownship(where, params, 'v.', township);
  return db
    .prepare(`SELECT v.id, v.name, v.code, (SELECT count(*) FROM dev_people d WHERE d.village_id = v.id AND ${ACTIVIST_ON}) AS activists
      FROM villages v WHERE ${where.join(' AND ')} ORDER BY v.code IS NULL, v.code, v.name`)
    .all(params) as VillageActivists[];
}

// ---- rules (this installation's own table, not synced) ----

export interface RuleRow {
  id: number;
  rule_key: RuleKey;
  value: number;
  effective_from: string;
  source: string;
  created_at: string;
  created_by: string;
}

export function ruleRows(db: Database): RuleRow[] {
  return db.prepare('SELECT * FROM dev_rules ORDER BY rule_key, effective_from').all() as RuleRow[];
}

export const ruleVersions = (db: Database): RuleVersion[] =>
  ruleRows(db).map((r) => ({ key: r.rule_key, value: r.value, effectiveFrom: r.effective_from, source: r.source }));

/** A new version of a rule from a date; a second edit for the same date replaces the first. */
export function putRule(db: Database, r: Omit<RuleRow, 'id'>): RuleRow {
  return db
    .prepare(`INSERT INTO dev_rules (rule_key, value, effective_from, source, created_at, created_by)
      VALUES (@rule_key, @value, @effective_from, @source, @created_at, @created_by)
      ON CONFLICT (rule_key, effective_from) DO UPDATE SET value = excluded.value, source = excluded.source,
        created_at = excluded.created_at, created_by = excluded.created_by RETURNING *`)
    .get(r) as RuleRow;
}

export function ruleById(db: Database, id: number): RuleRow | undefined {
  return db.prepare('SELECT * FROM dev_rules WHERE id = ?').get(id) as RuleRow | undefined;
}

/** The last version of a rule cannot go: a step always needs a rule to be judged by. */
export function deleteRule(db: Database, id: number): void {
  db.prepare('DELETE FROM dev_rules WHERE id = ?').run(id);
}

// ---- 排查整顿 ----

export type CaseListRow = RectificationCaseRow & { village_name: string; village_code: string | null; measures: string | null };

export function listCases(db: Database, q: { id?: string; search?: string; township?: string | null; villageId?: string; page: number; pageSize: number }): { rows: CaseListRow[]; total: number } {
  const where = ['r.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  filterTownship(where, params, 'r.', q.township);
  const search = q.search?.trim();
  if (search) {
    where.push('(instr(r.name, @search) > 0 OR instr(v.name, @search) > 0 OR instr(r.finding, @search) > 0)');
    params.search = search;
  }
  if (q.id) {
    where.push('r.id = @id');
    params.id = q.id;
  }
  if (q.villageId) {
    where.push('r.village_id = @villageId');
    params.villageId = q.villageId;
  }
  const sql = where.join(' AND ');
  const from = 'rectification_cases r JOIN villages v ON v.id = r.village_id';
  const total = (db.prepare(`SELECT count(*) AS n FROM ${from} WHERE ${sql}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT r.*, v.name AS village_name, v.code AS village_code,
         (SELECT group_concat(m.measure, '、') FROM rectification_measures m WHERE m.case_id = r.id AND m.deleted_at IS NULL) AS measures
       FROM ${from} WHERE ${sql} ORDER BY r.finding_date DESC, r.name, r.id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as CaseListRow[];
  return { rows, total };
}

export function caseMeasures(db: Database, caseId: string): RectificationMeasureRow[] {
  return db.prepare('SELECT * FROM rectification_measures WHERE case_id = ? AND deleted_at IS NULL ORDER BY measure_date, created_at').all(caseId) as RectificationMeasureRow[];
}
