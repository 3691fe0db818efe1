import { z } from 'zod';
import { MAX_SCORE } from '../../domain/stars';
import * as f from '../fields';
import type { FilePayload, Page } from './common';
import { importInput } from './excel';
import type { ImportReport } from './floating';
import { channel, ALL_ROLES, TOWNSHIP } from '../channel';

/** One corrective item (整改事项) of a rating below four stars. */
export interface StarRectificationItem {
  item: string;
  deadline: string | null;
  responsible: string | null;
  result: string | null;
  doneDate: string | null;
}

export interface StarListItem {
  id: string;
  version: number;
  villageId: string;
  villageName: string;
  villageCode: string | null;
  year: number;
  score: number | null;
  stars: number;
  /** Last year's stars (its rating, or the villages register's stars for that year); null: not rated. */
  previousStars: number | null;
  /** 升星 / 降星 / 持平 / 首次评定 */
  change: string;
  changeReason: string | null;
  publicityStart: string | null;
  publicityEnd: string | null;
  /** Corrective items, and those without a 完成日期. */
  items: number;
  openItems: number;
  updatedAt: string;
}

export interface StarDetail extends StarListItem {
  note: string | null;
  createdAt: string;
  rectifications: StarRectificationItem[];
}

/** 软弱涣散 villages for 首页: one star in their latest rated year. */
export interface WeakVillageItem {
  villageId: string;
  name: string;
  code: string | null;
  year: number;
}

const rectification = z.strictObject({
  item: f.requiredText('整改事项', 200),
  deadline: f.optionalIsoDate('整改时限'),
  responsible: f.optionalPersonName('责任人'),
  result: f.optionalText('整改结果', 200),
  doneDate: f.optionalIsoDate('完成日期'),
});

const ratingFields = {
  villageId: f.id('村（社区）'),
  year: f.int('评定年度', 1949, 2100),
  score: f.int('得分', 0, MAX_SCORE).nullish().transform((v) => v ?? null),
  stars: f.int('星级', 1, 5),
  changeReason: f.optionalText('升降星原因', 500),
  publicityStart: f.optionalIsoDate('公示开始日期'),
  publicityEnd: f.optionalIsoDate('公示结束日期'),
  note: f.optionalText('备注', 500),
  rectifications: z.array(rectification, { error: () => '整改事项格式不正确' }).max(50, '整改事项不能超过50条').default([]),
};

const listFilters = {
  search: f.search(),
  township: f.township(),
  villageId: f.id('村（社区）').nullish(),
  year: f.int('评定年度', 1949, 2100).nullish(),
  stars: f.int('星级', 1, 5).nullish(),
  openItems: z.boolean({ error: () => '“整改未完成”应为“是”或“否”' }).nullish(),
};

export const starsContract = {
  'stars.list': channel<Page<StarListItem>>()({
    input: z.strictObject({
      ...listFilters,
      sort: f.oneOf('排序字段', ['year', 'village', 'stars', 'score', 'updated_at'] as const).nullish(),
      order: f.oneOf('排序方向', ['asc', 'desc'] as const).nullish(),
      page: f.page(),
      pageSize: f.pageSize(),
    }),
    roles: ALL_ROLES, writes: false,
  }),
  'stars.get': channel<StarDetail>()({ input: z.strictObject({ id: f.id() }), roles: ALL_ROLES, writes: false }),
  'stars.create': channel<StarDetail>()({ input: z.strictObject(ratingFields), roles: TOWNSHIP, writes: true }),
  'stars.update': channel<StarDetail>()({ input: z.strictObject({ id: f.id(), version: f.version(), ...ratingFields }), roles: TOWNSHIP, writes: true }),
  'stars.remove': channel<{ id: string }>()({ input: z.strictObject({ id: f.id(), version: f.version() }), roles: TOWNSHIP, writes: true }),
  'stars.weak': channel<WeakVillageItem[]>()({ input: z.strictObject({ township: f.township() }), roles: ALL_ROLES, writes: false }),
  'stars.exportXlsx': channel<FilePayload>()({ input: z.strictObject(listFilters), roles: ALL_ROLES, writes: false }),
  'stars.template': channel<FilePayload>()({ input: z.strictObject({}), roles: ALL_ROLES, writes: false }),
  'stars.importXlsx': channel<ImportReport>()({ input: importInput('台账文件'), roles: TOWNSHIP, writes: true }),
};
