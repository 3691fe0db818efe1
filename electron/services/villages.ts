import { villagesOf } from '../../db/divisions';
import { ConflictError, StoreError } from '../../db/errors';
import { deleteRow, getRow, insertRow, matchChildRows, updateRow, type TableValues } from '../../db/sync';
import {
  findLiveVillageBy,
  listVillages,
  villageYears,
  villageYearsTable,
  villagesTable,
  type VillageRow,
} from '../../db/villages';
import type { ParsedInput, VillageDetail, VillageListItem } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import { AppError } from '../api/errors';
import type { Core } from '../core';
import { villageFromOfficial } from '../domain/divisionCodes';
import { fenToWan } from '../domain/money';
import { maskMobile } from '../domain/phone';
import { NotFoundError } from '../../db/errors';
import { sheet, xlsxFile } from '../xlsx/write';
import { SYNC_TABLES } from '../../db/tables';
import { liveRowsInVillage } from '../../db/villageUse';
import { writeTx } from '../../db/tx';
import { unitLabel } from './townships';
import { makeVillagePackage } from '../sync/villagePackageMake';
import { offerDownload } from '../transfers';
import fs from 'node:fs';
import path from 'node:path';

type VillageInput = ParsedInput<'villages.create'>;

function toListItem(r: VillageRow): VillageListItem {
  return {
    id: r.id,
    version: r.version,
    code: r.code,
    name: r.name,
    kind: r.kind,
    partyOrgName: r.party_org_name,
    partyOrgType: r.party_org_type,
    secretary: r.secretary,
    secretaryPhone: maskMobile(r.secretary_phone),
    keyVillage: r.key_village === 1,
    relocation: r.relocation === 1,
    updatedAt: r.updated_at,
  };
}

function toDetail(core: Core, r: VillageRow): VillageDetail {
  return {
    ...toListItem(r),
    secretaryPhone: r.secretary_phone,
    note: r.note,
    createdAt: r.created_at,
    years: villageYears(core.db, r.id).map((y) => ({
      year: y.year,
      stars: y.stars,
      income: y.income_fen === null ? null : fenToWan(y.income_fen),
    })),
  };
}

function columns(input: VillageInput): TableValues<typeof villagesTable> {
  return {
    code: input.code,
    name: input.name,
    kind: input.kind,
    party_org_name: input.partyOrgName,
    party_org_type: input.partyOrgType,
    secretary: input.secretary,
    secretary_phone: input.secretaryPhone,
    key_village: input.keyVillage ? 1 : 0,
    relocation: input.relocation ? 1 : 0,
    note: input.note,
  };
}

/** Rules that need the database: unique live name and code, code inside this township. */
function checkVillage(core: Core, input: VillageInput, selfId: string | null): void {
  const inst = core.installation();
  const fields: { path: string[]; message: string }[] = [];
  const sameName = findLiveVillageBy(core.db, 'name', input.name);
  if (sameName && sameName.id !== selfId) fields.push({ path: ['name'], message: `已有名为“${input.name}”的村（社区）` });
  if (input.code) {
    if (inst && !input.code.startsWith(inst.unitCode)) {
      fields.push({ path: ['code'], message: `区划代码应以本乡镇代码 ${inst.unitCode} 开头` });
    }
    const sameCode = findLiveVillageBy(core.db, 'code', input.code);
    if (sameCode && sameCode.id !== selfId) fields.push({ path: ['code'], message: `区划代码 ${input.code} 已被“${sameCode.name}”使用` });
  }
  if (fields.length) throw new ConflictError(fields.map((f) => f.message).join('；'), fields);
}

/** Makes the village's yearly rows (stars, collective income) match `years`. */
function syncYears(core: Core, villageId: string, years: VillageInput['years']): void {
  const existing = new Map(villageYears(core.db, villageId).map((y) => [y.year, y]));
  const wanted = years.map((y) => [y.year, { village_id: villageId, year: y.year, stars: y.stars, income_fen: y.income }] as const);
  matchChildRows(core.db, core.writer(), villageYearsTable, existing, wanted);
}

export function createVillage(core: Core, input: VillageInput): VillageDetail {
  return writeTx(core.db, () => {
    checkVillage(core, input, null);
    const row = insertRow(core.db, core.writer(), villagesTable, columns(input));
    syncYears(core, row.id, input.years);
    return toDetail(core, row);
  });
}

export function updateVillage(core: Core, input: ParsedInput<'villages.update'>): VillageDetail {
  return writeTx(core.db, () => {
    checkVillage(core, input, input.id);
    const row = updateRow(core.db, core.writer(), villagesTable, input.id, columns(input), { expectedVersion: input.version });
    syncYears(core, row.id, input.years);
    return toDetail(core, row);
  });
}

/** A village still holding register rows (cadres posted, members, projects) cannot be deleted. */
function refuseIfReferenced(core: Core, villageId: string): void {
  const used = SYNC_TABLES.filter((t) => t !== villageYearsTable && (t.columns as readonly string[]).includes('village_id'))
    .map((t) => ({ t, n: liveRowsInVillage(core.db, t, villageId) }))
    .filter((x) => x.n > 0);
  if (used.length) {
    throw new AppError('in_use', `该村（社区）还有${used.map((x) => `${x.t.label} ${x.n} 条`).join('、')}，请先转移或删除这些记录后再删除`);
  }
}

