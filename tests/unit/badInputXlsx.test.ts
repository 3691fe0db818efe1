import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import type { ImportReport } from '../../electron/api/contract';
import type { Core } from '../../electron/core';
import { MAX_ROWS } from '../../electron/xlsx/read';
import { bigXlsx } from '../helpers/bigXlsx';
import { freshCore } from '../helpers/core';
import { RUNS, snapshot, TIMEOUT, validId } from './fuzz.fixtures';

/**
 * Spreadsheets as they arrive at a township office, through all three imports (floating roster,
 * cadres, projects): formulas, merged cells, far too many rows, wrong headers. Decisions: a
 * formula's calculated value is used; a formula Excel never calculated, or an error value such as
 * #DIV/0!, is a row error naming the column, never its text as data; a title merged across columns
 * counts once; a cell merged down one column below the header gives its value to every row it
 * spans; more than 20,000 data rows are refused before the workbook is loaded, in bounded time and
 * memory (the figures are printed, not asserted).
 */

type Kind = 'floating' | 'cadres' | 'projects';

interface Importer {
  header: string[];
  row: (i: number) => unknown[];
  table: string;
  run: (core: Core, villageId: string, base64: string, dryRun?: boolean) => ReturnType<typeof dispatch>;
}

const person = (i: number) => validId(`4503111990${String(101 + (i % 200)).padStart(4, '0')}${String(100 + Math.floor(i / 200)).padStart(3, '0')}`);
const NAMES = '甲乙丙丁戊己庚辛壬癸';
const name = (i: number) => `王${NAMES[i % 10]}${NAMES[Math.floor(i / 10) % 10]}`;

const IMPORTERS: Record<Kind, Importer> = {
  floating: {
    header: ['序号', '姓名', '身份证号', '流出时间', '流入地', '备注'],
    row: (i) => [i + 1, name(i), person(i), '2025-03-01', '广东省深圳市宝安区 某电子厂', ''],
    table: 'floating_members',
    run: (core, villageId, base64, dryRun = false) =>
      dispatch(core, 'floating.importXlsx', { file: { fileName: '名册.xlsx', base64 }, villageId, mode: 'valid-only', dryRun, reason: '务工' }),
  },
  cadres: {
    header: ['序号', '姓名', '身份证号', '派出单位', '派出单位层级', '备注'],
    row: (i) => [i + 1, name(i), person(i), '雁山区农业农村局', '县区直', ''],
    table: 'cadres',
    run: (core, _v, base64, dryRun = false) => dispatch(core, 'cadres.importXlsx', { file: { fileName: '名册.xlsx', base64 }, mode: 'valid-only', dryRun }),
  },
  projects: {
    header: ['村（社区）', '年度', '项目名称', '类别', '经营模式', '状态', '总投资（万元）', '财政资金（万元）', '备注'],
    row: (i) => ['东立村', 2025, `光伏电站${i + 1}号`, '光伏', '入股分红', '运营', 10, 10, ''],
    table: 'projects',
    run: (core, _v, base64, dryRun = false) => dispatch(core, 'projects.importXlsx', { file: { fileName: '台账.xlsx', base64 }, mode: 'valid-only', dryRun }),
  },
};

const KINDS = Object.keys(IMPORTERS) as Kind[];

async function book(fill: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('名册'));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function setup() {
  const core = await freshCore();
  const r = await dispatch(core, 'villages.create', { name: '东立村', kind: '行政村' });
  return { core, villageId: (r as { value: { id: string } }).value.id };
}

const report = (r: Awaited<ReturnType<typeof dispatch>>) => {
  expect(r, JSON.stringify(r).slice(0, 400)).toMatchObject({ ok: true });
  return (r as { value: ImportReport }).value;
};

const column = (imp: Importer, label: string) => imp.header.indexOf(label) + 1;

