import { z } from 'zod';
import { VILLAGE_KINDS } from '../domain/divisionCodes';
import type { ChannelName } from './channels';
import * as f from './fields';

/**
 * The whole API between the renderer and the main process: for every channel its input schema
 * (validated at the boundary by dispatch) and its output type. Both hosts, the renderer's
 * client and the tests take their types from here.
 */

// ---- shared shapes -------------------------------------------------------------------------

export type Role = 'township' | 'district';

export interface UnitInfo {
  installationId: string;
  role: Role;
  unitCode: string;
  unitName: string;
  operator: string;
  setupAt: string;
}

export interface AppStatus {
  setup: UnitInfo | null;
  dbFile: string;
  schemaVersion: number;
  appVersion: string;
}

export interface DivisionInfo {
  code: string;
  name: string;
  path: { province: string | null; city: string | null; county: string | null; township: string | null };
}

export interface OfficialVillage {
  code: string;
  officialName: string;
  name: string;
  kind: string;
  /** Already in the register (by code), so importing it again would be skipped. */
  exists: boolean;
}

export interface Page<T> {
  rows: T[];
  total: number;
}

export interface VillageListItem {
  id: string;
  version: number;
  code: string | null;
  name: string;
  kind: string;
  partyOrgName: string | null;
  partyOrgType: string | null;
  secretary: string | null;
  /** Masked in lists (138****1234). */
  secretaryPhone: string;
  keyVillage: boolean;
  relocation: boolean;
  updatedAt: string;
}

export interface VillageYear {
  year: number;
  stars: number | null;
  /** 万元, exact decimal string. */
  income: string | null;
}

export interface VillageDetail extends Omit<VillageListItem, 'secretaryPhone'> {
  secretaryPhone: string | null;
  note: string | null;
  createdAt: string;
  years: VillageYear[];
}

export interface AuditItem {
  id: number;
  at: string;
  operator: string;
  table: string;
  rowId: string;
  action: string;
  /** Field names that changed (values are not sent: they may hold personal data). */
  changed: string[];
}

// ---- input schemas -------------------------------------------------------------------------

const empty = z.strictObject({});

const villageYear = z.strictObject({
  year: f.int('年度', 1949, 2100),
  stars: f.int('星级', 1, 5).nullish().transform((v) => v ?? null),
  income: f.wanToFen('集体经济收入'),
});

const villageFields = {
  name: f.requiredText('村（社区）名称', 50),
  code: z
    .string({ error: () => '区划代码应为文字' })
    .trim()
    .nullish()
    .transform((s) => (s ? s : null))
    .refine((s) => s === null || /^\d{12}$/.test(s), '区划代码应为12位数字'),
  kind: f.oneOf('类型', VILLAGE_KINDS),
  partyOrgName: f.optionalText('党组织名称', 60),
  partyOrgType: f.oneOf('党组织类型', ['党委', '党总支', '党支部'] as const).nullish().transform((v) => v ?? null),
  secretary: f.optionalPersonName('党组织书记'),
  secretaryPhone: f.mobile('书记联系电话'),
  keyVillage: f.flag('乡村振兴重点村'),
  relocation: f.flag('易地扶贫搬迁安置社区'),
  note: f.optionalText('备注', 500),
  years: z
    .array(villageYear, { error: () => '年度记录格式不正确' })
    .max(100, '年度记录过多')
    .default([])
    .refine((ys) => new Set(ys.map((y) => y.year)).size === ys.length, '同一年度只能填写一条记录'),
};

export const contract = {
  'app.status': { input: empty, output: {} as AppStatus },
  'setup.lookupDivision': {
    input: z.strictObject({ code: z.string({ error: () => '请填写区划代码' }).trim().regex(/^(\d{6}|\d{9})$/, '区划代码应为6位（区县）或9位（乡镇）数字') }),
    output: {} as DivisionInfo | null,
  },
  'setup.officialVillages': {
    input: z.strictObject({ code: z.string({ error: () => '请填写乡镇区划代码' }).trim().regex(/^\d{9}$/, '乡镇区划代码应为9位数字') }),
    output: {} as OfficialVillage[],
  },
  'setup.complete': {
    input: z.strictObject({
      role: f.oneOf('单位类型', ['township', 'district'] as const),
      code: z.string({ error: () => '请填写区划代码' }).trim(),
      name: f.requiredText('单位名称', 50),
      operator: f.personName('操作员姓名'),
      importVillages: z.array(z.string().regex(/^\d{12}$/, '村（社区）区划代码应为12位数字')).max(2000).default([]),
    }),
    output: {} as AppStatus,
  },
  'villages.list': {
    input: z.strictObject({
      search: f.optionalText('搜索内容', 50),
      kind: f.oneOf('类型', VILLAGE_KINDS).nullish(),
      flag: f.oneOf('标记', ['key_village', 'relocation'] as const).nullish(),
      sort: f.oneOf('排序字段', ['code', 'name', 'kind', 'updated_at'] as const).nullish(),
      order: f.oneOf('排序方向', ['asc', 'desc'] as const).nullish(),
      page: f.page(),
      pageSize: f.pageSize(),
    }),
    output: {} as Page<VillageListItem>,
  },
  'villages.get': { input: z.strictObject({ id: f.id() }), output: {} as VillageDetail },
  'villages.create': { input: z.strictObject(villageFields), output: {} as VillageDetail },
  'villages.update': {
    input: z.strictObject({ id: f.id(), version: f.version(), ...villageFields }),
    output: {} as VillageDetail,
  },
  'villages.remove': { input: z.strictObject({ id: f.id(), version: f.version() }), output: {} as { id: string } },
  'villages.importOfficial': {
    input: z.strictObject({ codes: z.array(z.string().regex(/^\d{12}$/, '村（社区）区划代码应为12位数字')).min(1, '请选择要导入的村（社区）').max(2000) }),
    output: {} as { imported: number; skipped: number },
  },
  'audit.list': {
    input: z.strictObject({ table: f.optionalText('数据表', 40), rowId: f.optionalText('记录编号', 40), page: f.page(), pageSize: f.pageSize() }),
    output: {} as Page<AuditItem>,
  },
} satisfies Record<ChannelName, { input: z.ZodType; output: unknown }>;

export type Contract = typeof contract;
export type Input<K extends ChannelName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends ChannelName> = z.output<Contract[K]['input']>;
export type Output<K extends ChannelName> = Contract[K]['output'];

export interface FieldError {
  path: (string | number)[];
  message: string;
}

export interface ApiError {
  code: string;
  message: string;
  fields?: FieldError[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };
