import { workLogsTable } from '../../db/cadres';
import { openSecretaryOf } from '../../db/cadreRecords';
import { insertRow } from '../../db/sync';
import { liveCadreIdNumbers } from '../../db/cadreIdNumbers';
import { allLiveVillages } from '../../db/villages';
import type { ParsedInput } from '../api/contract';
import type { Core } from '../core';
import { ASSESSMENT_RESULTS, EVALUATION_RESULTS, UNIT_LEVELS, WORK_KINDS, addMonths, monthBounds, quarterOf, type CadreRole } from '../domain/cadres';
import { addDays, daysBetween, localDay } from '../domain/dates';
import { EDUCATIONS, ETHNICITIES } from '../domain/person';
import { createCadre } from '../services/cadres';
import { endPosting, postCadre } from '../services/cadrePostings';
import { addInspection, saveAssessment, saveEvaluation } from '../services/cadreReviews';
import { idNumber, mobile, personName, type Rng } from './random';

const UNITS: Record<(typeof UNIT_LEVELS)[number], string[]> = {
  中直: ['中国农业银行桂林分行', '中国移动桂林分公司'],
  区直: ['自治区农业农村厅', '自治区自然资源厅', '广西师范大学'],
  市直: ['桂林市财政局', '桂林市农业农村局', '桂林市住房和城乡建设局', '桂林市卫生健康委员会'],
  县区直: ['雁山区农业农村局', '雁山区教育局', '雁山区民政局', '雁山区人力资源和社会保障局', '雁山区水利局'],
  乡镇: ['雁山镇人民政府', '雁山镇农业服务中心'],
};
const RANKS = ['一级主任科员', '二级主任科员', '四级调研员', '科员', '副科长', '科长', '副主任'];
const AREAS = ['450302', '450303', '450305', '450311', '450321', '450323', '450102'];
const CONTENT: Record<(typeof WORK_KINDS)[number], string> = {
  走访农户: '入户走访，了解生产生活情况和帮扶需求',
  召开会议: '参加村“两委”会议，研究近期重点工作',
  项目推进: '到村集体经济项目现场查看进度',
  矛盾调解: '协调处理村民土地边界纠纷',
  政策宣传: '宣传医保缴费和防返贫监测政策',
  其他: '整理驻村工作台账',
};

/** A year of daily logs for one cadre: 20-24 logged days a month (some months fewer), most in the village. */
export function seedLogs(core: Core, rng: Rng, cadreId: string, villageId: string, from: string, until: string): number {
  const w = core.writer();
  let n = 0;
  for (let month = from.slice(0, 7); month <= until.slice(0, 7); month = addMonths(month, 1)) {
    const { first, last } = monthBounds(month);
    const days: string[] = [];
    for (let d = first; d <= last && d <= until; d = addDays(d, 1)) if (d >= from) days.push(d);
    const target = Math.min(days.length, rng.chance(0.1) ? rng.int(12, 19) : rng.int(20, 24));
    // Drop random days until the month has its target number of entries, keeping date order.
    while (days.length > target) days.splice(rng.int(0, days.length - 1), 1);
    for (const day of days) {
      const kind = rng.chance(0.5) ? '走访农户' : rng.pick(WORK_KINDS);
      const inVillage = rng.chance(0.95);
      insertRow(core.db, w, workLogsTable, {
        cadre_id: cadreId,
        village_id: villageId,
        log_date: day,
        in_village: inVillage ? 1 : 0,
        work_kind: inVillage ? kind : '其他',
        households: inVillage && kind === '走访农户' ? rng.int(1, 12) : 0,
        content: inVillage ? CONTENT[kind] : '到派出单位汇报驻村工作',
        problems: rng.chance(0.15) ? '部分农户反映灌溉水渠堵塞' : null,
        follow_up: rng.chance(0.1) ? '已协调村委安排清理' : null,
      });
      n++;
    }
  }
  return n;
}

const ENDINGS = [
  { status: '期满轮换', reason: null },
  { status: '召回调整', reason: '工作需要，调回原单位' },
  { status: '召回调整', reason: '督查发现长期不在岗，予以召回' },
] as const;

/** A former first secretary of the village, posted about two years before `until`. */
function seedPredecessor(core: Core, rng: Rng, used: Set<string>, villageId: string, until: string) {
  let id: string;
  do id = idNumber(rng, rng.pick(AREAS), 1968, 1990);
  while (used.has(id));
  used.add(id);
  const level = rng.pick(['区直', '市直', '县区直'] as const);
  const c = createCadre(core, {
    name: personName(rng), idNumber: id, ethnicity: '汉族', politicalStatus: '中共党员', education: '大学本科',
    unit: rng.pick(UNITS[level]), unitLevel: level, postRank: rng.pick(RANKS), mobile: mobile(rng), note: null,
  });
  const start = addDays(until, -rng.int(400, 800));
  return postCadre(core, { cadreId: c.id, villageId, role: '第一书记', startDate: start, plannedEnd: addDays(start, 730) });
}

