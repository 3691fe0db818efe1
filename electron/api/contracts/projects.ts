import { z } from 'zod';
import { PROJECT_CATEGORIES, PROJECT_MODELS, PROJECT_STATUSES } from '../../domain/projects';
import * as f from '../fields';
import type { FilePayload, Page } from './common';
import { channel, ALL_ROLES, TOWNSHIP, TOWNSHIP_VILLAGE } from '../channel';

/** Amounts are 万元 as exact decimal strings (never floats); lists group thousands ("1,234.5"). */
export interface ProjectListItem {
  id: string;
  version: number;
  villageId: string;
  villageName: string;
  villageCode: string | null;
  year: number;
  name: string;
  category: string;
  model: string;
  status: string;
  partner: string | null;
  responsible: string | null;
  total: string;
  fiscal: string;
  aid: string;
  village: string;
  social: string;
  other: string;
  households: number | null;
  /** Latest progress update (percent and date); null when none was reported. */
  progress: number | null;
  progressDate: string | null;
  /** Income for the list's year filter, or the project's own 年度. */
  income: string | null;
  updatedAt: string;
}

export interface ProjectProgressItem {
  id: string;
  version: number;
  reportDate: string;
  percent: number;
  note: string | null;
  problems: string | null;
  createdAt: string;
}

export interface ProjectDetail extends ProjectListItem {
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  note: string | null;
  createdAt: string;
  incomes: { year: number; income: string }[];
  /** Newest first; the first one is the current progress. */
  progressHistory: ProjectProgressItem[];
}

export interface CoverageItem {
  villageId: string;
  name: string;
  code: string | null;
  /** Projects that count for the year (see COVERS_YEAR in db/projects.ts). */
  projects: number;
  /** Sum of the village's project incomes reported for the year, 万元. */
  projectIncome: string | null;
  /** 村级集体经济收入 for the year from the villages register, 万元. */
  villageIncome: string | null;
}

export interface ProjectCoverage {
  year: number;
  villages: CoverageItem[];
  uncovered: number;
}

const money = (label: string) => f.wanToFen(label).transform((v) => v ?? 0);

const projectIncome = z.strictObject({
  year: f.int('收益年度', 1949, 2100),
  income: f.wanToFen('当年收益').transform((v, ctx) => {
    if (v === null) {
      ctx.addIssue({ code: 'custom', message: '请填写当年收益（万元）' });
      return z.NEVER;
    }
    return v;
  }),
});

const projectFields = {
  villageId: f.id('村（社区）'),
  year: f.int('年度', 1949, 2100),
  name: f.requiredText('项目名称', 60),
  category: f.oneOf('项目类别', PROJECT_CATEGORIES),
  model: f.oneOf('经营模式', PROJECT_MODELS),
  partner: f.optionalText('合作主体', 60),
  responsible: f.optionalPersonName('负责人'),
  plannedStart: f.optionalIsoDate('计划开工日期'),
  plannedEnd: f.optionalIsoDate('计划完工日期'),
  actualStart: f.optionalIsoDate('实际开工日期'),
  actualEnd: f.optionalIsoDate('实际完工（终止）日期'),
  status: f.oneOf('项目状态', PROJECT_STATUSES),
  total: f.wanToFen('总投资').transform((v, ctx) => {
    if (v === null) {
      ctx.addIssue({ code: 'custom', message: '请填写总投资（万元），没有投资填 0' });
      return z.NEVER;
    }
    return v;
  }),
  // Blank sources count as 0: most projects have one or two of the five.
  fiscal: money('财政资金'),
  aid: money('帮扶单位'),
  village: money('村集体自筹'),
  social: money('社会资本'),
  other: money('其他来源'),
  households: f.int('带动户数', 0, 1_000_000).nullish().transform((v) => v ?? null),
  note: f.optionalText('备注', 500),
  incomes: z
    .array(projectIncome, { error: () => '年度收益格式不正确' })
    .max(100, '年度收益记录过多')
    .default([])
    .refine((ys) => new Set(ys.map((y) => y.year)).size === ys.length, '同一年度只能填写一条收益'),
};

const listFilters = {
  search: f.search(),
  township: f.township(),
  villageId: f.id('村（社区）').nullish(),
  year: f.int('年度', 1949, 2100).nullish(),
  status: f.oneOf('项目状态', PROJECT_STATUSES).nullish(),
  category: f.oneOf('项目类别', PROJECT_CATEGORIES).nullish(),
};

export const projectsContract = {
  'projects.list': channel<Page<ProjectListItem>>()({
    input: z.strictObject({
      ...listFilters,
      sort: f.oneOf('排序字段', ['year', 'village', 'name', 'status', 'total', 'progress', 'updated_at'] as const).nullish(),
      order: f.oneOf('排序方向', ['asc', 'desc'] as const).nullish(),
      page: f.page(),
      pageSize: f.pageSize(),
    }),
    roles: ALL_ROLES, writes: false,
  }),
  'projects.get': channel<ProjectDetail>()({ input: z.strictObject({ id: f.id() }), roles: ALL_ROLES, writes: false }),
  'projects.create': channel<ProjectDetail>()({ input: z.strictObject(projectFields), roles: TOWNSHIP, writes: true }),
  'projects.update': channel<ProjectDetail>()({
    input: z.strictObject({ id: f.id(), version: f.version(), ...projectFields }),
    roles: TOWNSHIP, writes: true,
  }),
  'projects.remove': channel<{ id: string }>()({ input: z.strictObject({ id: f.id(), version: f.version() }), roles: TOWNSHIP, writes: true }),
  'projects.addProgress': channel<ProjectDetail>()({
    input: z.strictObject({
      projectId: f.id('项目'),
      reportDate: f.isoDate('进展日期'),
      percent: f.int('完成进度', 0, 100),
      note: f.optionalText('进展情况', 500),
      problems: f.optionalText('存在问题', 500),
    }),
    roles: TOWNSHIP_VILLAGE, writes: true,
  }),
  'projects.removeProgress': channel<ProjectDetail>()({
    input: z.strictObject({ id: f.id(), version: f.version() }),
    roles: TOWNSHIP_VILLAGE, writes: true,
  }),
  'projects.coverage': channel<ProjectCoverage>()({
    input: z.strictObject({ year: f.int('年度', 1949, 2100), township: f.township() }),
    roles: ALL_ROLES, writes: false,
  }),
  'projects.exportXlsx': channel<FilePayload>()({ input: z.strictObject(listFilters), roles: ALL_ROLES, writes: false }),
};
