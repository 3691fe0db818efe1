import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { currentSeq } from '../../db/sync';
import { freshCore } from '../helpers/core';
import { importDev, villages, workbook } from './excel.helpers';
import { ok, validId } from './floating.helpers';

/**
 * 发展党员台账 from Excel (issue 15): a clerk's existing register, one row per person with the
 * date of each step, imports as the same people and steps the drawers would record; every bad row
 * is named by row and column, and an all-or-nothing import with a bad row writes nothing.
 * The township's clock reads 2026-01-05.
 */


const ID_A = validId('45032219980615202');
const ID_B = validId('45032220010304101');
const ID_C = validId('45032219950101301');

const HEADER = ['序号', '村（社区）', '姓名', '性别', '身份证号', '民族', '入党申请日期', '谈话日期', '谈话人', '确定为入党积极分子日期', '推荐方式', '培养联系人', '确定为发展对象日期', '支部大会接收日期', '赞成票', '乡镇党委审批日期', '退出日期', '退出情形', '退出原因'];

const good: unknown[][] = [
  // Dates as clerks type them, both contacts in one cell, 15 votes as 15票.
  [1, '东立村', '李梅', '女', ID_A, '汉', '2024.3.1', '2024年3月20日', '王书记', '2024-04-15', '党员推荐', '张三、李四', '2025-05-10', '2025-07-01', '15票', '2025-08-15'],
  // A village by its code, a real Excel date cell, and a person who withdrew.
  [2, '450311100202', '韦强', '', ID_B, '壮族', new Date(Date.UTC(2025, 1, 3)), '2025-02-20', '', '', '', '', '', '', '', '', '2025-06-01', '本人撤回申请', '外出务工'],
];

const people = (core: Core) =>
  core.db
    .prepare(
      `SELECT v.name AS village, d.name, d.gender, d.birth_date, d.id_number, d.ethnicity, d.stage, d.application_date, d.talk_date, d.talk_by,
         d.activist_date, d.activist_way, d.contact1, d.contact2, d.candidate_date, d.accept_date, d.votes_for, d.approval_date, d.exit_date, d.exit_kind, d.exit_reason
       FROM dev_people d JOIN villages v ON v.id = d.village_id WHERE d.deleted_at IS NULL ORDER BY d.application_date`,
    )
    .all();

async function township() {
  const core = await freshCore();
  return { core, v: await villages(core, [['东立村', '450311100201'], ['西村', '450311100202']]) };
}

