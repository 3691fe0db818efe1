import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CADRE_COLUMNS } from '../../electron/services/cadresImportSpec';
import { cadresTemplate } from '../../electron/services/cadresXlsx';
import { PROJECT_COLUMNS } from '../../electron/services/projectsImportSpec';
import { projectsTemplate } from '../../electron/services/projectsXlsx';
import { freshCore } from '../helpers/core';
import { readWorkbook, sheetRows } from '../helpers/xlsx';
import { importCadres, importProjects, villages } from './excel.helpers';

/**
 * The committed templates (for offices that want the blank form without opening the app) are
 * generated, never hand-made: `REGEN_TEMPLATES=1 npx vitest run --project unit
 * tests/unit/excelTemplates.test.ts` rewrites them from the same code as the 下载模板 channels.
 */
const DIR = path.resolve(__dirname, '../../resources/templates');

const cases = [
  { file: '驻村干部名册模板.xlsx', build: cadresTemplate, columns: CADRE_COLUMNS, importer: importCadres },
  { file: '一村一项目模板.xlsx', build: projectsTemplate, columns: PROJECT_COLUMNS, importer: importProjects },
];

describe('the committed import templates', () => {
  for (const c of cases) {
    it(`${c.file} has the import spec's headers and its example row imports cleanly`, async () => {
      const built = await c.build();
      const file = path.join(DIR, c.file);
      if (process.env.REGEN_TEMPLATES) fs.writeFileSync(file, Buffer.from(built.base64, 'base64'));
      const committed = fs.readFileSync(file);
      const header = async (buf: Buffer | string) => sheetRows((await readWorkbook(buf)).worksheets[0]!)[1];
      expect(await header(committed)).toEqual(c.columns.map((col) => col.headers[0]));
      expect(await header(built.base64)).toEqual(await header(committed));
      const core = await freshCore();
      await villages(core, [['东立村', '450311100201']]);
      const r = await c.importer(core, committed.toString('base64'), 'all-or-nothing', true);
      expect(r).toMatchObject({ total: 1, valid: 1, problems: [] });
    });
  }
});
