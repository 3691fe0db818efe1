import { z } from 'zod';
import { ConflictError } from '../../db/errors';
import { memberContactsTable, rosterRows, type FloatingListRow } from '../../db/floating';
import { getRow, insertRow } from '../../db/sync';
import { villagesTable } from '../../db/villages';
import { memberFields } from '../api/contracts/floating';
import type { FilePayload, ImportProblem, ImportReport, ParsedInput } from '../api/contract';
import type { Core } from '../core';
import { checkChar } from '../domain/idNumber';
import { titleWarning } from '../xlsx/unitTitle';
import { CHUNK_ROWS, excelJob, readForImport, type ExcelProgress } from '../xlsx/importJob';
import { sheet, xlsxFile, type SheetSpec } from '../xlsx/write';
import { overdueCutoff } from '../domain/floating';
import { checkMember, insertMember, today, type MemberInput } from './floating';
import { readSettings } from './settings';
import { IMPORT_COLUMNS, LABELS, toMemberInput, type ImportKey } from './floatingImportSpec';
import { afterBulkWrite } from '../../db/stats';
import { steppedWrite } from '../xlsx/steppedTx';
import { unitLabel } from './townships';

/** 1985-03-01 → 1985.03, as paper rosters write 出生年月 and 入党时间. */
const yearMonth = (d: unknown) => (typeof d === 'string' && d.length >= 7 ? `${d.slice(0, 4)}.${d.slice(5, 7)}` : null);

function rosterSheet(title: string, rows: FloatingListRow[], day: string): SheetSpec<unknown> {
  return sheet({
    name: title.slice(0, 31),
    title: `${title}流动党员名册`,
    columns: [
      { header: '序号', width: 6, value: (_r: FloatingListRow, i: number) => i + 1 },
      { header: '姓名', width: 10, value: (r) => r.name },
      { header: '性别', width: 6, value: (r) => r.gender },
      { header: '出生年月', width: 10, value: (r) => yearMonth(r.birth_date) },
      { header: '入党时间', width: 10, value: (r) => yearMonth(r.joined_party_date) },
      { header: '流出时间', width: 12, value: (r) => r.left_date },
      { header: '流入地', width: 32, value: (r) => [r.dest_text, r.workplace].filter(Boolean).join(' ') },
      { header: '联系方式', width: 14, value: (r) => r.mobile },
      { header: '联系人', width: 18, value: (r) => [r.contact_name, r.contact_phone].filter(Boolean).join(' ') || null },
    ],
    rows,
    footer: [`导出时间：${day}    填表人：________    审核人：________`],
  });
}

/**
 * The roster per village as villages keep it on paper, of the members the list shows (its search,
 * filters and township); without a village filter, one sheet per village.
 */
export async function exportRoster(core: Core, q: ParsedInput<'floating.exportXlsx'>): Promise<FilePayload> {
  const villageId = q.villageId;
  const rows = rosterRows(core.db, {
    search: q.search ?? undefined,
    township: q.township,
    villageId: villageId ?? undefined,
    status: q.status ?? undefined,
    flag: q.flag ?? undefined,
    cutoff: overdueCutoff(today(core), readSettings(core).contactIntervalDays),
  });
  const unit = unitLabel(core, q.township);
  const day = today(core);
  if (villageId) {
    const v = getRow(core.db, villagesTable, villageId);
    if (!v) throw new ConflictError('所属村（社区）不存在或已被删除', [{ path: ['villageId'], message: '所属村（社区）不存在或已被删除' }]);
    return xlsxFile(`${v.name}流动党员名册`, [rosterSheet(v.name, rows, day)]);
  }
  const byVillage = new Map<string, FloatingListRow[]>();
  for (const r of rows) byVillage.set(r.village_name, [...(byVillage.get(r.village_name) ?? []), r]);
  const sheets = [...byVillage].map(([name, rs]) => rosterSheet(name, rs, day));
  return xlsxFile(`${unit}流动党员名册`, sheets.length ? sheets : [rosterSheet(unit, [], day)]);
}

