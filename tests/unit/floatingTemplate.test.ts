import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rosterTemplate } from '../../electron/services/floatingXlsx';
import { freshCore } from '../helpers/core';
import { REGENERATING, TEMPLATE_DIR, templateDifferences, writeTemplate } from '../helpers/templates';
import { ok, villageId } from './floating.helpers';

/**
 * The committed copy of the roster template (for offices that want the blank form without
 * opening the app) is generated, never hand-made: `REGEN_TEMPLATES=1 npx vitest run --project unit
 * tests/unit/floatingTemplate.test.ts` rewrites it from the same code as the 下载模板 channel
 * (and skips the comparisons, which would only compare the new file with itself).
 */
const FILE = path.join(TEMPLATE_DIR, '流动党员名册模板.xlsx');

describe('the committed roster template', () => {
  it.runIf(REGENERATING)('is rewritten from the 下载模板 code (REGEN_TEMPLATES)', async () => {
    writeTemplate(FILE, (await rosterTemplate()).base64);
  });

  it.skipIf(REGENERATING)('equals the in-app template cell by cell and imports cleanly', async () => {
    const committed = fs.readFileSync(FILE);
    expect(await templateDifferences(committed, (await rosterTemplate()).base64)).toEqual([]);
    const core = await freshCore();
    const r = await ok(core, 'floating.importXlsx', { file: { fileName: 't.xlsx', base64: committed.toString('base64') }, villageId: await villageId(core), mode: 'all-or-nothing', dryRun: true });
    expect(r).toMatchObject({ total: 1, valid: 1, problems: [] });
  });
});
