import dayjs from 'dayjs';

/** Years a clerk picks from: next year back to 2015 (the start of targeted poverty alleviation). */
export function yearOptions(): { value: number; label: string }[] {
  const now = dayjs().year();
  const out: { value: number; label: string }[] = [];
  for (let y = now + 1; y >= 2015; y--) out.push({ value: y, label: `${y}年` });
  return out;
}
