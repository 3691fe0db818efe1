import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../electron/api/contract';
import type { Core } from '../../electron/core';
import { cadreImportSpec } from '../../electron/services/cadresXlsx';
import { importRows } from '../../electron/xlsx/importRows';
import { freshCore } from '../helpers/core';
import { legacyImportRows } from './excelImport.legacy';
import { villages, workbook } from './excel.helpers';
import { ok, validId } from './floating.helpers';

/**
 * The roster's check no longer writes every row as a trial (issue 16 item 5): it asks the
 * services' own rules without writing (cadreImportSpec's check). Here a file that breaks each rule
 * the write finds — against the register and against the file's own earlier rows — gets from the
 * check exactly the report the trial write gave (the import as it was, excelImport.legacy.ts) and
 * the one the import that follows gives; and the import writes the same rows.
 */

const HEADER = ['序号', '姓名', '性别', '身份证号', '民族', '政治面貌', '学历', '派出单位', '派出单位层级', '职务职级', '手机号码', '驻村村（社区）', '驻村角色', '驻村开始日期', '计划结束日期', '备注'];
const id = (first17: string) => validId(first17);
const idA = id('45030219850301123');
const idB = id('45031119900101122');
const idC = id('45031119880808111');
const idD = id('45031119870707131');
const idE = id('45031119950505121');
const idF = id('45031119920202141');
const idG = id('45031119930303151');

const cadre = (n: number, name: string, idNumber: string, village = '', role = '', start = '', planned = '') => [
  n, name, '', idNumber, '', '', '', '雁山区教育局', '县区直', '', '', village, role, start, planned, '',
];

const rows = [
  cadre(1, '张三', idA, '东立村', '第一书记', '2025-03-01'),
  // A second first secretary for the village row 1 posted to: the trial write saw row 1's posting.
  cadre(2, '李梅', idB, '东立村', '第一书记', '2025-04-01'),
  // The register's first secretary of 西村 (王五).
  cadre(3, '赵六', idC, '西村', '第一书记', '2025-04-01'),
  // Posted before they were born.
  cadre(4, '钱七', idE, '西村', '工作队员', '1990-01-01'),
  // Planned to end before the start.
  cadre(5, '孙八', idF, '东立村', '工作队员', '2025-05-01', '2025-04-01'),
  // Registered already.
  cadre(6, '王五', idD),
  // Row 2's cadre again: row 2 was refused, so this one is no duplicate and is written.
  cadre(7, '李梅', idB, '西村', '工作队员', '2025-06-01'),
  // Row 1's cadre again: a duplicate within the file.
  cadre(8, '张三', idA),
  cadre(9, '周九', idG, '东立村', '工作队长', '2025-02-01', '2027-01-31'),
];

async function township(): Promise<Core> {
  const core = await freshCore();
  const v = await villages(core, [['东立村', '450311100201'], ['西村', '450311100202']]);
  const w = await ok(core, 'cadres.create', { name: '王五', idNumber: idD, unit: '雁山区财政局', unitLevel: '县区直' });
  await ok(core, 'cadres.post', { cadreId: w.id, villageId: v['西村']!, role: '第一书记', startDate: '2024-03-01', plannedEnd: null });
  return core;
}

const live = (core: Core) => ({
  cadres: core.db.prepare('SELECT id, name, id_number, seq FROM cadres WHERE deleted_at IS NULL ORDER BY seq').all(),
  postings: core.db.prepare('SELECT id, cadre_id, village_id, role, start_date, planned_end, seq FROM cadre_postings ORDER BY seq').all(),
});

describe('the roster check without a trial write', () => {
  for (const mode of ['valid-only', 'all-or-nothing'] as const) {
    it(`reports each row the write refuses, as the trial write did and the import does (${mode})`, async () => {
      const base64 = await workbook(HEADER, rows);
      const [old, fresh] = [await township(), await township()];
      const reports: { old: ImportReport[]; fresh: ImportReport[] } = { old: [], fresh: [] };
      for (const dryRun of [true, false]) {
        const req = { file: { fileName: 'a.xlsx', base64 }, mode, dryRun };
        reports.old.push(await legacyImportRows(old, cadreImportSpec(old), req));
        reports.fresh.push(await importRows(fresh, cadreImportSpec(fresh), req));
      }
      expect(reports.fresh).toEqual(reports.old);
      const [check, imported] = reports.fresh;
      expect(check!.problems).toEqual(imported!.problems);
      // Workbook rows: a title and the header above the first cadre.
      expect(check!.problems).toEqual([
        { row: 4, field: '驻村角色', message: '东立村已有在岗第一书记（张三），一个村只能有一名在岗第一书记' },
        { row: 5, field: '驻村角色', message: '西村已有在岗第一书记（王五），一个村只能有一名在岗第一书记' },
        { row: 6, field: '驻村开始日期', message: '驻村开始日期应晚于出生日期' },
        { row: 7, field: '计划结束日期', message: '计划结束日期不能早于驻村开始日期' },
        { row: 8, field: '身份证号', message: '身份证号已登记（王五），同一人不能重复登记' },
        { row: 10, field: '身份证号', message: '与第3行身份证号重复' },
      ]);
      expect(check).toMatchObject({ total: 9, valid: 3, written: 0 });
      expect(imported).toMatchObject({ valid: 3, written: mode === 'valid-only' ? 3 : 0 });
      expect(live(fresh)).toEqual(live(old));
    });
  }
});

describe('a check that misses a refusal', () => {
  it('sends the import back to a savepoint per row: the same report and rows, nothing half-written', async () => {
    const base64 = await workbook(HEADER, rows);
    const [plain, blind] = [await township(), await township()];
    const req = { file: { fileName: 'a.xlsx', base64 }, mode: 'valid-only' as const, dryRun: false };
    const withoutCheck = { ...cadreImportSpec(plain), check: undefined };
    // A check that passes every row: write() then refuses rows 2-6 after some of them wrote their cadre.
    const passAll = { ...cadreImportSpec(blind), check: () => () => undefined };
    const expected = await importRows(plain, withoutCheck, req);
    const r = await importRows(blind, passAll, req);
    expect(r).toEqual(expected);
    expect(r).toMatchObject({ valid: 3, written: 3 });
    const names = (core: Core) => core.db.prepare('SELECT name FROM cadres WHERE deleted_at IS NULL ORDER BY name').all();
    expect(names(blind)).toEqual(names(plain));
    expect(names(blind)).toHaveLength(4);
  });
});
