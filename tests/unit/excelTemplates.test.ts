import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CADRE_COLUMNS } from '../../electron/services/cadresImportSpec';
import { cadresTemplate } from '../../electron/services/cadresXlsx';
import { PROJECT_COLUMNS } from '../../electron/services/projectsImportSpec';
import { projectsTemplate } from '../../electron/services/projectsXlsx';
import { devTemplate } from '../../electron/services/partyDevImport';
import { DEV_COLUMNS } from '../../electron/services/partyDevImportSpec';
import { starsTemplate } from '../../electron/services/starsImport';
import { STAR_COLUMNS } from '../../electron/services/starsImportSpec';
import { freshCore } from '../helpers/core';
import { REGENERATING, TEMPLATE_DIR, templateDifferences, writeTemplate } from '../helpers/templates';
import { readWorkbook, sheetRows } from '../helpers/xlsx';
import { importCadres, importDev, importProjects, importStars, villages } from './excel.helpers';

/**
 * The committed templates (for offices that want the blank form without opening the app) are
 * generated, never hand-made: `REGEN_TEMPLATES=1 npx vitest run --project unit
 * tests/unit/excelTemplates.test.ts` rewrites them from the same code as the 下载模板 channels
 * (and skips the comparisons, which would only compare the new files with themselves).
 */
const cases = [
  { file: '驻村干部名册模板.xlsx', build: cadresTemplate, columns: CADRE_COLUMNS, importer: importCadres },
  { file: '一村一项目模板.xlsx', build: projectsTemplate, columns: PROJECT_COLUMNS, importer: importProjects },
  // 培养联系人 (both in one cell) is read from this app's exports; the template has the two apart.
  { file: '发展党员台账模板.xlsx', build: devTemplate, columns: DEV_COLUMNS.filter((c) => c.key !== 'contacts'), importer: importDev },
  { file: '评星定级台账模板.xlsx', build: starsTemplate, columns: STAR_COLUMNS, importer: importStars },
];

describe('the committed import templates', () => {
  for (const c of cases) {
    const file = path.join(TEMPLATE_DIR, c.file);

    it.runIf(REGENERATING)(`${c.file} is rewritten from the 下载模板 code (REGEN_TEMPLATES)`, async () => {
      writeTemplate(file, (await c.build()).base64);
    });

    it.skipIf(REGENERATING)(`${c.file} equals the in-app template cell by cell, has the import spec's headers and its example row imports cleanly`, async () => {
      const committed = fs.readFileSync(file);
      expect(await templateDifferences(committed, (await c.build()).base64)).toEqual([]);
      expect(sheetRows((await readWorkbook(committed)).worksheets[0]!)[1]).toEqual(c.columns.map((col) => col.headers[0]));
      const core = await freshCore();
      await villages(core, [['东立村', '450311100201']]);
      const r = await c.importer(core, committed.toString('base64'), 'all-or-nothing', true);
      expect(r).toMatchObject({ total: 1, valid: 1, problems: [] });
    });
  }

  it('names the cell where a committed template and the build differ (the comparison can fail)', async () => {
    const built = await cadresTemplate();
    const wb = await readWorkbook(built.base64);
    const ws = wb.worksheets[0]!;
    const header = ws.getRow(2).getCell(1);
    const was = header.value;
    header.value = '姓 名（改）';
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await templateDifferences(edited, built.base64)).toEqual([`${ws.name}!A2: committed "姓 名（改）", built ${JSON.stringify(was)}`]);
  });
});
