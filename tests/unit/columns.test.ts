import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as c from '../../db/columns';
import * as f from '../../electron/api/fields';
import { UNIT_LEVELS } from '../../electron/domain/cadres';
import { checkChar } from '../../electron/domain/idNumber';

/**
 * A column declaration refuses exactly what the API's field schema refuses for a stored value
 * (already trimmed and normalized, as the forms store it): both are built on electron/domain.
 */

const validId = (first17: string) => first17 + checkChar(first17);

function agree(column: c.Column, schema: z.ZodType, samples: unknown[]): void {
  for (const v of samples) {
    const api = schema.safeParse(v).success;
    const declared = c.checkValue('x', column, v) === null;
    expect(declared, `${JSON.stringify(v)?.slice(0, 40)}: API ${api ? 'accepts' : 'refuses'}`).toBe(api);
  }
}

describe('column declarations and the API field rules', () => {
  it('text: length as characters, hidden and bidi characters, lone surrogates, blank', () => {
    agree(c.text('名称', 50), f.requiredText('名称', 50), [
      '东立村', '村'.repeat(50), '村'.repeat(51), '😀'.repeat(50), '😀'.repeat(51), '东\u202E村', '王\u2067小明', 'a\u200Bb', 'a\u0000b', 'a\u200Db',
      '👨\u200D👩\u200D👧', 'tab\there', 'line\nbreak', '\uD800', '   ', '', 42, null,
    ]);
    agree(c.optional(c.text('备注', 500)), f.optionalText('备注', 500), ['备注', null, 'x'.repeat(501), '\u202E']);
  });

  it('person names, dates, ID numbers, code values, mobiles and integers', () => {
    agree(c.personName('姓名'), f.personName('姓名'), ['王小明', '阿依古丽·买买提', 'John Smith', '王2', '王😀', '', '王'.repeat(31)]);
    agree(c.date('日期'), f.isoDate('日期'), ['2026-02-28', '2026-02-31', '2024-02-29', '2025-02-29', '不是日期', '1899-12-31', '2101-01-01', '2026-1-5', 20260105]);
    agree(c.idNumber(), f.idNumber(), [validId('45031119900101123'), validId('45031119900101123').slice(0, 17) + (validId('45031119900101123')[17] === '1' ? '2' : '1'), '450311900101123', validId('99031119900101123'), validId('45031120990101123')]);
    agree(c.oneOf('派出单位层级', UNIT_LEVELS), f.oneOf('派出单位层级', UNIT_LEVELS), ['乡镇', '国家级', '', 1]);
    agree(c.optional(c.mobile('手机号码')), f.mobile('手机号码'), ['13812345678', '12812345678', '1381234567', null]);
    agree(c.int('年度', 1949, 2100), f.int('年度', 1949, 2100), [1949, 2100, 1948, 2101, 2025.5, '2025', null]);
  });

  it('refuses what only a stored value can get wrong: SQL type, flags, fen, unnormalized ID numbers', () => {
    expect(c.checkValue('key_village', c.flag('乡村振兴重点村'), 7)).toBe('“乡村振兴重点村”（key_village）应为 0（否）或 1（是）');
    expect(c.checkValue('key_village', c.flag('乡村振兴重点村'), true)).toBe('“乡村振兴重点村”（key_village）应为整数');
    expect(c.checkValue('total_fen', c.fen('总投资'), -1)).toBe('“总投资”（total_fen）不能小于0');
    expect(c.checkValue('total_fen', c.fen('总投资'), 2 ** 53)).toBe('“总投资”（total_fen）应为整数');
    expect(c.checkValue('name', c.text('名称', 50), null)).toBe('“名称”（name）不能为空');
    expect(c.checkValue('id_number', c.idNumber(), validId('11010519491231002').replace('X', 'x'))).toMatch(/规范写法|无效/);
    expect(c.checkValue('id_number', c.idNumber(), ` ${validId('11010519491231002')}`)).toMatch(/规范写法/);
  });
});
