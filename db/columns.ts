import { isCalendarDate } from '../electron/domain/dates';
import { checkIdNumber } from '../electron/domain/idNumber';
import { ETHNICITIES, GENDERS } from '../electron/domain/person';
import { isMobile } from '../electron/domain/phone';
import { hasHiddenChars, hasLoneSurrogate, isPersonNameChars, PERSON_NAME_MAX, withinChars } from '../electron/domain/textRules';

/**
 * One declaration per synced column: its SQL type, whether it may be empty, and the rule the forms
 * and the API apply to it, with the Chinese label a clerk knows it by. The table registrations
 * (defineSyncTable) are built from these, and from them follow the typed rows services read, the
 * check every row of a sync bundle passes, the schema test and the FORMAT.md appendix.
 * The rules themselves come from electron/domain (pure, shared with the renderer and the API), so
 * a value is refused for the same reason wherever it arrives.
 */

export type SqlType = 'TEXT' | 'INTEGER';
export type ColumnKind = 'text' | 'name' | 'id_number' | 'date' | 'enum' | 'int' | 'flag' | 'fen' | 'ref' | 'mobile' | 'code';

export interface Column<T extends string | number | null = string | number | null> {
  readonly sql: SqlType;
  readonly nullable: boolean;
  readonly label: string;
  readonly kind: ColumnKind;
  /** Text: the most characters (as a clerk counts them). */
  readonly maxChars?: number;
  /** Integers: the range, inclusive. */
  readonly min?: number;
  readonly max?: number;
  readonly unit?: string;
  readonly values?: readonly string[];
  /** Digits of a code column (division codes). */
  readonly digits?: number;
  /** The table whose id this column holds (a foreign key). */
  readonly references?: string;
  /** Why a non-empty value of the right SQL type breaks the rule (after the label), or null. */
  rule(v: string | number): string | null;
  /** Type-only: the value a row holds. */
  readonly _value?: T;
}

export type Columns = Record<string, Column>;
export type ValueOf<C> = C extends Column<infer T> ? T : never;
export type ValuesOf<S extends Columns> = { [K in keyof S & string]: ValueOf<S[K]> };

function textRule(maxChars: number, extra?: (s: string) => string | null) {
  return (v: string | number): string | null => {
    const s = String(v);
    if (!withinChars(s, maxChars)) return `不能超过${maxChars}个字`;
    if (hasHiddenChars(s)) return '含有不可见的控制字符';
    if (hasLoneSurrogate(s)) return '含有无法识别的字符';
    if (s.trim() === '') return '不能为空白';
    return extra ? extra(s) : null;
  };
}

const col = <T extends string | number>(c: Omit<Column<T>, 'nullable'>): Column<T> => Object.freeze({ ...c, nullable: false });

/** A column that may be NULL (the form leaves it empty). */
export function optional<T extends string | number>(c: Column<T>): Column<T | null> {
  return Object.freeze({ ...c, nullable: true }) as Column<T | null>;
}

export const text = (label: string, maxChars: number): Column<string> => col({ sql: 'TEXT', kind: 'text', label, maxChars, rule: textRule(maxChars) });

export const personName = (label: string): Column<string> =>
  col({
    sql: 'TEXT',
    kind: 'name',
    label,
    maxChars: PERSON_NAME_MAX,
    rule: textRule(PERSON_NAME_MAX, (s) => (isPersonNameChars(s) ? null : '只能包含汉字、字母和间隔号“·”')),
  });

/** Stored normalized (18 characters, uppercase X), with a valid GB 11643 check character. */
export const idNumber = (label = '身份证号'): Column<string> =>
  col({
    sql: 'TEXT',
    kind: 'id_number',
    label,
    rule: (v) => {
      const r = checkIdNumber(String(v));
      if (!r.ok) return `无效：${r.message}`;
      return r.value === v ? null : '应为18位规范写法（半角数字，末位大写X）';
    },
  });

/** YYYY-MM-DD, a real calendar day between 1900 and 2100. */
export const date = (label: string): Column<string> =>
  col({ sql: 'TEXT', kind: 'date', label, rule: (v) => (isCalendarDate(String(v)) ? null : '应为有效日期（年-月-日）') });

export const oneOf = (label: string, values: readonly string[]): Column<string> => {
  const allowed = new Set(values);
  return col({ sql: 'TEXT', kind: 'enum', label, values, rule: (v) => (allowed.has(String(v)) ? null : `应为以下之一：${values.join('、')}`) });
};

