import { describe, expect, it } from 'vitest';
import { checkChar, checkIdNumber, maskIdNumber, normalizeIdNumber } from '../../electron/domain/idNumber';
import { fenToWan, fenToWanShown, parseWanToFen } from '../../electron/domain/money';
import { isMobile, maskMobile, normalizeMobile } from '../../electron/domain/phone';
import { isDistrictCode, isTownshipCode, isVillageCode, villageFromOfficial } from '../../electron/domain/divisionCodes';
import { idNumber, Rng } from '../../electron/seed/random';

// GB 11643-1999's own worked example: 11010519491231002X.
const SAMPLE = '11010519491231002X';

describe('resident ID numbers', () => {
  it('computes the GB 11643 check character', () => {
    expect(checkChar(SAMPLE.slice(0, 17))).toBe('X');
    expect(checkChar('44052419800101001')).toBe('3');
  });

  it('accepts a valid number and derives birth date and gender', () => {
    expect(checkIdNumber(SAMPLE)).toEqual({ ok: true, value: SAMPLE, birthDate: '1949-12-31', gender: '女' });
    expect(checkIdNumber('440524198001010013')).toMatchObject({ ok: true, birthDate: '1980-01-01', gender: '男' });
  });

  it('normalizes what clerks paste: lowercase x, full-width digits, spaces', () => {
    expect(normalizeIdNumber(' 110105 19491231 002x ')).toBe(SAMPLE);
    expect(checkIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toMatchObject({ ok: true, value: SAMPLE });
    expect(checkIdNumber('11010519491231002x')).toMatchObject({ ok: true, value: SAMPLE });
  });

  it('refuses a wrong check digit, 15 digits, bad dates, bad provinces and future births with a reason', () => {
    const bad = (v: string) => {
      const r = checkIdNumber(v, '2026-11-25');
      return r.ok ? 'ok' : r.message;
    };
    expect(bad('110105194912310021')).toMatch(/校验位/);
    expect(bad('110105491231002')).toMatch(/15位/);
    expect(bad('1101051949123100')).toMatch(/18位/);
    expect(bad('11010519490231002X')).toMatch(/出生日期/);
    expect(bad('990105194912310020')).toMatch(/省级/);
    const future = '11010520270101001';
    expect(bad(future + checkChar(future))).toMatch(/出生日期/);
    expect(bad('11010519491231002Y')).toMatch(/前17位应为数字/);
  });

  it('generated numbers are always valid, with the requested gender', () => {
    const rng = new Rng('ids');
    for (let i = 0; i < 2000; i++) {
      const g = i % 2 ? '男' : '女';
      const r = checkIdNumber(idNumber(rng, '450311', 1960, 2000, g));
      expect(r).toMatchObject({ ok: true, gender: g });
    }
  });

  it('masks the middle of ID numbers and mobiles', () => {
    expect(maskIdNumber('450302199001011234')).toBe('450302********1234');
    expect(maskMobile('13812341234')).toBe('138****1234');
    expect(maskIdNumber(null)).toBe('');
  });
});

describe('mobile numbers', () => {
  it('normalizes +86, spaces, dashes and full-width digits', () => {
    expect(normalizeMobile('+86 138-1234-1234')).toBe('13812341234');
    expect(normalizeMobile('１３８１２３４１２３４')).toBe('13812341234');
    expect(isMobile('13812341234')).toBe(true);
    expect(isMobile('12812341234')).toBe(false);
    expect(isMobile('1381234123')).toBe(false);
  });
});

describe('money in 万元 stored as fen', () => {
  it('parses exactly, to the fen, without floating point', () => {
    expect(parseWanToFen('0.000001')).toEqual({ ok: true, fen: 1 });
    expect(parseWanToFen('12.5')).toEqual({ ok: true, fen: 12_500_000 });
    expect(parseWanToFen('1,234.567891')).toEqual({ ok: true, fen: 1_234_567_891 });
    expect(parseWanToFen('0.3')).toEqual({ ok: true, fen: 300_000 });
    expect(parseWanToFen('1.2345678')).toMatchObject({ ok: false, message: expect.stringMatching(/6位小数/) });
    expect(parseWanToFen('-1')).toMatchObject({ ok: false });
    expect(parseWanToFen('1e3')).toMatchObject({ ok: false });
    expect(parseWanToFen('1234567890')).toMatchObject({ ok: false, message: '金额过大' });
    // A comma groups thousands only: a decimal comma is refused, not read as a bigger amount.
    for (const t of ['12,5', '12，5', '1,23', '1234,567', ',123']) expect(parseWanToFen(t), t).toMatchObject({ ok: false, message: expect.stringMatching(/千位分隔/) });
    expect(parseWanToFen('1，234．5')).toEqual({ ok: true, fen: 1_234_500_000 });
    expect(parseWanToFen('１２.５')).toEqual({ ok: true, fen: 12_500_000 });
    expect(parseWanToFen('12,345,678')).toEqual({ ok: true, fen: 12_345_678_000_000 });
  });

  it('round-trips random amounts and sums exactly', () => {
    const rng = new Rng('money');
    for (let i = 0; i < 10_000; i++) {
      const fen = rng.int(0, 999_999_999) * rng.int(1, 1000);
      const s = fenToWan(fen);
      expect(parseWanToFen(s)).toEqual({ ok: true, fen });
    }
    expect(fenToWan(123_456_789_000_000, { grouped: true })).toBe('123,456,789');
    expect(fenToWan(1_500_000)).toBe('1.5');
  });

  it('shows 万元 to two decimals, rounded half up from the exact fen', () => {
    expect(fenToWanShown(8_015_634_438)).toBe('8,015.63');
    expect(fenToWanShown(12_345_678)).toBe('12.35');
    expect(fenToWanShown(12_344_999)).toBe('12.34');
    expect(fenToWanShown(0)).toBe('0.00');
    expect(fenToWanShown(5_000)).toBe('0.01');
    expect(fenToWanShown(4_999)).toBe('0.00');
    expect(fenToWanShown(-1_500_000)).toBe('-1.50');
    expect(fenToWanShown(999_999_999_990_000)).toBe('999,999,999.99');
    expect(fenToWanShown(999_999_999_999_999)).toBe('1,000,000,000.00');
  });
});

describe('division codes', () => {
  it('tells county, township and village codes apart', () => {
    expect(isDistrictCode('450311')).toBe(true);
    expect(isTownshipCode('450311100')).toBe(true);
    expect(isVillageCode('450311100200')).toBe(true);
    expect(isTownshipCode('45031110')).toBe(false);
    expect(isDistrictCode('450300')).toBe(false);
  });

  it('turns official committee names into register names and kinds', () => {
    expect(villageFromOfficial('东立村委会')).toEqual({ name: '东立村', kind: '行政村' });
    expect(villageFromOfficial('良丰农场社区居委会')).toEqual({ name: '良丰农场社区', kind: '农场社区' });
    expect(villageFromOfficial('桂林理工大学社区')).toEqual({ name: '桂林理工大学社区', kind: '社区' });
    expect(villageFromOfficial('城东居委会')).toEqual({ name: '城东社区', kind: '社区' });
  });
});
