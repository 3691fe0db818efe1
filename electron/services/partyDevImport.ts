import { StoreError } from '../../db/errors';
import type { FilePayload, ImportReport, ParsedInput } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import { AppError } from '../api/errors';
import type { Core } from '../core';
import { checkChar } from '../domain/idNumber';
import { importRows } from '../xlsx/importRows';
import { sheet, xlsxFile } from '../xlsx/write';
import { createDevPerson, recordSteps } from './partyDev';
import { DEV_COLUMNS, DEV_LABELS, devImportSchema, toDevDraft, type DevImportKey } from './partyDevImportSpec';

/**
 * 发展党员台账 from Excel: the template and the import. Each row is created and its steps recorded
 * by the register's own services inside the import's one transaction (xlsx/importRows.ts).
 */

/** Headers of the import, one example person part-way through the pipeline, and the notes to fill it in. */
export async function devTemplate(): Promise<FilePayload> {
  const first17 = '45032219980615202';
  const example: Partial<Record<DevImportKey, string | number>> = {
    village: '东立村', name: '李梅', gender: '女', idNumber: first17 + checkChar(first17), ethnicity: '汉族', education: '大学专科',
    applicationDate: '2024-03-01', talkDate: '2024-03-20', talkBy: '王书记', activistDate: '2024-04-15', activistWay: '党员推荐',
    contact1: '张三', contact2: '李四', candidateDate: '2025-05-10', introducer1: '张三', introducer2: '李四', reviewDate: '2025-06-01',
    trainingDate: '2025-06-10', publicityStart: '2025-06-20', publicityEnd: '2025-06-26', acceptDate: '2025-07-01', votesFor: 25, votesAgainst: 0, votesAbstain: 1,
    approvalDate: '2025-08-15', oathDate: '2025-08-20',
  };
  // 培养联系人 (both in one cell) is for files exported from this app; the template has them apart.
  const columns = DEV_COLUMNS.filter((c) => c.key !== 'contacts');
  return xlsxFile('发展党员台账模板', [
    sheet({
      name: '发展党员台账',
      title: '发展党员台账',
      columns: columns.map((c) => ({
        header: c.headers[0]!,
        width: c.key === 'idNumber' ? 22 : c.headers[0]!.length > 6 ? 16 : 12,
        value: (r: typeof example) => r[c.key] ?? null,
      })),
      rows: [example],
      footer: [
        '注1：必填列为村（社区）、姓名、身份证号、入党申请日期；身份证号请设为“文本”格式，避免Excel丢失末位。村名须与“村（社区）”中登记的一致。',
        '注2：各步骤只填已完成的，日期按步骤先后不得倒序、不得晚于今天；日期可写 2025-03-01、2025.3.1、2025年3月1日。所处阶段由步骤日期自动确定。',
        '注3：推荐方式填党员推荐或群团组织推优；退出情形填本人撤回申请、不予接收、取消预备党员资格或其他，并填退出日期；延长预备期填决定日期和月数。',
        '注4：培训和半年考察记录导入后在“记录步骤”中逐条登记。',
        '填表人：________    审核人：________',
      ],
    }),
  ]);
}

type DevImport = ParsedInput<'development.importXlsx'>;

/** A refusal of the steps as a whole (their order) is reported under 发展步骤, not under no column. */
function underSteps(err: unknown): never {
  if (err instanceof StoreError && err.fields?.some((f) => f.path.length === 0)) {
    throw new AppError(err.code, err.message, err.fields.map((f) => (f.path.length ? f : { ...f, path: ['steps'] })));
  }
  throw err;
}

export function importDevPeople(core: Core, input: DevImport): Promise<ImportReport> {
  return importRows(
    core,
    {
      columns: DEV_COLUMNS,
      labels: DEV_LABELS,
      schema: devImportSchema,
      toDraft: (v) => toDevDraft(core.db, v),
      write: ({ person, steps }) => {
        const created = createDevPerson(core, person);
        if (!Object.values(steps).some((v) => v !== null)) return;
        try {
          recordSteps(core, { id: created.id, version: created.version, ...steps });
        } catch (err) {
          underSteps(err);
        }
      },
    },
    input,
  );
}

export const partyDevImportHandlers = {
  'development.template': () => devTemplate(),
  'development.importXlsx': (core, input) => importDevPeople(core, input),
} satisfies Partial<Handlers>;