describe('发展党员 import from .xlsx', () => {
  it('imports each person with their steps, the stage derived from them', async () => {
    const { core } = await township();
    const r = await importDev(core, await workbook(HEADER, good, '雁山镇发展党员台账'));
    expect(r).toMatchObject({ total: 2, valid: 2, written: 2, problems: [], skippedRows: [] });
    expect(people(core)).toEqual([
      {
        village: '东立村', name: '李梅', gender: '女', birth_date: '1998-06-15', id_number: ID_A, ethnicity: '汉族', stage: '预备党员',
        application_date: '2024-03-01', talk_date: '2024-03-20', talk_by: '王书记', activist_date: '2024-04-15', activist_way: '党员推荐',
        contact1: '张三', contact2: '李四', candidate_date: '2025-05-10', accept_date: '2025-07-01', votes_for: 15, approval_date: '2025-08-15',
        exit_date: null, exit_kind: null, exit_reason: null,
      },
      {
        village: '西村', name: '韦强', gender: '男', birth_date: '2001-03-04', id_number: ID_B, ethnicity: '壮族', stage: '入党申请人',
        application_date: '2025-02-03', talk_date: '2025-02-20', talk_by: null, activist_date: null, activist_way: null,
        contact1: null, contact2: null, candidate_date: null, accept_date: null, votes_for: null, approval_date: null,
        exit_date: '2025-06-01', exit_kind: '本人撤回申请', exit_reason: '外出务工',
      },
    ]);
    // Audited and synced like a typed person: one change per write.
    const audited = core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE table_name = 'dev_people'").get() as { n: number };
    expect(audited.n).toBeGreaterThanOrEqual(2);
  });

  it('names every bad row and column, and an all-or-nothing import writes nothing', async () => {
    const { core, v } = await township();
    await ok(core, 'development.create', { villageId: v['东立村']!, name: '黄某', idNumber: ID_C, applicationDate: '2025-01-01' });
    const wrongCheck = ID_A.slice(0, 17) + (ID_A[17] === '1' ? '2' : '1');
    const file = await workbook(HEADER, [
      ...good,
      [3, '南村', '甲', '', validId('45032219990101111'), '', '2025-01-01'],
      [4, '东立村', '乙', '', wrongCheck, '', '2025-01-01'],
      [5, '东立村', '丙', '男', validId('45032219990202222'), '', '2025-01-01'],
      [6, '东立村', '丁', '', validId('45032219990303333'), '', '2025-13-01'],
      [7, '东立村', '戊', '', validId('45032219990404444'), '', '2025-01-01', '2025-01-10', '', '2025-03-01', '', '', '2025-02-01'],
      [8, '东立村', '己', '', validId('45032219990505555'), '', '2025-01-01', '2026-02-01'],
      [9, '东立村', '庚', '', ID_A, '', '2025-01-01'],
      [10, '东立村', '辛', '', ID_C, '', '2025-01-01'],
      [11, '东立村', '壬', '', validId('45032219990606666'), '', '2025-01-01', '', '', '', '', '', '', '', '', '', '2025-03-01', '离开'],
      [12, '东立村', '癸', '', validId('45032219990707777'), '', '', '', '', '', '', '张三、李四、王五'],
      [13, '东立村', '子', '', 450322199908088000, '', '2025-01-01'],
    ]);
    const seq = currentSeq(core.db);
    for (const dryRun of [true, false]) {
      const r = await importDev(core, file, 'all-or-nothing', dryRun);
      expect(r).toMatchObject({ total: 13, valid: 2, written: 0, skippedRows: [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] });
      expect(r.problems).toEqual([
        { row: 5, field: '村（社区）', message: '“南村”不在本乡镇村（社区）名册中，请先在“村（社区）”中登记' },
        { row: 6, field: '身份证号', message: '身份证号校验位不正确，请逐位核对' },
        { row: 7, field: '性别', message: '性别“男”与身份证号不一致' },
        { row: 8, field: '入党申请日期', message: expect.stringMatching(/日期/) },
        { row: 9, field: '发展步骤', message: '确定为发展对象日期不能早于确定为入党积极分子日期（2025-03-01）' },
        { row: 10, field: '谈话日期', message: '谈话日期不能晚于今天（2026-01-05）' },
        { row: 11, field: '身份证号', message: '与第3行身份证号重复' },
        { row: 12, field: '身份证号', message: '身份证号已在发展党员台账中（黄某）' },
        { row: 13, field: '退出情形', message: '“离开”应为以下之一：本人撤回申请、不予接收、取消预备党员资格、其他' },
        { row: 14, field: '入党申请日期', message: '请填写入党申请日期' },
        { row: 14, field: '培养联系人', message: '培养联系人最多两名，请用“、”分隔' },
        { row: 15, field: '身份证号', message: '身份证号在Excel中保存为数字，末几位已丢失，请将该列设为“文本”格式后重新填写' },
      ]);
    }
    expect(currentSeq(core.db)).toBe(seq);
    expect(people(core).map((p) => (p as { name: string }).name)).toEqual(['黄某']);
    const only = await importDev(core, file, 'valid-only');
    expect(only).toMatchObject({ valid: 2, written: 2 });
    expect(people(core).map((p) => (p as { name: string }).name)).toEqual(['李梅', '黄某', '韦强']);
  });

  it('a person whose steps the service refuses leaves no person behind either', async () => {
    const { core } = await township();
    // The person alone is valid; the steps (发展对象 before 积极分子) are not: neither may stay.
    const file = await workbook(HEADER, [[1, '东立村', '李梅', '', ID_A, '', '2024-03-01', '', '', '2024-06-01', '', '', '2024-05-01']]);
    const r = await importDev(core, file, 'valid-only');
    expect(r).toMatchObject({ total: 1, valid: 0, written: 0, skippedRows: [3] });
    expect(people(core)).toEqual([]);
    expect(core.db.prepare('SELECT count(*) AS n FROM dev_people').get()).toEqual({ n: 0 });
  });

  it('the downloaded template, filled in below its example, imports', async () => {
    const { core } = await township();
    const t = await ok(core, 'development.template', {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(t.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(2).values as unknown[]).slice(1);
    expect(headers.slice(0, 7)).toEqual(['村（社区）', '姓名', '性别', '身份证号', '民族', '学历', '入党申请日期']);
    // The clerk's row goes right under the example (the notes start further down).
    ws.spliceRows(4, 0, ['西村', '韦强', '男', ID_B, '壮族', '高中', '2025-02-03']);
    const filled = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = await importDev(core, filled);
    expect(r).toMatchObject({ total: 2, valid: 2, written: 2, problems: [] });
    expect(people(core).map((p) => [(p as { name: string }).name, (p as { stage: string }).stage])).toEqual([['李梅', '预备党员'], ['韦强', '入党申请人']]);
  });
});
