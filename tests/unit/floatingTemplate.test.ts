import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rosterTemplate } from '../../electron/services/floatingXlsx';
import { freshCore } from '../helpers/core';
import { readWorkbook, sheetRows } from '../helpers/xlsx';
import { ok, villageId } from './floating.helpers';

/**
 * The committed copy of the roster template (for offices that want the blank form without
 * opening the app) is generated, never hand-made: `REGEN_TEMPLATES=1 npx vitest run
 * tests/unit/floatingTemplate.test.ts` rewrites it from the same code as the 下载模板 channel.
 */
const FILE = path.resolve(__dirname, '../../resources/templates/流动党员名册模板.xlsx');

describe('the committed roster template', () => {
  it('has the headers of the in-app template and imports cleanly', async () => {
    const built = await rosterTemplate();
    if (process.env.REGEN_TEMPLATES) {
      fs.mkdirSync(path.dirname(FILE), { recursive: true });
      fs.writeFileSync(FILE, Buffer.from(built.base64, 'base64'));
    }
    const committed = fs.readFileSync(FILE);
    const header = async (buf: Buffer | string) => sheetRows((await readWorkbook(buf)).worksheets[0]!)[1];
    expect(await header(committed)).toEqual(await header(built.base64));
    const core = await freshCore();
    const r = await ok(core, 'floating.importXlsx', { file: { fileName: 't.xlsx', base64: committed.toString('base64') }, villageId: await villageId(core), mode: 'all-or-nothing', dryRun: true });
    expect(r).toMatchObject({ total: 1, valid: 1, problems: [] });
  });
});