export const mobile = (label: string): Column<string> =>
  col({ sql: 'TEXT', kind: 'mobile', label, rule: (v) => (isMobile(String(v)) ? null : '应为11位手机号码') });

/** A statistical division code of a fixed number of digits. */
export const code = (label: string, digits: number): Column<string> => {
  const re = new RegExp(`^\\d{${digits}}$`);
  return col({ sql: 'TEXT', kind: 'code', label, digits, rule: (v) => (re.test(String(v)) ? null : `应为${digits}位数字`) });
};

/** The id of a row of `table`; that the row exists is the foreign key's job when the row is written. */
export const ref = (label: string, table: string): Column<string> =>
  col({ sql: 'TEXT', kind: 'ref', label, references: table, rule: textRule(64) });

function intRule(min: number, max: number) {
  return (v: string | number): string | null => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) return '应为整数';
    if (v < min) return `不能小于${min}`;
    if (v > max) return `不能大于${max}`;
    return null;
  };
}

export const int = (label: string, min: number, max: number, unit?: string): Column<number> =>
  col({ sql: 'INTEGER', kind: 'int', label, min, max, ...(unit ? { unit } : {}), rule: intRule(min, max) });

/** 是/否 kept as 1/0. */
export const flag = (label: string): Column<number> =>
  col({ sql: 'INTEGER', kind: 'flag', label, min: 0, max: 1, rule: (v) => (v === 0 || v === 1 ? null : '应为 0（否）或 1（是）') });

/** Money in integer fen (分), never negative. */
export const fen = (label: string): Column<number> =>
  col({ sql: 'INTEGER', kind: 'fen', label, min: 0, max: Number.MAX_SAFE_INTEGER, unit: '分', rule: intRule(0, Number.MAX_SAFE_INTEGER) });

/**
 * Why one value breaks its column's declaration, as "“名称”（name）不能超过50个字", or null.
 * The SQL type is checked here too, so a caller needs nothing else.
 */
export function checkValue(name: string, c: Column, v: unknown): string | null {
  const what = `“${c.label}”（${name}）`;
  if (v === null || v === undefined) return c.nullable ? null : `${what}不能为空`;
  if (c.sql === 'INTEGER' ? typeof v !== 'number' || !Number.isSafeInteger(v) : typeof v !== 'string') {
    return `${what}应为${c.sql === 'INTEGER' ? '整数' : '文字'}`;
  }
  const why = c.rule(v as string | number);
  return why === null ? null : what + why;
}

/** The person columns both rosters (cadres, floating members) begin with, in schema order. */
export const personColumns = () => ({
  name: personName('姓名'),
  id_number: idNumber(),
  // Both follow from the ID number (the service derives them).
  birth_date: date('出生日期'),
  gender: oneOf('性别', GENDERS),
  ethnicity: optional(oneOf('民族', ETHNICITIES)),
});

/**
 * A rule across columns of one row that the forms also keep. `text` describes it in the
 * FORMAT.md appendix; `check` gets a row whose every column already keeps its own rule.
 */
export interface RowCheck {
  readonly text: string;
  check(row: Record<string, unknown>, fields: Columns): string | null;
}

/** `later` is not before `earlier` when both are set. */
export const notBefore = (later: string, earlier: string): RowCheck => ({
  text: `\`${later}\` is not before \`${earlier}\` (when both are set)`,
  check(row, fields) {
    const a = row[later];
    const b = row[earlier];
    if (typeof a !== 'string' || typeof b !== 'string' || a >= b) return null;
    return `“${fields[later]!.label}”（${later}）不能早于“${fields[earlier]!.label}”（${earlier}）`;
  },
});

/** Birth date and sex are derived from the ID number by the forms, so they must agree with it. */
export const agreesWithIdNumber: RowCheck = {
  text: '`birth_date` and `gender` are those encoded in `id_number` (digits 7–14; digit 17 odd: 男, even: 女)',
  check(row) {
    const id = checkIdNumber(String(row.id_number));
    if (!id.ok) return null;
    if (row.birth_date !== id.birthDate) return '“出生日期”（birth_date）与身份证号中的出生日期不一致';
    if (row.gender !== id.gender) return '“性别”（gender）与身份证号不一致';
    return null;
  },
};
