import { z } from 'zod';
import { isMobile, normalizeMobile, normalizePhone } from '../domain/phone';
import { parseWanToFen } from '../domain/money';
import { checkIdNumber } from '../domain/idNumber';
import { halfWidth } from '../domain/text';
import { isCalendarDate } from '../domain/dates';
import { hasHiddenChars, hasLoneSurrogate, isPersonNameChars, PERSON_NAME_MAX, withinChars } from '../domain/textRules';

/**
 * Field schemas that carry their Chinese label into every message, so a bad payload, from a
 * form or a script, is answered with "名称不能超过50个字" rather than a type name.
 */

const typeError = (label: string, what: string) => (iss: { input?: unknown }) =>
  iss.input === undefined || iss.input === null ? `请填写${label}` : `${label}应为${what}`;

export const text = (label: string, max: number) =>
  z
    .string({ error: typeError(label, '文字') })
    .trim()
    .refine((s) => withinChars(s, max), `${label}不能超过${max}个字`)
    .refine((s) => !hasHiddenChars(s), `${label}含有不可见的控制字符，请重新输入`)
    .refine((s) => !hasLoneSurrogate(s), `${label}含有无法识别的字符，请重新输入`);

export const requiredText = (label: string, max: number) => text(label, max).min(1, `请填写${label}`);

/** Empty or missing becomes null. */
export const optionalText = (label: string, max: number) =>
  text(label, max)
    .nullish()
    .transform((s) => (s ? s : null));

/**
 * A list's search box: digits and letters typed full-width (an input method's ４５０３, ＬＩ) are
 * searched as the half-width ones the registers store (codes, ID numbers and phones are kept
 * half-width); full-width punctuation such as （） stays, as names keep it.
 */
export const search = () =>
  optionalText('搜索内容', 50).transform((s) => s && s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, halfWidth));

const nameChars = (label: string) =>
  text(label, PERSON_NAME_MAX).refine((s) => s === '' || isPersonNameChars(s), `${label}只能包含汉字、字母和间隔号“·”`);

/** A person's name: Han characters, letters, the middle dot of minority names. No digits or emoji. */
export const personName = (label: string) => nameChars(label).refine((s) => s.length > 0, `请填写${label}`);

export const optionalPersonName = (label: string) =>
  nameChars(label)
    .nullish()
    .transform((s) => (s ? s : null));

export const mobile = (label: string) =>
  z
    .string({ error: typeError(label, '文字') })
    .nullish()
    .transform((s) => (s ? normalizeMobile(s) : null))
    .refine((s) => s === null || isMobile(s), `${label}应为11位手机号码`);

/** A mobile or a landline with area code, for phones a village or unit answers. */
export const phone = (label: string) =>
  z
    .string({ error: typeError(label, '文字') })
    .nullish()
    .transform((s) => (s ? (normalizePhone(s) ?? s) : null))
    .refine((s) => s === null || normalizePhone(s) === s, `${label}应为11位手机号码或带区号的固定电话（如 0773-3581234）`);

export const oneOf = <T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.enum(values, { error: () => `${label}应为以下之一：${values.join('、')}` });

export const flag = (label: string) => z.boolean({ error: () => `${label}应为“是”或“否”` }).default(false);

export const int = (label: string, min: number, max: number) =>
  z
    .number({ error: typeError(label, '数字') })
    .int(`${label}应为整数`)
    .min(min, `${label}不能小于${min}`)
    .max(max, `${label}不能大于${max}`);

export const id = (label = '记录编号') =>
  z.string({ error: typeError(label, '文字') }).regex(/^[0-9a-f-]{36}$/, `${label}格式不正确`);

export const version = () => int('版本号', 1, Number.MAX_SAFE_INTEGER);

/** 万元 as typed (string, up to 6 decimals) to integer fen; empty becomes null. */
export const wanToFen = (label: string) =>
  z
    .union([z.string(), z.number()], { error: typeError(label, '数字') })
    .nullish()
    .transform((v, ctx) => {
      if (v === null || v === undefined || v === '') return null;
      const r = parseWanToFen(String(v));
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: `${label}：${r.message}` });
        return z.NEVER;
      }
      return r.fen;
    });

export const page = () => int('页码', 1, 1_000_000).default(1);
export const pageSize = () => int('每页条数', 1, 500).default(20);

/** A resident ID number: normalized (full-width, spaces, lowercase x) and checked per GB 11643. */
export const idNumber = (label = '身份证号') =>
  z.string({ error: typeError(label, '文字') }).transform((raw, ctx) => {
    const r = checkIdNumber(raw);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message });
      return z.NEVER;
    }
    return r.value;
  });

/** YYYY-MM-DD, a real calendar date between 1900 and 2100. */
export const isoDate = (label: string) =>
  z
    .string({ error: typeError(label, '日期') })
    .trim()
    .refine((s) => isCalendarDate(s), `${label}应为有效日期（年-月-日）`);

export const optionalIsoDate = (label: string) =>
  isoDate(label)
    .or(z.literal(''))
    .nullish()
    .transform((s) => (s ? s : null));

/** A spreadsheet sent for import; the size bound keeps a stray huge file from reaching the parser. */
export const upload = (label = '文件', maxBytes = 40 * 1024 * 1024) =>
  z.strictObject({
    fileName: text('文件名', 200),
    base64: z
      .string({ error: typeError(label, '文件内容') })
      .max(Math.ceil((maxBytes * 4) / 3) + 4, `${label}过大（不超过${Math.round(maxBytes / 1024 / 1024)}MB）`)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, `${label}内容已损坏`),
  });

/** District mode's township filter on lists: a 9-digit township code, or nothing for all. */
export const township = () =>
  z
    .string({ error: () => '乡镇代码应为文字' })
    .regex(/^\d{9}$/, '乡镇代码应为9位数字')
    .nullish()
    .transform((s) => s ?? null);