describe('formulas in imported spreadsheets', () => {
  it('uses the calculated value, and refuses uncalculated formulas and error values as row errors naming the column', async () => {
    for (const kind of KINDS) {
      const imp = IMPORTERS[kind];
      const { core, villageId } = await setup();
      const note = column(imp, '备注');
      const base64 = await book((ws) => {
        ws.addRow(imp.header);
        const calculated = imp.row(0);
        calculated[note - 1] = { formula: '"第"&"一"', result: '第一' };
        ws.addRow(calculated);
        const uncalculated = imp.row(1);
        uncalculated[note - 1] = { formula: 'A1&B1' };
        ws.addRow(uncalculated);
        const error = imp.row(2);
        error[note - 1] = { formula: '1/0', result: { error: '#DIV/0!' } };
        ws.addRow(error);
      });
      const r = report(await imp.run(core, villageId, base64));
      expect(r, kind).toMatchObject({ total: 3, valid: 1, written: 1, skippedRows: [3, 4] });
      // The floating roster's problems also carry the row's 姓名.
      expect(r.problems, kind).toEqual([
        expect.objectContaining({ row: 3, field: '备注', message: expect.stringMatching(/没有计算结果的公式/) }),
        expect.objectContaining({ row: 4, field: '备注', message: expect.stringMatching(/错误值 #DIV\/0!/) }),
      ]);
      const notes = core.db.prepare(`SELECT note FROM ${imp.table} WHERE deleted_at IS NULL`).all();
      expect(notes, kind).toEqual([{ note: '第一' }]);
    }
  });
});

describe('merged cells in imported spreadsheets', () => {
  it('reads a merged title once and gives a cell merged down one column to every row it spans', async () => {
    for (const kind of KINDS) {
      const imp = IMPORTERS[kind];
      const { core, villageId } = await setup();
      const note = column(imp, '备注');
      const base64 = await book((ws) => {
        ws.mergeCells(1, 1, 1, imp.header.length);
        ws.getCell(1, 1).value = '名册（合并的标题）';
        ws.addRow(imp.header);
        for (let i = 0; i < 3; i++) ws.addRow(imp.row(i));
        ws.mergeCells(3, note, 5, note);
        ws.getCell(3, note).value = '同一批';
      });
      const r = report(await imp.run(core, villageId, base64));
      expect(r, `${kind} ${JSON.stringify(r.problems)}`).toMatchObject({ total: 3, valid: 3, written: 3, problems: [] });
      const notes = core.db.prepare(`SELECT note FROM ${imp.table} WHERE deleted_at IS NULL`).all();
      expect(notes, kind).toEqual([{ note: '同一批' }, { note: '同一批' }, { note: '同一批' }]);
    }
  });

  it('counts a data cell merged across columns once, at its left column', async () => {
    const imp = IMPORTERS.floating;
    const { core, villageId } = await setup();
    const base64 = await book((ws) => {
      ws.addRow(imp.header);
      ws.addRow(imp.row(0));
      // 流入地 merged over 备注: the destination is read once, 备注 stays empty.
      ws.mergeCells(2, column(imp, '流入地'), 2, column(imp, '备注'));
    });
    const r = report(await imp.run(core, villageId, base64));
    expect(r).toMatchObject({ valid: 1, written: 1 });
    expect(core.db.prepare(`SELECT note, dest_province_code FROM floating_members`).get()).toEqual({ note: null, dest_province_code: '44' });
  });
});

describe('over-long and hidden text in cells', () => {
  it('reports 10,000 characters or a bidi override in any column as a row error naming the column', async () => {
    for (const kind of KINDS) {
      const imp = IMPORTERS[kind];
      const { core, villageId } = await setup();
      const columns = imp.header.map((h, i) => [h, i] as const).filter(([h]) => h !== '序号');
      const base64 = await book((ws) => {
        ws.addRow(imp.header);
        columns.forEach(([, col], i) => {
          const long = imp.row(i);
          long[col] = '字'.repeat(10_000);
          ws.addRow(long);
        });
        columns.forEach(([, col], i) => {
          const hidden = imp.row(100 + i);
          hidden[col] = `${String(hidden[col] ?? '')}\u202e甲`;
          ws.addRow(hidden);
        });
      });
      const before = snapshot(core);
      const r = report(await imp.run(core, villageId, base64, true));
      expect(r.valid, `${kind} ${JSON.stringify(r.problems).slice(0, 300)}`).toBe(0);
      columns.forEach(([header], i) => {
        for (const row of [2 + i, 2 + columns.length + i]) {
          const problems = r.problems.filter((p) => p.row === row);
          expect(problems.length, `${kind} ${header} row ${row}`).toBeGreaterThan(0);
          for (const p of problems) expect(p.message, `${kind} ${header}`).toMatch(/[\u4e00-\u9fa5]/);
          // 流入地 text after the place names is the workplace, and is reported as 工作单位.
          const named = problems.some((p) => p.field === header || (header === '流入地' && p.field === '工作单位'));
          expect(named, `${kind} ${header} row ${row}: ${JSON.stringify(problems)}`).toBe(true);
        }
      });
      expect(snapshot(core)).toEqual(before);
    }
  });
});

describe('wrong headers', () => {
  it('names the expected headers when none match, and the missing ones when some do', async () => {
    const expected: Record<Kind, RegExp> = {
      floating: /姓名、身份证号、流出时间、流入地/,
      cadres: /姓名.*身份证号.*派出单位/,
      projects: /村（社区）.*年度.*项目名称.*总投资/,
    };
    for (const kind of KINDS) {
      const imp = IMPORTERS[kind];
      const { core, villageId } = await setup();
      const before = snapshot(core);
      const english = await book((ws) => {
        ws.addRow(['Name', 'ID', 'Date', 'Place']);
        ws.addRow(['Wang', '1', '2', '3']);
      });
      const none = await imp.run(core, villageId, english);
      expect(none, kind).toMatchObject({ ok: false, error: { code: expect.any(String), message: expect.stringMatching(/未找到表头行/) } });
      expect((none as { error: { message: string } }).error.message, kind).toMatch(expected[kind]);
      const partial = await book((ws) => {
        ws.addRow(imp.header.slice(1, 3));
        ws.addRow(imp.row(0).slice(1, 3));
      });
      const some = await imp.run(core, villageId, partial);
      expect(some, kind).toMatchObject({ ok: false, error: { message: expect.stringMatching(/表头缺少列：/) } });
      expect((some as { error: { fields: { path: string[] }[] } }).error.fields[0]!.path, kind).toEqual(['file']);
      expect(snapshot(core), kind).toEqual(before);
    }
  });
});

describe('far too many rows', () => {
  it(`refuses 100,000 rows with a clear message before loading the workbook, and reads a stray far cell quickly`, async () => {
    const imp = IMPORTERS.floating;
    const { core, villageId } = await setup();
    function* rows() {
      yield imp.header;
      for (let i = 0; i < 100_000; i++) yield imp.row(i % 1000);
    }
    const base64 = bigXlsx(rows(), '名册').toString('base64');
    const before = snapshot(core);
    globalThis.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    const r = await imp.run(core, villageId, base64, true);
    const ms = performance.now() - t0;
    clearInterval(sampler);
    expect(r).toMatchObject({ ok: false, error: { message: `数据超过${MAX_ROWS}行，请拆分成多个文件后分批导入` } });
    expect(snapshot(core)).toEqual(before);
    console.log(
      `[xlsx] 100,000-row file (${(base64.length / 1024 / 1024).toFixed(1)} MB base64) refused in ${Math.round(ms)} ms, RSS +${Math.round((peak - rss0) / 1e6)} MB`,
    );

    // The same kind of file within the limit imports (so the refusal above is about the size).
    const small = bigXlsx([imp.header, imp.row(0), imp.row(1)], '名册').toString('base64');
    expect(report(await imp.run(core, villageId, small, true))).toMatchObject({ total: 2, valid: 2 });

    // Rows that are only formatted (borders drawn far down) are not data and do not count.
    function* padded() {
      yield imp.header;
      for (let i = 0; i < 30_000; i++) yield [];
      yield imp.row(0);
      yield imp.row(1);
    }
    const formatted = bigXlsx(padded(), '名册').toString('base64');
    expect(report(await imp.run(core, villageId, formatted, true))).toMatchObject({ total: 2, valid: 2 });

    // One clerk's stray entry at Excel's last row must not make the reader walk a million rows.
    const stray = await book((ws) => {
      ws.addRow(imp.header);
      ws.addRow(imp.row(0));
      ws.getCell(1_048_576, 1).value = 'x';
    });
    const t1 = performance.now();
    const s = report(await imp.run(core, villageId, stray, true));
    console.log(`[xlsx] a stray cell at row 1,048,576 read in ${Math.round(performance.now() - t1)} ms`);
    expect(s).toMatchObject({ total: 2, valid: 1 });
    expect(s.problems[0]).toMatchObject({ row: 1_048_576 });
  }, 120_000);
});

describe('damaged spreadsheets', () => {
  it(`answers truncated, bit-flipped and foreign files with a message or row errors, never an internal error (${RUNS} per import)`, async () => {
    for (const kind of KINDS) {
      const imp = IMPORTERS[kind];
      const { core, villageId } = await setup();
      const good = Buffer.from(
        await book((ws) => {
          ws.addRow(imp.header);
          for (let i = 0; i < 3; i++) ws.addRow(imp.row(i));
        }),
        'base64',
      );
      const damaged = fc.oneof(
        fc.nat({ max: good.length - 1 }).map((n) => good.subarray(0, n)),
        fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
          const b = Buffer.from(good);
          for (const [at, x] of flips) b[at] = b[at]! ^ x;
          return b;
        }),
        fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
        fc.constant(Buffer.from('PK\u0003\u0004 not really a zip')),
        fc.constant(bigXlsx([])),
      );
      await fc.assert(
        fc.asyncProperty(damaged, async (bytes) => {
          const before = snapshot(core);
          const r = await imp.run(core, villageId, bytes.toString('base64'), true);
          if (!r.ok) {
            expect(r.error.code, `${kind} ${r.error.message}`).not.toBe('internal');
            expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
          }
          expect(snapshot(core)).toEqual(before);
        }),
        { numRuns: RUNS, seed: process.env.TL_FUZZ_SEED === 'random' ? undefined : 8 },
      );
    }
  }, TIMEOUT);
});

const cellValue = fc.oneof(
  fc.constantFrom<ExcelJS.CellValue>(null, '', ' ', '=1+1', '@SUM(A1)', '-', '+86 138', '是', '否', '男', '县区直', '第一书记', '光伏', '运营', '2025-13-01', '1985.03', '１２３', '\u202e', '😀'),
  fc.string({ maxLength: 30 }),
  fc.integer({ min: -1e6, max: 1e12 }),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.date({ min: new Date(Date.UTC(1800, 0, 1)), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true }),
  fc.string({ maxLength: 10 }).map((t) => ({ formula: 'A1', result: t })),
  fc.constant({ formula: 'B2*2' }),
  fc.constant({ error: '#N/A' }),
  fc.string({ maxLength: 10 }).map((t) => ({ richText: [{ text: t }, { text: '末' }] })),
  fc.string({ maxLength: 10 }).map((t) => ({ text: t, hyperlink: 'http://example.com' })),
) as fc.Arbitrary<ExcelJS.CellValue>;

describe('random cell values in every column', () => {
  it(`reports problems by row and column and writes exactly the rows it calls valid (${RUNS} files per import)`, async () => {
    for (const kind of KINDS) {
      const imp = IMPORTERS[kind];
      const { core, villageId } = await setup();
      // Rows mixing valid rows with rows whose cells are replaced at random.
      const rows = fc.array(
        fc.tuple(fc.nat({ max: 50 }), fc.array(fc.tuple(fc.nat({ max: imp.header.length - 1 }), cellValue), { maxLength: 4 })).map(([i, swaps]) => {
          const row = imp.row(i) as ExcelJS.CellValue[];
          for (const [col, v] of swaps) row[col] = v;
          return row;
        }),
        { minLength: 1, maxLength: 6 },
      );
      await fc.assert(
        fc.asyncProperty(rows, async (data) => {
          const base64 = await book((ws) => {
            ws.addRow(imp.header);
            for (const r of data) ws.addRow(r);
          });
          const count = () => (core.db.prepare(`SELECT count(*) AS n FROM ${imp.table} WHERE deleted_at IS NULL`).get() as { n: number }).n;
          const before = count();
          const r = await imp.run(core, villageId, base64);
          if (!r.ok) {
            expect(r.error.code, r.error.message).not.toBe('internal');
            expect(count()).toBe(before);
            return;
          }
          const rep = r.value as ImportReport;
          expect(rep.written).toBe(rep.valid);
          expect(count()).toBe(before + rep.written);
          for (const p of rep.problems) {
            expect(p.row).toBeGreaterThan(1);
            expect(p.message).toMatch(/[\u4e00-\u9fa5]/);
            expect(p.message).not.toMatch(/^(undefined|null|\[object)/);
          }
        }),
        { numRuns: RUNS, seed: process.env.TL_FUZZ_SEED === 'random' ? undefined : 8 },
      );
    }
  }, TIMEOUT);
});
