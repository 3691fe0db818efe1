import { describe, expect, it } from 'vitest';
import { daysAgoText } from '../../electron/domain/dates';
import { defaultUnitName } from '../../electron/domain/divisionCodes';
import { destinationPathText, destinationText } from '../../electron/domain/floating';
import { citiesOf, countiesOf, provinces } from '../../db/divisions';

describe('display helpers', () => {
  it('says 今天 and 昨天, never 0 天前', () => {
    expect([0, 1, 2, 30].map(daysAgoText)).toEqual(['今天', '昨天', '2 天前', '30 天前']);
  });

  it('shows a municipality as itself, not with the official list’s placeholder city', () => {
    // The placeholders come from the bundled official list, not from this test.
    const beijing = provinces().find((p) => p.name === '北京市')!;
    const placeholder = citiesOf(beijing.code)[0]!;
    expect(placeholder.name).toBe('市辖区');
    const county = countiesOf(placeholder.code)[0]!;
    expect(destinationPathText([beijing.name, placeholder.name])).toBe('北京市');
    expect(destinationPathText([beijing.name, placeholder.name, county.name])).toBe(`北京市 / ${county.name}`);
    expect(destinationText(beijing.name, placeholder.name, null)).toBe('北京市');
    expect(destinationPathText(['广东省', '深圳市', '宝安区'])).toBe('广东省 / 深圳市 / 宝安区');
  });

  it('proposes 雁山区委组织部 for a district and the division name for a township', () => {
    expect(defaultUnitName('district', '雁山区')).toBe('雁山区委组织部');
    expect(defaultUnitName('district', '龙胜各族自治县')).toBe('龙胜各族自治县委组织部');
    expect(defaultUnitName('district', '雁山区委组织部')).toBe('雁山区委组织部');
    expect(defaultUnitName('township', '雁山镇')).toBe('雁山镇');
  });
});
