import { cadrePostingsTable, listCadres, type CadreListRow } from '../../db/cadres';
import { openSecretaryOf } from '../../db/cadreRecords';
import { getRow } from '../../db/sync';
import type { FilePayload, ImportReport, ParsedInput } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import type { Core } from '../core';
import { checkChar } from '../domain/idNumber';
import { steadyWriter } from '../xlsx/importJob';
import { importRows, type ImportSpec } from '../xlsx/importRows';
import { sheet, xlsxFile, type Column } from '../xlsx/write';
import { cadreListQuery, insertCadre, newCadreColumns } from './cadres';
import { CADRE_COLUMNS, CADRE_LABELS, cadreImportSchema, toCadreDraft, villageLookup, type CadreImportKey } from './cadresImportSpec';
import { checkNewPosting, openPosting } from './cadrePostings';
import { unitLabel } from './townships';

/**
 * The cadre roster in Excel: the export writes the list as filtered, one row per cadre with the
 * current (or latest) posting, under the same headers the import reads, so an exported roster
 * imports again unchanged. Exports carry ID numbers and phones in full, as the per-cadre ledger
 * export does: the file is the office's own roster (lists on screen mask them, files do not).
 */

type Row = CadreListRow & { planned_end: string | null };
const header = (key: CadreImportKey) => CADRE_COLUMNS.find((c) => c.key === key)!.headers[0]!;
const col = (key: CadreImportKey, width: number, value: (r: Row) => string | null): Column<Row> => ({ header: header(key), width, value });

const EXPORT_COLUMNS: Column<Row>[] = [
  { header: '序号', width: 6, value: (_r, i) => i + 1 },
  col('name', 10, (r) => r.name),
  col('gender', 6, (r) => r.gender),
  { header: '出生日期', width: 12, value: (r) => r.birth_date },
  col('idNumber', 21, (r) => r.id_number),
  col('ethnicity', 8, (r) => r.ethnicity),
  col('politicalStatus', 12, (r) => r.political_status),
  col('education', 10, (r) => r.education),
  col('unit', 24, (r) => r.unit),
  col('unitLevel', 10, (r) => r.unit_level),
  col('postRank', 14, (r) => r.post_rank),
  col('mobile', 14, (r) => r.mobile),
  col('village', 16, (r) => r.village_name),
  col('role', 10, (r) => r.role),
  col('startDate', 12, (r) => r.start_date),
  col('plannedEnd', 12, (r) => r.planned_end),
  col('status', 10, (r) => r.status ?? '未派驻'),
  col('note', 20, (r) => r.note),
];

export async function exportCadres(core: Core, q: ParsedInput<'cadres.exportXlsx'>): Promise<FilePayload> {
  const { query, today } = cadreListQuery(core, q);
  const { rows } = listCadres(core.db, { ...query, page: 1, pageSize: 1_000_000 });
  const withEnd: Row[] = rows.map((r) => ({
    ...r,
    planned_end: r.posting_id ? ((getRow(core.db, cadrePostingsTable, r.posting_id)?.planned_end as string | null) ?? null) : null,
  }));
  const title = `${unitLabel(core, q.township)}驻村干部花名册`;
  return xlsxFile(title, [
    sheet<Row>({ name: '驻村干部', title, columns: EXPORT_COLUMNS, rows: withEnd, footer: [`导出时间：${today}    填表人：________    审核人：________`] }),
  ]);
}

/** Headers of the import, one example row and the notes a clerk needs to fill it in. */
export async function cadresTemplate(): Promise<FilePayload> {
  const first17 = '45030219850301123';
  const example: Record<CadreImportKey, string> = {
    name: '张三', gender: '男', idNumber: first17 + checkChar(first17), ethnicity: '汉族', politicalStatus: '中共党员',
    education: '大学本科', unit: '桂林市农业农村局', unitLevel: '市直', postRank: '四级主任科员', mobile: '13800000000', note: '',
    village: '东立村', role: '第一书记', startDate: '2025-03-01', plannedEnd: '2027-02-28', status: '在岗',
  };
  return xlsxFile('驻村干部名册模板', [
    sheet({
      name: '驻村干部名册',
      title: '驻村干部名册',
      columns: CADRE_COLUMNS.map((c) => ({ header: c.headers[0]!, width: c.key === 'idNumber' ? 22 : 14, value: (r: Record<CadreImportKey, string>) => r[c.key] })),
      rows: [example],
      footer: [
        '注1：必填列为姓名、身份证号、派出单位、派出单位层级；身份证号、手机号码请设为“文本”格式，避免Excel丢失末位。',
        '注2：派出单位层级填中直、区直、市直、县区直或乡镇；驻村角色填第一书记、工作队长或工作队员。',
        '注3：填写驻村村（社区）时须同时填写驻村角色和驻村开始日期，村名须与“村（社区）”中登记的一致；不填则只登记人员。',
        '注4：状态为期满轮换、召回调整或其他的行只登记人员，不建立驻村经历；日期可写 2025-03-01、2025.03、2025年3月。',
        '填表人：________    审核人：________',
      ],
    }),
  ]);
}

/** The roster's import: each row a cadre and, with a village, their current posting. */
export const cadreImportSpec = (core: Core): ImportSpec<CadreImportKey, typeof cadreImportSchema> => {
  const villages = villageLookup(core.db);
  return {
    columns: CADRE_COLUMNS,
    labels: CADRE_LABELS,
    schema: cadreImportSchema,
    toDraft: (v) => toCadreDraft(villages, v),
    // The posting's own rules and write, without the view postCadre builds for the form. Nothing
    // here undoes itself: importRows runs it in a savepoint, or after check() passed the row.
    write: ({ cadre, posting }) => {
      const c = insertCadre(core, cadre);
      if (posting) openPosting(core, { ...posting, cadreId: c.id });
    },
    // Asks what write's services would refuse, with their own functions, and writes nothing. A
    // cadre of the file is new (no posting of theirs can be open or overlap: '' stands for their
    // id); a duplicate of an earlier row never reaches here (importRows' file check). What the
    // file's earlier rows wrote and a later row's rules see: their first secretaries (the register
    // holds those already written). Ids: each insert a trial write made (and rolled back) took
    // an id, so a row checked in place of its write (`standIn`), and a cadre whose posting is
    // refused, still take them; with a seeded id source (the seeder's, the tests') the rows
    // written get the same ids as before the check stopped writing.
    check: () => {
      const secretaries = new Map<string, { cadre_name: string }>();
      const secretaryOf = (villageId: string) => openSecretaryOf(core.db, villageId) ?? secretaries.get(villageId);
      const takeId = () => void core.writer().newId();
      return ({ cadre, posting }, standIn) => {
        const c = newCadreColumns(core, cadre);
        if (posting) {
          try {
            checkNewPosting(core, { ...posting, cadreId: '' }, c, undefined, secretaryOf);
          } catch (err) {
            takeId();
            throw err;
          }
          if (posting.role === '第一书记') secretaries.set(posting.villageId, { cadre_name: c.name });
        }
        if (standIn) {
          takeId();
          if (posting) takeId();
        }
      };
    },
  };
};

export function importCadres(core: Core, input: ParsedInput<'cadres.importXlsx'>): Promise<ImportReport> {
  return importRows(core, cadreImportSpec(steadyWriter(core)), input);
}

export const cadreXlsxHandlers = {
  'cadres.exportXlsx': (core, q) => exportCadres(core, q),
  'cadres.template': () => cadresTemplate(),
  'cadres.importXlsx': (core, input) => importCadres(core, input),
} satisfies Partial<Handlers>;