export function removeVillage(core: Core, id: string, version: number): { id: string } {
  return writeTx(core.db, () => {
    const w = core.writer();
    refuseIfReferenced(core, id);
    deleteRow(core.db, w, villagesTable, id, { expectedVersion: version });
    for (const y of villageYears(core.db, id)) deleteRow(core.db, w, villageYearsTable, y.id);
    return { id };
  });
}

/** Adds official villages by code; codes already in the register are skipped, not duplicated. */
export function importOfficialVillages(core: Core, codes: string[]): { imported: number; skipped: number } {
  const inst = core.installation();
  if (!inst) throw new StoreError('not_setup', '尚未完成初始设置，请先设置本单位信息。');
  const official = new Map(villagesOf(inst.unitCode).map((d) => [d.code, d.name]));
  const unknown = codes.filter((c) => !official.has(c));
  if (unknown.length) {
    throw new AppError('invalid', `区划代码 ${unknown.slice(0, 3).join('、')} 不属于${inst.unitName}，未导入任何记录。`, [{ path: ['codes'], message: '含有不属于本乡镇的区划代码' }]);
  }
  return writeTx(core.db, () => {
    const w = core.writer();
    let imported = 0;
    let skipped = 0;
    for (const code of new Set(codes)) {
      const { name, kind } = villageFromOfficial(official.get(code)!);
      if (findLiveVillageBy(core.db, 'code', code) || findLiveVillageBy(core.db, 'name', name)) {
        skipped++;
        continue;
      }
      insertRow(core.db, w, villagesTable, { code, name, kind, key_village: 0, relocation: 0 });
      imported++;
    }
    return { imported, skipped };
  });
}

/** The register as the paper copy looks: every live village matching the list's filters. */
export async function exportVillages(core: Core, q: ParsedInput<'villages.exportXlsx'>) {
  const { rows } = listVillages(core.db, {
    search: q.search ?? undefined,
    township: q.township,
    kind: q.kind ?? undefined,
    flag: q.flag ?? undefined,
    page: 1,
    pageSize: 1_000_000,
  });
  const unit = unitLabel(core, q.township);
  const yes = (v: unknown) => (v === 1 ? '是' : '否');
  return xlsxFile(`${unit}村（社区）名册`, [
    sheet({
      name: '村（社区）',
      title: `${unit}村（社区）名册`,
      columns: [
        { header: '序号', width: 6, value: (_r: VillageRow, i: number) => i + 1 },
        { header: '村（社区）名称', width: 18, value: (r) => r.name },
        { header: '区划代码', width: 16, value: (r) => r.code },
        { header: '类型', width: 10, value: (r) => r.kind },
        { header: '党组织名称', width: 28, value: (r) => r.party_org_name },
        { header: '党组织类型', width: 10, value: (r) => r.party_org_type },
        { header: '党组织书记', width: 10, value: (r) => r.secretary },
        { header: '联系电话', width: 14, value: (r) => r.secretary_phone },
        { header: '乡村振兴重点村', width: 10, value: (r) => yes(r.key_village) },
        { header: '易地扶贫搬迁安置社区', width: 12, value: (r) => yes(r.relocation) },
        { header: '备注', width: 24, value: (r) => r.note },
      ],
      rows,
      footer: [`导出时间：${core.now().toISOString().slice(0, 10)}    填表人：________    审核人：________`],
    }),
  ]);
}

export const villageHandlers = {
  'villages.list': (core, q) =>
    (({ rows, total }) => ({ rows: rows.map(toListItem), total }))(
      listVillages(core.db, {
        search: q.search ?? undefined,
        township: q.township,
        kind: q.kind ?? undefined,
        flag: q.flag ?? undefined,
        sort: q.sort ?? undefined,
        order: q.order ?? undefined,
        page: q.page,
        pageSize: q.pageSize,
      }),
    ),
  'villages.get': (core, { id }) => {
    const row = getRow(core.db, villagesTable, id);
    if (!row) throw new NotFoundError('村（社区）');
    return toDetail(core, row);
  },
  'villages.create': (core, input) => createVillage(core, input),
  'villages.update': (core, input) => updateVillage(core, input),
  'villages.remove': (core, { id, version }) => removeVillage(core, id, version),
  'villages.importOfficial': (core, { codes }) => importOfficialVillages(core, codes),
  'villages.exportXlsx': (core, q) => exportVillages(core, q),
  'villages.makePackage': (core, { id }) => {
    // Kept beside the database like exports, so a package handed out can be found again.
    const dir = path.join(path.dirname(path.resolve(core.file)), 'packages');
    fs.mkdirSync(dir, { recursive: true });
    const made = makeVillagePackage(core, id, dir);
    return { fileName: made.fileName, downloadId: offerDownload(made.file), savedPath: made.file, fingerprint: made.fingerprint, cadres: made.cadres };
  },
} satisfies Partial<Handlers>;
