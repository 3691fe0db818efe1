import type { FilePayload, ImportReport, ParsedInput } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import type { Core } from '../core';
import { importRows } from '../xlsx/importRows';
import { sheet, xlsxFile } from '../xlsx/write';
import { createRating } from './stars';
import { STAR_COLUMNS, STAR_LABELS_BY_KEY, starImportSchema, toStarDraft, type StarImportKey } from './starsImportSpec';

/**
 * 评星定级台账 from Excel: the template and the import, each row written by stars.create's own
 * service inside the import's one transaction (xlsx/importRows.ts).
 */

/** Headers, an example row (a three-star village with its corrective item) and the notes to fill it in. */
export async function starsTemplate(): Promise<FilePayload> {
  type Example = Partial<Record<StarImportKey, string | number>>;
  // A first rating (no change to explain) below four stars, so it shows where the corrective item goes.
  const examples: Example[] = [
    {
      village: '东立村', year: 2025, score: 72, stars: '三星', publicityStart: '2025-12-22', publicityEnd: '2025-12-28',
      item: '规范“三会一课”', deadline: '2026-06-30', responsible: '王五',
    },
  ];
  return xlsxFile('评星定级台账模板', [
    sheet({
      name: '评星定级',
      title: '村级党组织评星定级台账',
      columns: STAR_COLUMNS.map((c) => ({
        header: c.headers[0]!,
        width: c.key === 'changeReason' || c.key === 'item' || c.key === 'result' ? 22 : 12,
        value: (r: Example) => r[c.key] ?? null,
      })),
      rows: examples,
      footer: [
        '注1：必填列为村（社区）、评定年度、星级；每个村（社区）每年一行。星级填一星至五星（也可填1至5）；得分为0至100的整数。村名须与“村（社区）”中登记的一致。',
        '注2：星级与上年不同时须填写升降星原因（上年星级可来自本表上方的行或已登记的记录）；公示结束日期不得早于开始日期。',
        '注3：四星以下可在同一行填写一条整改事项（整改时限、责任人、整改结果、完成日期），填了整改结果须填完成日期；更多整改事项导入后在评定记录中添加。',
        '填表人：________    审核人：________',
      ],
    }),
  ]);
}

export function importRatings(core: Core, input: ParsedInput<'stars.importXlsx'>): Promise<ImportReport> {
  return importRows(
    core,
    { columns: STAR_COLUMNS, labels: STAR_LABELS_BY_KEY, schema: starImportSchema, toDraft: (v) => toStarDraft(core.db, v), write: (r) => void createRating(core, r) },
    input,
  );
}

export const starImportHandlers = {
  'stars.template': () => starsTemplate(),
  'stars.importXlsx': (core, input) => importRatings(core, input),
} satisfies Partial<Handlers>;
