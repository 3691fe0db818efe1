import { z } from 'zod';
import { PARTY_ORG_TYPES, VILLAGE_KINDS } from '../../domain/divisionCodes';
import * as f from '../fields';
import type { FilePayload, Page } from './common';

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
  partyOrgType: f.oneOf('党组织类型', PARTY_ORG_TYPES).nullish().transform((v) => v ?? null),
  secretary: f.optionalPersonName('党组织书记'),
  secretaryPhone: f.phone('书记联系电话'),
  keyVillage: f.flag('乡村振兴重点村'),
  relocation: f.flag('易地扶贫搬迁安置社区'),
  note: f.optionalText('备注', 500),
  years: z
    .array(villageYear, { error: () => '年度记录格式不正确' })
    .max(100, '年度记录过多')
    .default([])
    .refine((ys) => new Set(ys.map((y) => y.year)).size === ys.length, '同一年度只能填写一条记录'),
};

export const villagesContract = {
  'villages.list': {
    input: z.strictObject({
      search: f.optionalText('搜索内容', 50),
      township: f.township(),
      kind: f.oneOf('类型', VILLAGE_KINDS).nullish(),
      flag: f.oneOf('标记', ['key_village', 'relocation'] as const).nullish(),
      sort: f.oneOf('排序字段', ['code', 'name', 'kind', 'updated_at'] as const).nullish(),
      order: f.oneOf('排序方向', ['asc', 'desc'] as const).nullish(),
      page: f.page(),
      pageSize: f.pageSize(),
    }),
    output: undefined as unknown as Page<VillageListItem>,
  },
  'villages.get': { input: z.strictObject({ id: f.id() }), output: undefined as unknown as VillageDetail },
  'villages.create': { input: z.strictObject(villageFields), output: undefined as unknown as VillageDetail },
  'villages.update': {
    input: z.strictObject({ id: f.id(), version: f.version(), ...villageFields }),
    output: undefined as unknown as VillageDetail,
  },
  'villages.remove': { input: z.strictObject({ id: f.id(), version: f.version() }), output: undefined as unknown as { id: string } },
  'villages.exportXlsx': {
    input: z.strictObject({
      search: f.optionalText('搜索内容', 50),
      township: f.township(),
      kind: f.oneOf('类型', VILLAGE_KINDS).nullish(),
      flag: f.oneOf('标记', ['key_village', 'relocation'] as const).nullish(),
    }),
    output: undefined as unknown as FilePayload,
  },
  'villages.importOfficial': {
    input: z.strictObject({
      codes: z.array(z.string().regex(/^\d{12}$/, '村（社区）区划代码应为12位数字')).min(1, '请选择要导入的村（社区）').max(2000),
    }),
    output: undefined as unknown as { imported: number; skipped: number },
  },
};
