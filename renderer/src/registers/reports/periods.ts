import dayjs, { type Dayjs } from 'dayjs';

/** A report period as the API takes it: inclusive ISO days. */
export interface Period {
  from: string;
  to: string;
}

export interface PeriodPreset extends Period {
  key: string;
  label: string;
}

const iso = (d: Dayjs) => d.format('YYYY-MM-DD');

function yearPresets(year: number): PeriodPreset[] {
  const start = dayjs(`${year}-01-01`);
  const halves = [
    { key: `${year}-H1`, label: `${year}年上半年`, from: iso(start), to: `${year}-06-30` },
    { key: `${year}-H2`, label: `${year}年下半年`, from: `${year}-07-01`, to: `${year}-12-31` },
  ];
  const quarters = [1, 2, 3, 4].map((q) => {
    const first = start.add((q - 1) * 3, 'month');
    return { key: `${year}-Q${q}`, label: `${year}年第${'一二三四'[q - 1]}季度`, from: iso(first), to: iso(first.add(3, 'month').subtract(1, 'day')) };
  });
  return [...halves, ...quarters];
}

/** Half-years and quarters of this year and last year: the periods the district's reports use. */
export function periodPresets(today = dayjs()): PeriodPreset[] {
  return [...yearPresets(today.year()), ...yearPresets(today.year() - 1)];
}

/** The half-year containing today: what a clerk opening the page usually reports on. */
export function currentHalf(today = dayjs()): PeriodPreset {
  return periodPresets(today)[today.month() < 6 ? 0 : 1]!;
}

export const presetOf = (p: Period, today = dayjs()) => periodPresets(today).find((x) => x.from === p.from && x.to === p.to);
