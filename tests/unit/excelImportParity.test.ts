import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../electron/api/contract';
import type { Core } from '../../electron/core';
import { cadreImportSpec } from '../../electron/services/cadresXlsx';
import { projectImportSpec } from '../../electron/services/projectsXlsx';
import { excelProgress } from '../../electron/xlsx/importJob';
import { importRows } from '../../electron/xlsx/importRows';
import { freshCore } from '../helpers/core';
import { legacyImportRows } from './excelImport.legacy';
import { importCadres, villages, workbook } from './excel.helpers';
import { ok, validId } from './floating.helpers';

/**
 * The faster Excel import (issue 16 item 5: the check's parse kept for the import, rows drafted
 * before the transaction, statements prepared once) against the import as it was: on the same
 * files, into twin databases, the same report and the same rows written. Then what the kept parse
 * must never allow: another file imported on the strength of an earlier check, or a check's
 * verdict outliving a change of the register. And the progress the dialog asks for.
 */

type Mode = ImportReport['mode'];
/** Names are Chinese characters only: digits stand for one each. */
const HAN = '甲乙丙丁戊己庚辛壬癸';

const CADRE_HEADER = ['序号', '姓名', '性别', '身份证号', '民族', '政治面貌', '学历', '派出单位', '派出单位层级', '职务职级', '手机号码', '驻村村（社区）', '驻村角色', '驻村开始日期', '计划结束日期', '备注'];
const idA = validId('45030219850301123');
const idB = validId('45031119900101122');
const idC = validId('45031119880808111');
const idD = validId('45031119870707131');
const badCheck = idC.slice(0, 17) + (idC.endsWith('1') ? '2' : '1');

const goodCadres = [
  [1, '张三', '男', idA, '汉', '中共党员', '大学本科', '桂林市农业农村局', '市直', '四级主任科员', 13800000001, '东立村', '第一书记', '2025.03', new Date(Date.UTC(2027, 1, 28)), ''],
  [2, '李梅', '女', idB, '壮族', '', '', '雁山区民政局', '县区直', '', '', '', '', '', '', '已退休返聘'],
];
const badCadres = [
  ...goodCadres,
  [3, '赵六', '', badCheck, '', '', '', '某局', '市直'],
  [4, '钱七', '', idC, '', '', '', '某局', '市直', '', '', '不存在村', '工作队员', '2025-05-01'],
  [5, '张三', '男', idA, '', '', '', '某局', '市直'],
  [6, '孙八', '', idC, '', '', '', '某局', '市直', '', '', '东立村', '第一书记', '2025-06-01'],
  [7, '王五', '', idD, '', '', '', '某局', '市直'],
  [8, '周九', '', validId('45031119800101001'), '', '', '', '某局', ''],
  [9, '', '女', '', '', '', '', '', '', '', 138, '西村', '队长', '2025-13-01', '', ''],
  [10, '吴十', '男', idB, '', '', '', '某局', '市直', '', '', '西村', '工作队员', '2025-02-30'],
];

const PROJECT_HEADER = ['序号', '村（社区）', '年度', '项目名称', '类别', '经营模式', '状态', '总投资（万元）', '财政资金（万元）', '帮扶单位（万元）', '当年收益（万元）', '带动户数', '备注'];
const goodProjects = [
  [1, '东立村', 2025, '村级光伏电站', '光伏', '入股分红', '运营', '1,234.5', '1234.499999', 0.000001, 12.5, 35, ''],
  [2, '450311100202', '2024年', '百香果种植', '种植', '合作社', '在建', 0.1 + 0.2, 0.1 + 0.2, '', '', '', '示范基地'],
];
const badProjects = [
  ...goodProjects,
  [3, '东立村', 2025, '村级光伏电站', '光伏', '入股分红', '运营', 10, 10, '', '', '', '同名'],
  [4, '不存在村', 2025, '某项目', '', '', '', 1, 1],
  [5, '西村', '明年', '', '', '', '', 'abc', 2, 3, '', '1.5户'],
  [6, '西村', 2023, '资金对不上', '', '', '', 10, 3, 3],
];

