import { listProjects, projectCoverage, type ProjectListRow } from '../../db/projects';
import type { ParsedInput, ProjectCoverage } from '../api/contract';
import type { Core } from '../core';
import { fenToWan } from '../domain/money';
import { FUNDING_SOURCES } from '../domain/projects';
import { sheet, xlsxFile, type Column } from '../xlsx/write';
import { unitLabel } from './townships';

const orNull = (fen: number | null) => (fen === null ? null : fenToWan(fen));

/**
 * Each village for the year: covered or not (the one-village-one-project gap) and its income.
 * District mode: `township` narrows to that township's villages, as the dashboard's count does.
 */
export function projectCoverageFor(core: Core, year: number, township: string | null = null): ProjectCoverage {
  const villages = projectCoverage(core.db, year, core.installation()?.role === 'district' ? township : null).map((v) => ({
    villageId: v.id,
    name: v.name,
    code: v.code,
    projects: v.projects,
    projectIncome: orNull(v.project_income_fen),
    villageIncome: orNull(v.village_income_fen),
  }));
  return { year, villages, uncovered: villages.filter((v) => v.projects === 0).length };
}

/**
 * 万元 as an Excel number. fenToWan gives the exact decimal (at most 6 places); a double holds
 * that decimal's nearest value, which Excel shows back as the same digits (15 significant digits
 * cover 999,999,999.999999), so the sheet never shows 12.499999 for 12.5 and can still be summed.
 */
const wanNumber = (fen: unknown): number | null => (fen === null || fen === undefined ? null : Number(fenToWan(fen as number)));
const WAN_FORMAT = '#,##0.00####';

const moneyCol = (header: string, value: (r: ProjectListRow) => unknown): Column<ProjectListRow> => ({
  header,
  width: 14,
  numFmt: WAN_FORMAT,
  value: (r) => wanNumber(value(r)),
});

/** The list as the paper 一村一项目 ledger: every live project matching the list's filters. */
export async function exportProjects(core: Core, q: ParsedInput<'projects.exportXlsx'>) {
  const { rows } = listProjects(core.db, {
    search: q.search ?? undefined,
    township: q.township,
    villageId: q.villageId ?? undefined,
    year: q.year ?? undefined,
    status: q.status ?? undefined,
    category: q.category ?? undefined,
    page: 1,
    pageSize: 1_000_000,
  });
  const title = `${unitLabel(core, q.township)}${q.year ? `${q.year}年度` : ''}一村一项目台账`;
  return xlsxFile(title, [
    sheet<ProjectListRow>({
      name: '一村一项目',
      title,
      columns: [
        { header: '序号', width: 6, value: (_r, i) => i + 1 },
        { header: '村（社区）', width: 16, value: (r) => r.village_name },
        { header: '年度', width: 8, value: (r) => r.year },
        { header: '项目名称', width: 26, value: (r) => r.name },
        { header: '类别', width: 10, value: (r) => r.category },
        { header: '经营模式', width: 12, value: (r) => r.model },
        { header: '状态', width: 8, value: (r) => r.status },
        moneyCol('总投资（万元）', (r) => r.total_fen),
        ...FUNDING_SOURCES.map((s) => moneyCol(`${s.label}（万元）`, (r) => r[s.column])),
        moneyCol('当年收益（万元）', (r) => r.income_fen),
        { header: '带动户数', width: 10, value: (r) => r.households },
        { header: '当前进度', width: 10, value: (r) => (r.progress === null ? null : `${r.progress}%`) },
        // The rest of the record, under the headers the import reads, so the file imports again.
        { header: '合作主体', width: 20, value: (r) => r.partner },
        { header: '负责人', width: 10, value: (r) => r.responsible },
        { header: '计划开工日期', width: 12, value: (r) => r.planned_start },
        { header: '计划完工日期', width: 12, value: (r) => r.planned_end },
        { header: '实际开工日期', width: 12, value: (r) => r.actual_start },
        { header: '实际完工（终止）日期', width: 14, value: (r) => r.actual_end },
        { header: '备注', width: 24, value: (r) => r.note },
      ],
      rows,
      footer: [`导出时间：${core.now().toISOString().slice(0, 10)}    填表人：________    审核人：________`],
    }),
  ]);
}