/** Headers of the import, one example row and the notes a clerk needs to fill it in. */
export async function rosterTemplate(): Promise<FilePayload> {
  const first17 = '45031119900101123';
  const example: Record<ImportKey, string> = {
    name: '张三',
    gender: '男',
    idNumber: first17 + checkChar(first17),
    ethnicity: '汉族',
    education: '高中',
    joinedPartyDate: '2015.07',
    memberType: '正式党员',
    leftDate: '2023-03-01',
    destination: '广东省深圳市宝安区',
    workplace: '某电子厂',
    reason: '务工',
    occupation: '技术员',
    mobile: '13800000000',
    wechat: '',
    activityCardNo: '',
    destOrgName: '',
    contactName: '李四',
    contactPhone: '13900000000',
    contactStart: '2024-01-01',
    note: '',
  };
  return xlsxFile('流动党员名册模板', [
    sheet({
      name: '流动党员名册',
      title: '流动党员名册',
      columns: IMPORT_COLUMNS.map((c) => ({ header: c.headers[0]!, width: c.key === 'idNumber' ? 22 : 12, value: (r: Record<ImportKey, string>) => r[c.key] })),
      rows: [example],
      footer: [
        '注1：必填列为姓名、身份证号、流出时间、流入地；身份证号、手机号请设为“文本”格式，避免Excel丢失末位。',
        '注2：日期可写 2023-03-01、2023.03、2023年3月；流入地写“省 市 县（区）”，其后文字作为工作单位。',
        '注3：党员类型填“正式党员”或“预备党员”；外出原因填务工、经商、学习或其他；联系人为一对一联系的村干部，联系开始时间为其开始联系之日。',
        '填表人：________    审核人：________',
      ],
    }),
  ]);
}

const memberSchema = z.strictObject(memberFields);

interface Checked {
  row: number;
  input: MemberInput;
  derived: NonNullable<ReturnType<typeof checkMember>['derived']>;
  contact: { name: string; phone: string | null; startDate: string } | null;
}

/**
 * Every row checked exactly as the form would be (zod, then the database rules), plus duplicates
 * inside the file. Nothing is written unless asked (dryRun false) and allowed by the mode.
 */
export async function importRoster(core: Core, input: ParsedInput<'floating.importXlsx'>): Promise<ImportReport> {
  if (!getRow(core.db, villagesTable, input.villageId)) {
    throw new ConflictError('所属村（社区）不存在或已被删除', [{ path: ['villageId'], message: '所属村（社区）不存在或已被删除' }]);
  }
  // An Excel job: the dialog's progress bar, and the file parsed by the check kept for the import.
  return excelJob(core, (step) => checkAndWrite(core, input, step));
}

async function checkAndWrite(core: Core, input: ParsedInput<'floating.importXlsx'>, step: (p: ExcelProgress) => void): Promise<ImportReport> {
  const read = await readForImport(core, Buffer.from(input.file.base64, 'base64'), IMPORT_COLUMNS, { keep: input.dryRun, step });
  if (!read.ok) throw new ConflictError(read.message, [{ path: ['file'], message: read.message }]);
  const total = read.rows.length;
  step({ phase: 'check', done: 0, total });
  let checked: Checked[];
  let problems: ImportProblem[];
  let written = 0;
  if (input.dryRun) {
    ({ good: checked, problems } = checkRows(core, read.rows, input));
  } else {
    // Checked inside the write's transaction: a member saved meanwhile could repeat an ID number.
    ({ good: checked, problems, written } = await steppedWrite(core, async (pause) => {
      const c = checkRows(core, read.rows, input);
      const writable = input.mode === 'valid-only' || c.problems.length === 0;
      if (!writable || !c.good.length) return { value: { ...c, written: 0 }, keep: false };
      step({ phase: 'write', done: 0, total: c.good.length });
      await writeRows(core, c.good, (done) => step({ phase: 'write', done, total: c.good.length }), pause);
      return { value: { ...c, written: c.good.length }, keep: true };
    }));
  }
  step({ phase: 'write', done: total, total });
  if (written) afterBulkWrite(core.db);
  const badRows = [...new Set(problems.map((p) => p.row))];
  return { dryRun: input.dryRun, mode: input.mode, total, valid: checked.length, written, skippedRows: badRows, problems, notes: [titleWarning(core, read.title, { villageId: input.villageId }) ?? [], importNotes(read.rows, input)].flat() };
}

