import { normalizeIdNumber } from '../domain/idNumber';
import { normalizeMobile } from '../domain/phone';
import { digitsText, halfWidth, type Parsed, type RawCell } from './read';

/** Cell readers shared by the register import specs (services/*ImportSpec.ts). */

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

/** Trimmed half-width text, or null when blank. */
export const text = (c: RawCell) => ok(halfWidth(c.text).trim() || null);

export const ID_NUMBER_HEADERS = ['身份证号', '身份证号码', '公民身份号码', '身份证'];

/** An ID number kept as text (never an Excel number), normalized; with `need`, blank is refused. */
export const idNumberCell =
  (need: boolean) =>
  (c: RawCell): Parsed<string> => {
    const d = digitsText(c, '身份证号');
    if (!d.ok) return d;
    if (need && !d.value) return { ok: false, message: '请填写身份证号' };
    return ok(normalizeIdNumber(d.value));
  };

/** 汉 → 汉族; 其他 and names already ending in 族 as written. */
export const ethnicityCell = (c: RawCell) => ok(c.text ? (c.text.endsWith('族') || c.text === '其他' ? c.text : `${c.text}族`) : null);

/** A mobile number kept as text, normalized, or null when blank. */
export const mobileCell =
  (label: string) =>
  (c: RawCell): Parsed<string | null> => {
    const d = digitsText(c, label);
    return d.ok ? ok(d.value ? normalizeMobile(d.value) : null) : d;
  };
