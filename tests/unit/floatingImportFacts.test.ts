import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { freshCore } from '../helpers/core';
import { ok, validId, villageId } from './floating.helpers';

/** Ten members, each with a one-to-one contact; the file has no 外出原因 column. */
async function roster(opts: { reason?: boolean; contactStart?: boolean } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(['东立村流动党员名册']);
  ws.addRow(['序号', '姓名', '身份证号', '流出时间', '流入地', '联系人', ...(opts.reason ? ['外出原因'] : []), ...(opts.contactStart ? ['联系开始时间'] : [])]);
  for (let i = 0; i < 10; i++) {
    const id = validId(`4503111990010${String(10 + i)}12`);
    ws.addRow([i + 1, `党员${'甲乙丙丁戊己庚辛壬癸'[i]}`, id, '2025.03', '广东省深圳市宝安区', `联系人${'甲乙丙丁戊己庚辛壬癸'[i]}`, ...(opts.reason ? [i < 6 ? '务工' : '经商'] : []), ...(opts.contactStart ? ['2025年6月1日'] : [])]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const villages = new WeakMap<Core, string>();
async function village(core: Core): Promise<string> {
  if (!villages.has(core)) villages.set(core, await villageId(core));
  return villages.get(core)!;
}

const run = async (core: Core, base64: string, extra: { reason?: '务工' | '经商' | '学习' | '其他'; contactStart?: string; dryRun?: boolean } = {}) =>
  ok(core, 'floating.importXlsx', { file: { fileName: '名册.xlsx', base64 }, villageId: await village(core), mode: 'all-or-nothing', dryRun: extra.dryRun ?? false, reason: extra.reason, contactStart: extra.contactStart });

const half2026 = async (core: Core) => (await ok(core, 'reports.get', { from: '2026-01-01', to: '2026-06-30' })).scopes[0]!;

describe('the roster import invents no facts', () => {
  it('refuses rows without 外出原因 or a contact start date unless the clerk chooses them, naming the field', async () => {
    const core = await freshCore();
    const r = await run(core, await roster());
    expect(r).toMatchObject({ total: 10, valid: 0, written: 0 });
    expect(r.problems.filter((p) => p.field === '外出原因')).toHaveLength(10);
    expect(r.problems.filter((p) => p.field === '联系开始时间')).toHaveLength(10);
    expect(r.problems[0]!.message).toContain('导入对话框');
    expect(core.db.prepare('SELECT count(*) AS n FROM floating_members').get()).toEqual({ n: 0 });
  });

  it('takes 外出原因 and the contact start from the file; the half-year report counts them', async () => {
    const core = await freshCore();
    const r = await run(core, await roster({ reason: true, contactStart: true }));
    expect(r).toMatchObject({ total: 10, written: 10, problems: [], notes: [] });
    expect(core.db.prepare('SELECT DISTINCT start_date AS d FROM member_contacts').all()).toEqual([{ d: '2025-06-01' }]);
    const f = (await half2026(core)).figures.floating;
    expect(f.withContactCadre).toBe(10);
    expect(f.byReason).toEqual({ 务工: 6, 经商: 4, 学习: 0, 其他: 0 });
  });

  it('uses what the clerk chose in the dialog for blanks, and says so in the check result', async () => {
    const core = await freshCore();
    const check = await run(core, await roster(), { reason: '务工', contactStart: '2026-01-05', dryRun: true });
    expect(check).toMatchObject({ valid: 10, problems: [], notes: ['10 行未填外出原因，按所选“务工”记录', '10 名一对一联系人未填联系开始时间，按所填 2026-01-05 记录'] });
    await run(core, await roster(), { reason: '务工', contactStart: '2026-01-05' });
    expect(core.db.prepare('SELECT DISTINCT start_date AS d FROM member_contacts').all()).toEqual([{ d: '2026-01-05' }]);
    expect((await half2026(core)).figures.floating.withContactCadre).toBe(10);
  });

  it('never uses the import day as a contact start date', async () => {
    const core = await freshCore();
    await run(core, await roster({ reason: true }), { contactStart: '2024-12-31' });
    const today = new Date().toISOString().slice(0, 10);
    expect(core.db.prepare('SELECT count(*) AS n FROM member_contacts WHERE start_date = ?').get(today)).toEqual({ n: 0 });
    // A file's own date wins over the dialog's.
    const core2 = await freshCore();
    await run(core2, await roster({ reason: true, contactStart: true }), { contactStart: '2024-12-31' });
    expect(core2.db.prepare('SELECT DISTINCT start_date AS d FROM member_contacts').all()).toEqual([{ d: '2025-06-01' }]);
  });
});
