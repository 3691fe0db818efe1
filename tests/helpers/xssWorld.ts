import ExcelJS from 'exceljs';
import { isChannel, type ChannelName } from '../../electron/api/channels';
import { dispatch } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';
import { checkChar } from '../../electron/domain/idNumber';
import { allPayloads, payloadFor, RTL_TRICK } from './xss';

/**
 * A township whose every free-text field holds script payloads, written the ways text arrives:
 * straight through the API (as a form or a script would send it) and through the floating
 * roster spreadsheet import. Names, codes and dates are valid: only the text is hostile.
 */

type Value = Record<string, unknown> & { id: string; version: number };

async function call(core: Core, name: ChannelName, input: unknown): Promise<Value> {
  const r = await dispatch(core, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message} ${JSON.stringify(r.error.fields ?? [])}`);
  return r.value as Value;
}

const validId = (first17: string) => first17 + checkChar(first17);
export const CADRE_ID_NUMBER = validId('45030219850314123');
export const MEMBER_ID_NUMBER = validId('45031119900101123');

export interface XssWorld {
  /** The hostile village name: every register shows it next to its rows. */
  village: string;
  project: string;
  cadreName: string;
  memberName: string;
  importedName: string;
  /** Rows written by the cadre and project spreadsheet imports, where those exist. */
  imported: string[];
  /** The payloads the API refused (bidi tricks): never stored. */
  refused: string[];
}

let k = 0;
const one = (max: number) => payloadFor(k++, max);

async function cadreRows(core: Core, villageId: string): Promise<void> {
  const cadre = await call(core, 'cadres.create', { name: '李明', idNumber: CADRE_ID_NUMBER, unit: one(60), unitLevel: '县区直', postRank: one(40), note: allPayloads(500) });
  await call(core, 'cadres.post', { cadreId: cadre.id, villageId, role: '第一书记', startDate: '2025-06-01' });
  await call(core, 'cadres.saveLog', { cadreId: cadre.id, logDate: '2025-12-02', inVillage: true, workKind: '走访农户', content: allPayloads(1000), problems: allPayloads(500), followUp: allPayloads(500) });
  await call(core, 'cadres.addInspection', { cadreId: cadre.id, inspectDate: '2025-12-03', inspector: one(30), inPost: true, notes: allPayloads(500) });
  await call(core, 'cadres.saveEvaluation', { cadreId: cadre.id, year: 2025, quarter: 3, result: '好', evaluator: one(30), notes: allPayloads(500) });
  await call(core, 'cadres.saveAssessment', { cadreId: cadre.id, year: 2025, result: '称职', notes: allPayloads(500) });
}

async function floatingRows(core: Core, villageId: string): Promise<void> {
  const member = await call(core, 'floating.create', {
    villageId,
    name: '王小明',
    idNumber: MEMBER_ID_NUMBER,
    memberType: '正式党员',
    leftDate: '2025-03-01',
    destProvince: '44',
    destCity: '4403',
    destCounty: '440306',
    workplace: one(100),
    reason: '务工',
    occupation: one(50),
    wechat: one(50),
    activityCardNo: one(40),
    destOrgName: one(100),
    note: allPayloads(500),
  });
  await call(core, 'floating.assignContact', { memberId: member.id, cadreName: '李书记', cadrePhone: '13900000001', cadreRole: '党组织书记', startDate: '2025-04-01' });
  await call(core, 'floating.addRecord', { memberId: member.id, contactDate: '2025-12-01', way: '电话', madeBy: one(30), content: allPayloads(1000), needs: allPayloads(500) });
}

/** The floating roster as a village would hand it in, hostile text in every free column. */
async function roster(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow([`${one(50)}流动党员名册`]);
  ws.addRow(['序号', '姓名', '身份证号', '流出时间', '流入地', '工作单位', '从事职业', '微信号', '流入地党组织', '备注']);
  ws.addRow([1, '刘芳', validId('45031119850315002'), '2024.05', '广东省广州市天河区', one(100), one(50), one(50), one(100), allPayloads(500)]);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function workbook(header: string[], row: unknown[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(header);
  ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** The cadre and project imports (where present): hostile text in every free column. */
async function registerImports(core: Core, village: string): Promise<string[]> {
  const names: string[] = [];
  const run = async (channel: ChannelName, base64: string, name: string) => {
    if (!isChannel(channel)) return;
    const report = await call(core, channel, { file: { fileName: 'x.xlsx', base64 }, mode: 'all-or-nothing', dryRun: false });
    if ((report as unknown as { written: number }).written !== 1) throw new Error(`${channel}: ${JSON.stringify(report)}`);
    names.push(name);
  };
  await run(
    'cadres.importXlsx',
    await workbook(
      ['姓名', '身份证号', '派出单位', '派出单位层级', '职务职级', '备注', '驻村村（社区）', '驻村角色', '驻村开始日期'],
      ['赵强', validId('45030219800505333'), one(60), '县区直', one(40), allPayloads(500), village, '工作队员', '2025-07-01'],
    ),
    '赵强',
  );
  const project = payloadFor(7, 60);
  await run('projects.importXlsx', await workbook(['村（社区）', '年度', '项目名称', '类别', '经营模式', '状态', '总投资（万元）', '财政资金（万元）', '合作主体', '备注'], [village, 2024, project, '种植', '合作社', '在建', 50, 50, one(60), allPayloads(500)]), project);
  return names;
}

export async function buildXssWorld(core: Core): Promise<XssWorld> {
  const village = payloadFor(1, 50);
  const v = await call(core, 'villages.create', { name: village, kind: '行政村', partyOrgName: one(60), secretary: '李四', note: allPayloads(500) });
  await cadreRows(core, v.id);
  await floatingRows(core, v.id);
  const report = await call(core, 'floating.importXlsx', { file: { fileName: '名册.xlsx', base64: await roster() }, villageId: v.id, mode: 'all-or-nothing', dryRun: false, reason: '务工', contactStart: '2025-01-01' });
  if ((report as unknown as { written: number }).written !== 1) throw new Error(`roster import: ${JSON.stringify(report)}`);
  const project = payloadFor(2, 60);
  const p = await call(core, 'projects.create', { villageId: v.id, year: 2025, name: project, category: '光伏', model: '入股分红', status: '运营', partner: one(60), total: '100', fiscal: '100', note: allPayloads(500) });
  await call(core, 'projects.addProgress', { projectId: p.id, reportDate: '2025-12-01', percent: 50, note: allPayloads(500), problems: allPayloads(500) });
  const imported = await registerImports(core, village);
  const refused = await refusedAtBoundary(core, v.id);
  return { village, project, cadreName: '李明', memberName: '王小明', importedName: '刘芳', imported, refused };
}

/** Bidi overrides are refused with a message naming the field, and nothing is written. */
async function refusedAtBoundary(core: Core, villageId: string): Promise<string[]> {
  const r = await dispatch(core, 'villages.update', { id: villageId, version: 1, name: '东立村', kind: '行政村', note: RTL_TRICK });
  if (r.ok || !r.error.fields?.some((f) => f.path[0] === 'note')) throw new Error(`bidi payload not refused: ${JSON.stringify(r)}`);
  return [RTL_TRICK];
}
