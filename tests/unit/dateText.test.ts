import { describe, expect, it } from 'vitest';
import { parseDateText } from '../../electron/domain/dates';
import { parseDate } from '../../electron/xlsx/read';

/** Every spelling a clerk types for 2026-03-05; the forms and the spreadsheet reader share them. */
const DAY_SPELLINGS = [
  '2026-03-05',
  '2026-3-5',
  '2026/3/5',
  '2026/03/05',
  '2026.3.5',
  '2026.03.05',
  '20260305',
  '2026年3月5日',
  '2026年03月05日',
  '2026年3月5',
  ' 2026-3-5 ',
  '２０２６．３．５',
  '２０２６年３月５日',
];

const MONTH_SPELLINGS = ['2026.03', '2026.3', '2026-3', '2026/03', '2026年3月', '2026年03月', '202603'];

const REFUSED: [string, RegExp][] = [
  ['2026-02-31', /不是有效日期/],
  ['2026-13-01', /不是有效日期/],
  ['2026.2.30', /不是有效日期/],
  ['20260230', /不是有效日期/],
  ['2026年2月29日', /不是有效日期/],
  ['1850-01-01', /不是有效日期/],
  ['2026-03-05x', /不是可识别的日期/],
  ['3/5/2026', /不是可识别的日期/],
  ['26.3.5', /不是可识别的日期/],
  ['明天', /不是可识别的日期/],
  ['2026-3-5-1', /不是可识别的日期/],
];

describe('parseDateText, the one date parser', () => {
  it.each(DAY_SPELLINGS)('reads %j as 2026-03-05', (t) => {
    expect(parseDateText(t)).toEqual({ ok: true, value: '2026-03-05', monthOnly: false });
    expect(parseDate({ text: t })).toEqual({ ok: true, value: '2026-03-05' });
  });

  it('reads a leap day only in a leap year', () => {
    expect(parseDateText('2024.2.29')).toMatchObject({ ok: true, value: '2024-02-29' });
    expect(parseDateText('2026.2.29')).toMatchObject({ ok: false });
  });

  it.each(MONTH_SPELLINGS)('reads month-only %j as the first of the month where a month is allowed', (t) => {
    expect(parseDateText(t, { allowMonth: true })).toEqual({ ok: true, value: '2026-03-01', monthOnly: true });
    expect(parseDate({ text: t })).toEqual({ ok: true, value: '2026-03-01' });
  });

  it.each(MONTH_SPELLINGS)('refuses month-only %j in a day field instead of inventing the day', (t) => {
    const r = parseDateText(t);
    expect(r).toMatchObject({ ok: false });
    expect(r && !r.ok && r.message).toContain('缺少日');
  });

  it.each(REFUSED)('refuses %j with a Chinese message naming it', (t, msg) => {
    for (const r of [parseDateText(t), parseDate({ text: t })]) {
      expect(r).toMatchObject({ ok: false });
      const message = r && !r.ok ? r.message : '';
      expect(message).toMatch(msg);
      expect(message).toContain(t.trim());
    }
  });

  it('refuses number cells that cannot be read as the date typed: a bare year, and yyyy.1 (January or October)', () => {
    // 1998 typed in 入党时间 used to become serial day 1998, 1905-06-20.
    expect(parseDate({ text: '1998', number: 1998 })).toMatchObject({ ok: false, message: expect.stringContaining('只填了年份（1998）') });
    // 2023.10 typed into a number cell is stored as 2023.1 and used to become 2023-01-01.
    expect(parseDate({ text: '2023.1', number: 2023.1 })).toMatchObject({ ok: false, message: expect.stringContaining('分不清是1月还是10月') });
    // As text, both are read as written; other months stored as numbers are not ambiguous.
    expect(parseDate({ text: '2023.10' })).toEqual({ ok: true, value: '2023-10-01' });
    expect(parseDate({ text: '2023.1' })).toEqual({ ok: true, value: '2023-01-01' });
    expect(parseDate({ text: '2023.11', number: 2023.11 })).toEqual({ ok: true, value: '2023-11-01' });
    expect(parseDate({ text: '2023.05', number: 2023.05 })).toEqual({ ok: true, value: '2023-05-01' });
    // A real serial date still reads (45000 is 2023-03-15).
    expect(parseDate({ text: '45000', number: 45000 })).toEqual({ ok: true, value: '2023-03-15' });
  });

  it('treats blank text as no date, not as today', () => {
    expect(parseDateText('')).toBeNull();
    expect(parseDateText('  \u3000')).toBeNull();
    expect(parseDate({ text: '' })).toBeNull();
  });
});