/** A roster whose 驻村村 is merged down two rows and one cell is a formula Excel never calculated. */
async function mergedAndFormula(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(CADRE_HEADER);
  ws.addRow([1, '韦一', '', validId('45030219850301234'), '', '', '', '某局', '市直', '', '', '东立村', '工作队员', '2025-03-01']);
  ws.addRow([2, '韦二', '', validId('45030219860301234'), '', '', '', '某局', '市直', '', '', '', '工作队员', '2025-03-01']);
  ws.mergeCells(2, 12, 3, 12);
  ws.addRow([3, '韦三', '', validId('45030219870301234'), '', '', '', '某局', '市直']);
  ws.getCell(4, 11).value = { formula: 'A1*2' } as ExcelJS.CellFormulaValue;
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** Every live row of the registers an import writes, ids and all, timestamps left out. */
function written(core: Core): unknown {
  const rows = (table: string) =>
    // Each installation's id is its own key's: the origin compared is whether it is this installation.
    (core.db.prepare(`SELECT * FROM ${table} ORDER BY seq`).all() as Record<string, unknown>[]).map(({ created_at: _c, updated_at: _u, origin, ...r }) => ({
      ...r,
      origin: origin === core.installation()!.installationId ? 'self' : origin,
    }));
  const audit = core.db.prepare('SELECT table_name, row_id, action, seq, after FROM audit_log ORDER BY id').all();
  return { cadres: rows('cadres'), postings: rows('cadre_postings'), projects: rows('projects'), incomes: rows('project_incomes'), audit };
}

async function township(): Promise<Core> {
  const core = await freshCore();
  await villages(core, [['东立村', '450311100201'], ['西村', '450311100202']]);
  await ok(core, 'cadres.create', { name: '王五', idNumber: idD, unit: '雁山区财政局', unitLevel: '县区直' });
  return core;
}

type Register = 'cadres' | 'projects';

/**
 * The old import and the new one (check, then import, as the dialog calls them), each in its own
 * twin database; the channel's own tests (cadresImport, projectsImport) cover the rest of the path.
 */
async function both(register: Register, base64: string, mode: Mode) {
  const [old, fresh] = [await township(), await township()];
  const out = { old: [] as ImportReport[], fresh: [] as ImportReport[] };
  for (const dryRun of [true, false]) {
    const req = { file: { fileName: 'a.xlsx', base64 }, mode, dryRun };
    const legacy = await (register === 'cadres' ? legacyImportRows(old, cadreImportSpec(old), req) : legacyImportRows(old, projectImportSpec(old), req)).then((r) => r, (e: Error) => ({ refused: e.message }));
    const now = await (register === 'cadres' ? importRows(fresh, cadreImportSpec(fresh), req) : importRows(fresh, projectImportSpec(fresh), req)).then(
      (r) => r,
      (e: Error) => ({ refused: e.message }),
    );
    out.old.push(legacy as ImportReport);
    out.fresh.push(now as ImportReport);
  }
  return { ...out, oldRows: written(old), freshRows: written(fresh) };
}

describe('the faster Excel import gives what the old one gave', () => {
  const cases: [string, Register, () => Promise<string>][] = [
    ['a valid cadre roster', 'cadres', () => workbook(CADRE_HEADER, goodCadres)],
    ['a cadre roster with bad cells, file duplicates and register conflicts', 'cadres', () => workbook(CADRE_HEADER, badCadres)],
    ['a roster with a merged village and a formula without result', 'cadres', mergedAndFormula],
    ['a valid project ledger', 'projects', () => workbook(PROJECT_HEADER, goodProjects)],
    ['a project ledger with bad rows and a duplicate', 'projects', () => workbook(PROJECT_HEADER, badProjects)],
  ];
  for (const [what, register, file] of cases) {
    for (const mode of ['all-or-nothing', 'valid-only'] as const) {
      it(`${what}, ${mode}: the same reports and the same rows written`, async () => {
        const r = await both(register, await file(), mode);
        expect(r.fresh).toEqual(r.old);
        expect(r.freshRows).toEqual(r.oldRows);
      });
    }
  }

  it('the same refusal for a file that is no workbook or lacks a required column', async () => {
    for (const base64 of [Buffer.from('not a zip').toString('base64'), await workbook(['姓名', '性别'], [['张三', '男']])]) {
      const r = await both('cadres', base64, 'all-or-nothing');
      expect(r.fresh).toEqual(r.old);
      expect((r.fresh[0] as unknown as { refused: string }).refused).toMatch(/无法读取|缺少列/);
    }
  });
});

describe('the parse kept from check to import', () => {
  it('imports the file sent with the import, never the one checked before', async () => {
    const core = await township();
    const checked = await workbook(CADRE_HEADER, goodCadres);
    const other = await workbook(CADRE_HEADER, [[1, '陈十', '', idC, '', '', '', '雁山区教育局', '县区直']]);
    expect(await importCadres(core, checked, 'all-or-nothing', true)).toMatchObject({ total: 2, valid: 2, written: 0 });
    const r = await importCadres(core, other);
    expect(r).toMatchObject({ total: 1, valid: 1, written: 1, problems: [] });
    const names = core.db.prepare('SELECT name FROM cadres WHERE deleted_at IS NULL ORDER BY name').all();
    expect(names).toEqual([{ name: '王五' }, { name: '陈十' }]);
  });

  it('checks the register again at import: a cadre added since the check refuses the row', async () => {
    const core = await township();
    const file = await workbook(CADRE_HEADER, goodCadres);
    expect(await importCadres(core, file, 'all-or-nothing', true)).toMatchObject({ valid: 2, problems: [] });
    await ok(core, 'cadres.create', { name: '李梅', idNumber: idB, unit: '雁山区民政局', unitLevel: '县区直' });
    const r = await importCadres(core, file);
    expect(r).toMatchObject({ valid: 1, written: 0, skippedRows: [4] });
    expect(r.problems).toEqual([{ row: 4, field: '身份证号', message: '身份证号已登记（李梅），同一人不能重复登记' }]);
    // And a second import of a file already imported finds every row registered.
    const again = await workbook(CADRE_HEADER, [[1, '陈十', '', idC, '', '', '', '雁山区教育局', '县区直']]);
    expect(await importCadres(core, again)).toMatchObject({ written: 1 });
    expect(await importCadres(core, again)).toMatchObject({ written: 0, skippedRows: [3] });
  });

  it('a changed file after the check is read afresh, down to one cell', async () => {
    const core = await township();
    const rows = goodCadres.map((r) => [...r]);
    await importCadres(core, await workbook(CADRE_HEADER, rows), 'all-or-nothing', true);
    rows[1]![1] = '李红';
    const r = await importCadres(core, await workbook(CADRE_HEADER, rows));
    expect(r).toMatchObject({ written: 2 });
    expect(core.db.prepare('SELECT name FROM cadres WHERE id_number = ?').get(idB)).toEqual({ name: '李红' });
  });
});

describe('progress of a running check or import', () => {
  it('is asked for on excel.progress while the import runs (rows done of total), and is null after', async () => {
    const core = await township();
    expect(await ok(core, 'excel.progress', {})).toBeNull();
    const rows = Array.from({ length: 1200 }, (_, i) => {
      const mmdd = `${String((i % 12) + 1).padStart(2, '0')}${String((Math.floor(i / 12) % 28) + 1).padStart(2, '0')}`;
      const first17 = `4503111990${mmdd}${100 + Math.floor(i / 336)}`;
      return [i + 1, `干部${[...String(1000 + i)].map((d) => HAN[Number(d)]).join('')}`, '', validId(first17), '', '', '', '雁山区教育局', '县区直'];
    });
    const file = await workbook(CADRE_HEADER, rows);
    const seen: { phase: string; done: number; total: number }[] = [];
    let finished = false;
    const running = importCadres(core, file, 'all-or-nothing', true).finally(() => {
      finished = true;
    });
    while (!finished) {
      const p = await ok(core, 'excel.progress', {});
      if (p) seen.push(p);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await running).toMatchObject({ total: 1200, valid: 1200 });
    // Reading counts the sheet's rows below the header, the 填表人 footer among them.
    expect(seen.some((p) => p.phase === 'read' && p.total >= 1200 && p.done > 0)).toBe(true);
    expect(seen.some((p) => p.phase === 'check' && p.total === 1200 && p.done > 0)).toBe(true);
    // The write (a check's trial write too) hands the thread back between chunks of rows.
    expect(seen.some((p) => p.phase === 'write' && p.total === 1200 && p.done > 0 && p.done < 1200)).toBe(true);
    for (const p of seen) expect(p.done).toBeLessThanOrEqual(p.total);
    expect(await ok(core, 'excel.progress', {})).toBeNull();
  });

  it('moves during the write, while every other call waits for the import to end and lands outside its transaction', async () => {
    const core = await township();
    const file = await workbook(CADRE_HEADER, cadreRows(1000));
    let finished = false;
    const writes: number[] = [];
    const checking = importCadres(core, file, 'all-or-nothing', true).finally(() => {
      finished = true;
    });
    // Wait for the check's trial write to begin, then save a cadre and ask for a list meanwhile.
    while (!finished) {
      const p = await ok(core, 'excel.progress', {});
      if (p?.phase === 'write' && p.done > 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(finished).toBe(false);
    // 1 when the import's write had ended (its last progress: every row written), else 0.
    const ended = () => {
      const p = excelProgress(core);
      return p === null || (p.phase === 'write' && p.done === p.total) ? 1 : 0;
    };
    const saving = ok(core, 'cadres.create', { name: '韦新', idNumber: idC, unit: '雁山区财政局', unitLevel: '县区直' }).then(() => writes.push(ended()));
    const listing = ok(core, 'cadres.list', { page: 1, pageSize: 20 }).then(() => writes.push(ended()));
    while (!finished) {
      const p = await ok(core, 'excel.progress', {});
      if (p?.phase === 'write' && p.done < p.total) writes.push(2);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await checking).toMatchObject({ total: 1000, valid: 1000, written: 0 });
    await Promise.all([saving, listing]);
    // Progress was answered during the write; the save and the list only after it ended.
    expect(writes.filter((w) => w === 2).length).toBeGreaterThan(0);
    expect(writes.filter((w) => w !== 2)).toEqual([1, 1]);
    // The save survived the check's rollback, and the check wrote nothing.
    expect(core.db.prepare('SELECT name FROM cadres WHERE deleted_at IS NULL ORDER BY name').all()).toEqual([{ name: '王五' }, { name: '韦新' }]);
  });
});

describe('the stepped write', () => {
  it('leaves nothing written when a row fails past the first chunks, and the store serves the next call', async () => {
    const core = await township();
    const before = core.db.prepare('SELECT count(*) AS n FROM cadres').get();
    const spec = cadreImportSpec(core);
    let n = 0;
    // A failure that is no refusal of the row (a bug, a full disk) after 600 rows were written.
    const failing: typeof spec = {
      ...spec,
      write: (d) => {
        if (n++ === 600) throw new Error('disk full');
        spec.write(d);
      },
    };
    const req = { file: { fileName: 'a.xlsx', base64: await workbook(CADRE_HEADER, cadreRows(800)) }, mode: 'valid-only' as const, dryRun: false };
    await expect(importRows(core, failing, req)).rejects.toThrow('disk full');
    expect(core.db.inTransaction).toBe(false);
    expect(core.db.prepare('SELECT count(*) AS n FROM cadres').get()).toEqual(before);
    expect(await ok(core, 'cadres.create', { name: '韦新', idNumber: idC, unit: '雁山区财政局', unitLevel: '县区直' })).toMatchObject({ name: '韦新' });
    expect(await ok(core, 'excel.progress', {})).toBeNull();
  });
});

/** `n` valid cadres without postings. */
function cadreRows(n: number): unknown[][] {
  return Array.from({ length: n }, (_, i) => {
    const mmdd = `${String((i % 12) + 1).padStart(2, '0')}${String((Math.floor(i / 12) % 28) + 1).padStart(2, '0')}`;
    return [i + 1, `干部${[...String(1000 + i)].map((d) => HAN[Number(d)]).join('')}`, '', validId(`4503111990${mmdd}${100 + Math.floor(i / 336)}`), '', '', '', '雁山区教育局', '县区直'];
  });
}