type ReadRows = Extract<Awaited<ReturnType<typeof readForImport<ImportKey>>>, { ok: true }>['rows'];

/** Every row checked as the form would be, plus duplicates inside the file; no break inside. */
function checkRows(core: Core, rows: ReadRows, input: ParsedInput<'floating.importXlsx'>): { problems: ImportProblem[]; good: Checked[] } {
  const problems: ImportProblem[] = [];
  const good: Checked[] = [];
  const seenIds = new Map<string, number>();
  for (const r of rows) {
    const before = problems.length;
    for (const p of r.problems) problems.push({ row: r.row, ...p });
    const draft = toMemberInput(r.values, input.villageId, input);
    for (const p of draft.problems) problems.push({ row: r.row, ...p });
    const parsed = memberSchema.safeParse(draft.input);
    if (!parsed.success) {
      // The form's own checks, for the fields the reader has not already complained about.
      const reported = new Set(problems.slice(before).map((p) => p.field));
      for (const i of parsed.error.issues) {
        const field = LABELS[String(i.path[0])] ?? String(i.path[0]);
        if (!reported.has(field)) problems.push({ row: r.row, field, message: i.message });
        reported.add(field);
      }
    }
    if (problems.length > before || !parsed.success) continue;
    const { fields, derived } = checkMember(core, parsed.data, null);
    for (const f of fields) problems.push({ row: r.row, field: LABELS[f.path[0]!] ?? f.path[0]!, message: f.message });
    const dup = seenIds.get(parsed.data.idNumber);
    if (dup) problems.push({ row: r.row, field: '身份证号', message: `与第${dup}行身份证号重复` });
    if (problems.length > before || !derived) continue;
    seenIds.set(parsed.data.idNumber, r.row);
    good.push({ row: r.row, input: parsed.data, derived, contact: draft.contact });
  }
  const names = new Map(rows.map((r) => [r.row, typeof r.values.name === 'string' ? r.values.name : '']));
  for (const p of problems) if (names.get(p.row)) p.name = names.get(p.row);
  return { problems, good };
}

/** Says which blanks were filled from the dialog, so the clerk sees every value not in the file. */
function importNotes(rows: { values: Partial<Record<ImportKey, unknown>> }[], input: ParsedInput<'floating.importXlsx'>): string[] {
  const blank = (k: ImportKey) => rows.filter((r) => !r.values[k]).length;
  const notes: string[] = [];
  const noReason = blank('reason');
  if (noReason && input.reason) notes.push(`${noReason} 行未填外出原因，按所选“${input.reason}”记录`);
  const noStart = rows.filter((r) => r.values.contactName && !r.values.contactStart).length;
  if (noStart && input.contactStart) notes.push(`${noStart} 名一对一联系人未填联系开始时间，按所填 ${input.contactStart} 记录`);
  return notes;
}

/** Writes the checked rows in the open stepped transaction, handing the thread back now and then. */
async function writeRows(core: Core, rows: Checked[], progress: (done: number) => void, pause: () => Promise<void>): Promise<void> {
  for (const [i, r] of rows.entries()) {
    if (i % CHUNK_ROWS === 0 && i > 0) {
      progress(i);
      await pause();
    }
    const m = insertMember(core, r.input, r.derived);
    if (r.contact) {
      insertRow(core.db, core.writer(), memberContactsTable, {
        member_id: m.id,
        cadre_name: r.contact.name,
        cadre_phone: r.contact.phone,
        cadre_role: null,
        start_date: r.contact.startDate,
        end_date: null,
      });
    }
  }
}