/** A new cadre's profile for `role`, with an ID number not yet in `used` (which it joins). */
export function cadreInput(rng: Rng, role: CadreRole, used: Set<string>): ParsedInput<'cadres.create'> {
  let id: string;
  do id = idNumber(rng, rng.pick(AREAS), 1968, 1998);
  while (used.has(id));
  used.add(id);
  const level = role === '第一书记' ? rng.pick(['区直', '市直', '县区直'] as const) : rng.pick(UNIT_LEVELS);
  return {
    name: personName(rng),
    idNumber: id,
    ethnicity: rng.chance(0.7) ? '汉族' : rng.pick(ETHNICITIES.slice(1, 8)),
    politicalStatus: role === '工作队员' && rng.chance(0.2) ? '群众' : '中共党员',
    education: rng.pick(EDUCATIONS.slice(0, 3)),
    unit: rng.pick(UNITS[level]),
    unitLevel: level,
    postRank: rng.pick(RANKS),
    mobile: mobile(rng),
    note: null,
  };
}

/** The last four completed quarters before `today`. */
function pastQuarters(today: string): [number, number][] {
  let y = Number(today.slice(0, 4));
  let q = quarterOf(today);
  const out: [number, number][] = [];
  for (let i = 0; i < 4; i++) {
    q -= 1;
    if (q === 0) [y, q] = [y - 1, 4];
    out.push([y, q]);
  }
  return out;
}

/**
 * Per village without a first secretary in post: a first secretary (sometimes replacing a
 * predecessor who rotated out or was recalled), sometimes a team leader, one or two team
 * members, each posted 2-30 months ago with up to a year of logs, two inspections,
 * the last four quarterly evaluations and last year's assessment. Profiles, postings and
 * reviews go through the services; logs through the same sync write path directly, since the
 * service's per-entry checks would make a 300-village seed take minutes.
 */
export function seedCadres(core: Core, rng: Rng): { cadres: number; logs: number } {
  const today = localDay(core.now());
  const yesterday = addDays(today, -1);
  const logsFrom = `${addMonths(today.slice(0, 7), -12)}-01`;
  const used = liveCadreIdNumbers(core.db);
  let cadres = 0;
  let logs = 0;
  for (const village of allLiveVillages(core.db)) {
    if (openSecretaryOf(core.db, village.id)) continue;
    const roles: CadreRole[] = ['第一书记', ...(rng.chance(0.4) ? (['工作队长'] as const) : []), ...Array<'工作队员'>(rng.int(1, 2)).fill('工作队员')];
    for (const role of roles) {
      const cadre = createCadre(core, cadreInput(rng, role, used));
      const start = addDays(today, -rng.int(60, 900));
      if (role === '第一书记' && rng.chance(0.25)) {
        // A predecessor rotated out or recalled: closing their posting with this cadre as the
        // replacement posts this cadre from the next day (the service's own rule).
        const before = seedPredecessor(core, rng, used, village.id, start);
        endPosting(core, { id: before.id, version: before.version, ...rng.pick(ENDINGS), actualEnd: addDays(start, -1), replacedByCadreId: cadre.id });
        cadres++;
      } else {
        postCadre(core, { cadreId: cadre.id, villageId: village.id, role, startDate: start, plannedEnd: addDays(start, 365 * 2 + 180) });
      }
      logs += seedLogs(core, rng, cadre.id, village.id, start > logsFrom ? start : logsFrom, yesterday);
      for (let i = 0; i < 2; i++) {
        addInspection(core, { cadreId: cadre.id, inspectDate: addDays(today, -rng.int(1, Math.min(330, daysBetween(start, today)))), inspector: personName(rng), inPost: rng.chance(0.92), notes: null });
      }
      // Only periods the cadre served in are rated.
      for (const [year, quarter] of pastQuarters(today).filter(([y, q]) => `${y}-${String(q * 3).padStart(2, '0')}-31` > start)) {
        saveEvaluation(core, { cadreId: cadre.id, year, quarter, result: rng.chance(0.6) ? '好' : rng.pick(EVALUATION_RESULTS), evaluator: '乡镇党委', notes: null });
      }
      if (start < `${Number(today.slice(0, 4)) - 1}-10-01`) saveAssessment(core, { cadreId: cadre.id, year: Number(today.slice(0, 4)) - 1, result: rng.chance(0.3) ? '优秀' : rng.pick(ASSESSMENT_RESULTS.slice(1)), notes: null });
      cadres++;
    }
  }
  return { cadres, logs };
}
