import { listCases, listDevPeople, type CaseListRow, type DevListRow } from '../../db/partyDev';
import type { ParsedInput } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import type { Core } from '../core';
import { maskIdNumber } from '../domain/idNumber';
import { sheet, xlsxFile } from '../xlsx/write';
import { unitLabel } from './townships';

/**
 * 发展党员台账 as filtered, one row per person with every step's date. ID numbers are masked as in
 * the list: this is the list on paper, not a roster to import again (the import's template is).
 */
export async function exportDevPeople(core: Core, q: ParsedInput<'development.exportXlsx'>) {
  const { rows } = listDevPeople(core.db, {
    search: q.search ?? undefined, township: q.township, villageId: q.villageId ?? undefined, stage: q.stage ?? undefined,
    exited: q.exited ?? undefined, page: 1, pageSize: 1_000_000,
  });
  const title = `${unitLabel(core, q.township)}发展党员台账`;
  const d = (header: string, key: keyof DevListRow) => ({ header, width: 12, value: (r: DevListRow) => r[key] as string | null });
  return xlsxFile(title, [
    sheet<DevListRow>({
      name: '发展党员',
      title,
      columns: [
        { header: '序号', width: 6, value: (_r, i) => i + 1 },
        { header: '村（社区）', width: 14, value: (r) => r.village_name },
        { header: '姓名', width: 10, value: (r) => r.name },
        { header: '性别', width: 6, value: (r) => r.gender },
        { header: '出生日期', width: 12, value: (r) => r.birth_date },
        { header: '身份证号', width: 22, value: (r) => maskIdNumber(r.id_number) },
        { header: '所处阶段', width: 12, value: (r) => (r.exit_date ? `已退出（${r.stage}）` : r.stage) },
        d('入党申请', 'application_date'),
        d('谈话', 'talk_date'),
        d('确定积极分子', 'activist_date'),
        { header: '培养联系人', width: 14, value: (r) => [r.contact1, r.contact2].filter(Boolean).join('、') || null },
        d('确定发展对象', 'candidate_date'),
        d('政治审查', 'review_date'),
        d('集中培训', 'training_date'),
        d('支部大会接收', 'accept_date'),
        d('乡镇党委审批', 'approval_date'),
        d('入党宣誓', 'oath_date'),
        { header: '延长预备期（月）', width: 10, value: (r) => r.extension_months },
        d('转正审批', 'full_approval_date'),
        d('退出日期', 'exit_date'),
        { header: '退出情形', width: 14, value: (r) => r.exit_kind },
      ],
      rows,
    }),
  ]);
}

/** 排查整顿 cases as filtered, with their measures. */
export async function exportCases(core: Core, q: ParsedInput<'rectification.exportXlsx'>) {
  const { rows } = listCases(core.db, { search: q.search ?? undefined, township: q.township, page: 1, pageSize: 1_000_000 });
  const title = `${unitLabel(core, q.township)}排查整顿情况`;
  return xlsxFile(title, [
    sheet<CaseListRow>({
      name: '排查整顿',
      title,
      columns: [
        { header: '序号', width: 6, value: (_r, i) => i + 1 },
        { header: '村（社区）', width: 14, value: (r) => r.village_name },
        { header: '姓名', width: 10, value: (r) => r.name },
        { header: '身份证号', width: 22, value: (r) => (r.id_number ? maskIdNumber(r.id_number) : null) },
        { header: '入党时间', width: 12, value: (r) => r.joined_date },
        { header: '认定日期', width: 12, value: (r) => r.finding_date },
        { header: '认定的违规违纪问题', width: 40, value: (r) => r.finding },
        { header: '处置措施', width: 30, value: (r) => r.measures },
      ],
      rows,
    }),
  ]);
}

export const partyDevXlsxHandlers = {
  'development.exportXlsx': (core, q) => exportDevPeople(core, q),
  'rectification.exportXlsx': (core, q) => exportCases(core, q),
} satisfies Partial<Handlers>;
