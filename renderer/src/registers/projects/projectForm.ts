import dayjs, { type Dayjs } from 'dayjs';
import type { Input, ProjectDetail } from '../../../../electron/api/contract';
import { parseWanToFen } from '../../../../electron/domain/money';
import { FUNDING_SOURCES, type FundingKey, type ProjectCategory, type ProjectModel, type ProjectStatus } from '../../../../electron/domain/projects';

export interface IncomeValues {
  year?: number | null;
  income?: string | null;
}

/** What the project drawer's form holds; field names equal the contract's input keys. */
export interface ProjectFormValues extends Partial<Record<FundingKey, string | null>> {
  villageId?: string;
  year: number;
  name: string;
  category: ProjectCategory;
  model: ProjectModel;
  status: ProjectStatus;
  partner?: string | null;
  responsible?: string | null;
  plannedStart?: Dayjs | null;
  plannedEnd?: Dayjs | null;
  actualStart?: Dayjs | null;
  actualEnd?: Dayjs | null;
  total?: string | null;
  households?: number | null;
  note?: string | null;
  incomes?: IncomeValues[];
}

export const newProject = (): Partial<ProjectFormValues> => ({ year: dayjs().year(), category: '种植', model: '村集体自营', status: '谋划', incomes: [] });

const opt = (s: string | null | undefined): string | null => (s && s.trim() ? s : null);
const day = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
const toDay = (s: string | null): Dayjs | undefined => (s ? dayjs(s) : undefined);

export function toProjectInput(v: ProjectFormValues): Input<'projects.create'> {
  return {
    villageId: v.villageId ?? '',
    year: Number(v.year),
    name: v.name ?? '',
    category: v.category,
    model: v.model,
    status: v.status,
    partner: opt(v.partner),
    responsible: opt(v.responsible),
    plannedStart: day(v.plannedStart),
    plannedEnd: day(v.plannedEnd),
    actualStart: day(v.actualStart),
    actualEnd: day(v.actualEnd),
    total: opt(v.total),
    fiscal: opt(v.fiscal),
    aid: opt(v.aid),
    village: opt(v.village),
    social: opt(v.social),
    other: opt(v.other),
    households: v.households ?? null,
    note: opt(v.note),
    incomes: (v.incomes ?? []).map((i) => ({ year: Number(i.year), income: opt(i.income) })),
  };
}

/** Detail amounts come grouped ("1,234.5"); the form shows them as typed, without separators. */
const plain = (s: string) => s.replace(/,/g, '');

export function fromProjectDetail(d: ProjectDetail): Partial<ProjectFormValues> {
  return {
    villageId: d.villageId,
    year: d.year,
    name: d.name,
    category: d.category as ProjectCategory,
    model: d.model as ProjectModel,
    status: d.status as ProjectStatus,
    partner: d.partner ?? undefined,
    responsible: d.responsible ?? undefined,
    plannedStart: toDay(d.plannedStart),
    plannedEnd: toDay(d.plannedEnd),
    actualStart: toDay(d.actualStart),
    actualEnd: toDay(d.actualEnd),
    total: plain(d.total),
    ...Object.fromEntries(FUNDING_SOURCES.map((s) => [s.key, d[s.key] === '0' ? undefined : plain(d[s.key])])),
    households: d.households ?? undefined,
    note: d.note ?? undefined,
    incomes: d.incomes.map((i) => ({ year: i.year, income: i.income })),
  };
}

/** The live 各来源合计 under the sources: exact fen sum of what parses, null if any part does not. */
export function sourcesSum(v: Partial<ProjectFormValues>): number | null {
  let sum = 0;
  for (const s of FUNDING_SOURCES) {
    const raw = v[s.key];
    if (!raw || !raw.trim()) continue;
    const r = parseWanToFen(raw);
    if (!r.ok) return null;
    sum += r.fen;
  }
  return sum;
}
