import dayjs, { type Dayjs } from 'dayjs';
import type { Input, StarDetail } from '../../../../electron/api/contract';
import { STAR_LABELS } from '../../../../electron/domain/stars';

export const STAR_OPTIONS = STAR_LABELS.map((label, i) => ({ value: i + 1, label }));

export interface RectificationValues {
  item?: string | null;
  deadline?: Dayjs | null;
  responsible?: string | null;
  result?: string | null;
  doneDate?: Dayjs | null;
}

/** What the rating drawer's form holds; field names equal the contract's input keys. */
export interface StarFormValues {
  villageId?: string;
  year: number;
  score?: number | null;
  stars?: number;
  changeReason?: string | null;
  publicityStart?: Dayjs | null;
  publicityEnd?: Dayjs | null;
  note?: string | null;
  rectifications?: RectificationValues[];
}

// Ratings are made early in a year for the year before.
export const newRating = (): Partial<StarFormValues> => ({ year: dayjs().year() - 1, rectifications: [] });

const opt = (s: string | null | undefined): string | null => (s && s.trim() ? s : null);
const day = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
const toDay = (s: string | null): Dayjs | undefined => (s ? dayjs(s) : undefined);

export function toStarInput(v: StarFormValues): Input<'stars.create'> {
  return {
    villageId: v.villageId ?? '',
    year: Number(v.year),
    score: v.score ?? null,
    stars: Number(v.stars),
    changeReason: opt(v.changeReason),
    publicityStart: day(v.publicityStart),
    publicityEnd: day(v.publicityEnd),
    note: opt(v.note),
    rectifications: (v.rectifications ?? []).map((x) => ({
      item: x.item ?? '',
      deadline: day(x.deadline),
      responsible: opt(x.responsible),
      result: opt(x.result),
      doneDate: day(x.doneDate),
    })),
  };
}

export function fromStarDetail(d: StarDetail): Partial<StarFormValues> {
  return {
    villageId: d.villageId,
    year: d.year,
    score: d.score ?? undefined,
    stars: d.stars,
    changeReason: d.changeReason ?? undefined,
    publicityStart: toDay(d.publicityStart),
    publicityEnd: toDay(d.publicityEnd),
    note: d.note ?? undefined,
    rectifications: d.rectifications.map((x) => ({
      item: x.item,
      deadline: toDay(x.deadline),
      responsible: x.responsible ?? undefined,
      result: x.result ?? undefined,
      doneDate: toDay(x.doneDate),
    })),
  };
}
