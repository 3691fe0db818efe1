import { z } from 'zod';
import { divisionDigits, PARTY_ORG_TYPES, VILLAGE_KINDS } from '../../domain/divisionCodes';
import * as f from '../fields';
import type { FilePayload, Page } from './common';
import { channel, ALL_ROLES, TOWNSHIP } from '../channel';

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
    .nullish()
    .transform((s) => (s ? divisionDigits(s) || null : null))
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

/** A village package written for the 驻村版 of one village (saved beside the database, offered as a download). */
export interface VillagePackageMade {
  fileName: string;
  downloadId: string;
  savedPath: string;
  /** The township's key fingerprint the village team reads back by phone when setting up. */
  fingerprint: string;
  cadres: number;
}

export const villagesContract = {
  'villages.list': channel<Page<VillageListItem>>()({
    input: z.strictObject({
      search: f.search(),
      township: f.township(),
      kind: f.oneOf('类型', VILLAGE_KINDS).nullish(),
      flag: f.oneOf('标记', ['key_village', 'relocation'] as const).nullish(),
      sort: f.oneOf('排序字段', ['code', 'name', 'kind', 'updated_at'] as const).nullish(),
      order: f.oneOf('排序方向', ['asc', 'desc'] as const).nullish(),
      page: f.page(),
      pageSize: f.pageSize(),
    }),
    roles: ALL_ROLES, writes: false,
  }),
  'villages.get': channel<VillageDetail>()({ input: z.strictObject({ id: f.id() }), roles: ALL_ROLES, writes: false }),
  'villages.create': channel<VillageDetail>()({ input: z.strictObject(villageFields), roles: TOWNSHIP, writes: true }),
  'villages.update': channel<VillageDetail>()({
    input: z.strictObject({ id: f.id(), version: f.version(), ...villageFields }),
    roles: TOWNSHIP, writes: true,
  }),
  'villages.remove': channel<{ id: string }>()({ input: z.strictObject({ id: f.id(), version: f.version() }), roles: TOWNSHIP, writes: true }),
  'villages.exportXlsx': channel<FilePayload>()({
    input: z.strictObject({
      search: f.search(),
      township: f.township(),
      kind: f.oneOf('类型', VILLAGE_KINDS).nullish(),
      flag: f.oneOf('标记', ['key_village', 'relocation'] as const).nullish(),
    }),
    roles: ALL_ROLES, writes: false,
  }),
  'villages.makePackage': channel<VillagePackageMade>()({ input: z.strictObject({ id: f.id('村（社区）') }), roles: TOWNSHIP, writes: true }),
  'villages.importOfficial': channel<{ imported: number; skipped: number }>()({
    input: z.strictObject({
      codes: z.array(z.string().transform(divisionDigits).refine((s) => /^\d{12}$/.test(s), '村（社区）区划代码应为12位数字')).min(1, '请选择要导入的村（社区）').max(2000),
    }),
    roles: TOWNSHIP, writes: true,
  }),
};
