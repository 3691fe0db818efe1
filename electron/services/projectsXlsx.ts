import { ConflictError } from '../../db/errors';
import { projectExists } from '../../db/projectNames';
import type { FilePayload, ImportReport, ParsedInput } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import type { Core } from '../core';
import { importRows, type ImportSpec } from '../xlsx/importRows';
import { sheet, xlsxFile } from '../xlsx/write';
import { createProject } from './projects';
import { PROJECT_COLUMNS, PROJECT_LABELS, projectImportSchema, toProjectDraft, type ProjectImportKey } from './projectsImportSpec';

/** Headers of the import, one example row and the notes a clerk needs to fill it in. */
export async function projectsTemplate(): Promise<FilePayload> {
  const example: Record<ProjectImportKey, string | number> = {
    village: '东立村', year: 2025, name: '村级光伏电站', category: '光伏', model: '入股分红', status: '运营',
    total: 120.5, fiscal: 100, aid: 20.5, villageFund: '', social: '', other: '', income: 8.2, households: 35,
    partner: '某新能源公司', responsible: '李四', plannedStart: '2025-03-01', plannedEnd: '2025-08-31',
    actualStart: '2025-03-10', actualEnd: '', note: '',
  };
  return xlsxFile('一村一项目模板', [
    sheet({
      name: '一村一项目台账',
      title: '一村一项目台账',
      columns: PROJECT_COLUMNS.map((c) => ({
        header: c.headers[0]!,
        width: c.key === 'name' || c.key === 'partner' ? 22 : 14,
        value: (r: typeof example) => (r[c.key] === '' ? null : r[c.key]),
      })),
      rows: [example],
      footer: [
        '注1：必填列为村（社区）、年度、项目名称、类别、经营模式、状态、总投资；金额单位为万元，最多6位小数，不填视为0。',
        '注2：各来源之和须等于总投资；当年收益为项目年度的村集体收益。村名须与“村（社区）”中登记的一致。',
        '注3：类别填种植、养殖、乡村旅游、物业经济、光伏、农产品加工、服务业或其他；经营模式填村集体自营、合作社、入股分红、租赁或其他；状态填谋划、在建、运营、停滞或终止。',
        '填表人：________    审核人：________',
      ],
    }),
  ]);
}

const sameProject = (core: Core, villageId: string, year: number, name: string) => projectExists(core.db, villageId, year, name);

/** The ledger's import: each row a project with its funding in 万元. */
export const projectImportSpec = (core: Core): ImportSpec<ProjectImportKey, typeof projectImportSchema> => ({
  columns: PROJECT_COLUMNS,
  labels: PROJECT_LABELS,
  schema: projectImportSchema,
  toDraft: (v) => toProjectDraft(core.db, v),
  write: (p) => {
    // A second import of the same ledger must not double every project.
    if (sameProject(core, p.villageId, p.year, p.name)) {
      throw new ConflictError('该村同一年度已有同名项目', [{ path: ['name'], message: `该村${p.year}年度已有同名项目“${p.name}”` }]);
    }
    createProject(core, p);
  },
});

export function importProjects(core: Core, input: ParsedInput<'projects.importXlsx'>): Promise<ImportReport> {
  return importRows(core, projectImportSpec(core), input);
}

export const projectXlsxHandlers = {
  'projects.template': () => projectsTemplate(),
  'projects.importXlsx': (core, input) => importProjects(core, input),
} satisfies Partial<Handlers>;
