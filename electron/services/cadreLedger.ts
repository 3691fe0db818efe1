import { cadresTable } from '../../db/cadres';
import { assessmentsOf, evaluationsOf, inspectionsOf, logsBetween, postingsOf } from '../../db/cadreRecords';
import { NotFoundError } from '../../db/errors';
import { getRow } from '../../db/sync';
import type { CadreLedger, FilePayload, MonthAttendance, WorkLog } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import type { Core } from '../core';
import { attendanceLabel, postingMonths } from '../domain/cadres';
import { localDay } from '../domain/dates';
import { sheet, xlsxFile } from '../xlsx/write';
import { attendanceOf, judge } from './cadreLogs';
import { toAssessment, toCadreDetail, toEvaluation, toInspection, toPosting, laptopIds, toWorkLog, villageNames } from './cadreViews';
import { withMaskedId } from './reveal';
import { readSettings } from './settings';

/**
 * Every month of every posting up to today, a month without any log counted 0 days (and judged
 * like any other), plus any month logged outside a posting.
 */
function everyMonth(core: Core, id: string): MonthAttendance[] {
  const logged = new Map(attendanceOf(core, id).map((m) => [m.month, m]));
  const spans = postingsOf(core.db, id).map((p) => ({ startDate: p.start_date, actualEnd: p.actual_end }));
  const months = new Set([...postingMonths(spans, localDay(core.now())), ...logged.keys()]);
  const empty = judge(core, id);
  return [...months].sort().map((month) => logged.get(month) ?? empty({ month, inVillage: 0, logged: 0 }));
}

/** 人人建台账: everything recorded about one cadre, on one page and in one workbook. */
export function cadreLedger(core: Core, id: string): CadreLedger {
  const row = getRow(core.db, cadresTable, id);
  if (!row) throw new NotFoundError('驻村干部');
  const names = villageNames(core);
  const laptops = laptopIds(core);
  return {
    cadre: toCadreDetail(row),
    postings: postingsOf(core.db, id).map(toPosting),
    logs: logsBetween(core.db, id, '0000-00-00', '9999-99-99').map((l) => toWorkLog(l, names, laptops)),
    attendance: everyMonth(core, id),
    threshold: readSettings(core).attendanceThresholdDays,
    inspections: inspectionsOf(core.db, id).map(toInspection),
    evaluations: evaluationsOf(core.db, id).map(toEvaluation),
    assessments: assessmentsOf(core.db, id).map(toAssessment),
  };
}

const yes = (b: boolean) => (b ? '是' : '否');
const serial = { header: '序号', width: 6, value: (_r: unknown, i: number) => i + 1 };

interface Review {
  kind: string;
  when: string;
  result: string;
  by: string | null;
  notes: string | null;
}

function reviews(l: CadreLedger): Review[] {
  return [
    ...l.inspections.map((i) => ({ kind: '督查', when: i.inspectDate, result: i.inPost ? '在岗' : '不在岗', by: i.inspector, notes: i.notes })),
    ...l.evaluations.map((e) => ({ kind: '季度考评', when: `${e.year}年第${e.quarter}季度`, result: e.result, by: e.evaluator, notes: e.notes })),
    ...l.assessments.map((a) => ({ kind: '年终考核', when: `${a.year}年度`, result: a.result, by: null, notes: a.notes })),
  ];
}

export async function exportLedger(core: Core, id: string): Promise<FilePayload> {
  const l = cadreLedger(core, id);
  const c = l.cadre;
  const footer = [`导出时间：${localDay(core.now())}    填表人：________    审核人：________`];
  const profile: [string, string | null][] = [
    ['姓名', c.name], ['性别', c.gender], ['民族', c.ethnicity], ['出生日期', c.birthDate], ['身份证号', c.idNumber],
    ['政治面貌', c.politicalStatus], ['学历', c.education], ['派出单位', c.unit], ['单位层级', c.unitLevel],
    ['职务职级', c.postRank], ['手机号码', c.mobile], ['备注', c.note],
  ];
  return xlsxFile(`驻村干部台账_${c.name}`, [
    sheet({
      name: '基本信息',
      title: `驻村干部台账：${c.name}`,
      columns: [
        { header: '项目', width: 14, value: (r: [string, string | null]) => r[0] },
        { header: '内容', width: 40, value: (r) => r[1] },
      ],
      rows: profile,
      footer,
    }),
    sheet({
      name: '驻村经历',
      title: `${c.name} 驻村经历`,
      columns: [
        serial,
        { header: '驻村村（社区）', width: 16, value: (p: CadreLedger['postings'][number]) => p.villageName },
        { header: '驻村角色', width: 10, value: (p) => p.role },
        { header: '开始日期', width: 12, value: (p) => p.startDate },
        { header: '计划结束', width: 12, value: (p) => p.plannedEnd },
        { header: '实际结束', width: 12, value: (p) => p.actualEnd },
        { header: '状态', width: 10, value: (p) => p.status },
        { header: '调整原因', width: 24, value: (p) => p.reason },
        { header: '接替人', width: 10, value: (p) => p.replacedByName },
      ],
      rows: l.postings,
    }),
    sheet({
      name: '驻村日志',
      title: `${c.name} 驻村日志`,
      columns: [
        serial,
        { header: '日期', width: 12, value: (g: WorkLog) => g.logDate },
        { header: '村（社区）', width: 14, value: (g) => g.villageName },
        { header: '是否在村', width: 8, value: (g) => yes(g.inVillage) },
        { header: '工作类型', width: 10, value: (g) => g.workKind },
        { header: '走访户数', width: 8, value: (g) => g.households },
        { header: '工作内容', width: 36, value: (g) => g.content },
        { header: '发现问题', width: 24, value: (g) => g.problems },
        { header: '跟进措施', width: 24, value: (g) => g.followUp },
      ],
      rows: l.logs,
    }),
    sheet({
      name: '月度在村天数',
      title: `${c.name} 月度在村天数（标准：每月${l.threshold}天）`,
      columns: [
        { header: '月份', width: 10, value: (m: MonthAttendance) => m.month },
        { header: '在村天数', width: 10, value: (m) => m.inVillage },
        { header: '填报天数', width: 10, value: (m) => m.logged },
        { header: '应在村天数', width: 12, value: (m) => m.required },
        { header: '是否达标', width: 10, value: (m) => attendanceLabel(m) },
      ],
      rows: l.attendance,
    }),
    sheet({
      name: '督查考评',
      title: `${c.name} 督查、季度考评与年终考核`,
      columns: [
        serial,
        { header: '类别', width: 10, value: (r: Review) => r.kind },
        { header: '日期或期间', width: 16, value: (r) => r.when },
        { header: '结果', width: 10, value: (r) => r.result },
        { header: '督查人或考评人', width: 14, value: (r) => r.by },
        { header: '情况或意见', width: 36, value: (r) => r.notes },
      ],
      rows: reviews(l),
      footer,
    }),
  ]);
}

export const cadreLedgerHandlers = {
  // The ledger screen is a report: the ID number is masked there (revealed on request, audited).
  // The exported workbook is the official paper ledger and keeps it in full.
  'cadres.ledger': (core, { id }) => {
    const l = cadreLedger(core, id);
    return { ...l, cadre: withMaskedId(l.cadre) };
  },
  'cadres.exportLedger': (core, { id }) => exportLedger(core, id),
} satisfies Partial<Handlers>;
