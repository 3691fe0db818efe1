import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, parseShallowJson } from '../../electron/sync/shallowJson';

describe('parseShallowJson', () => {
  it('parses what JSON.parse parses, brackets and escaped quotes inside strings included', () => {
    const text = JSON.stringify({ a: ['[[[{{{', 'say \\"]]]\\"', { b: [1, 2, { c: '}}}' }] }], d: null, e: '\\' });
    expect(parseShallowJson(text)).toEqual(JSON.parse(text));
    expect(parseShallowJson('"[[[["')).toBe('[[[[');
  });

  it('takes nesting up to the limit and refuses one level more, which JSON.parse would take', () => {
    const nest = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(parseShallowJson(nest(MAX_DEPTH))).toBeInstanceOf(Array);
    expect(() => JSON.parse(nest(MAX_DEPTH + 1))).not.toThrow();
    expect(() => parseShallowJson(nest(MAX_DEPTH + 1))).toThrow(SyntaxError);
    expect(() => parseShallowJson('{"a":'.repeat(MAX_DEPTH + 1) + '1' + '}'.repeat(MAX_DEPTH + 1))).toThrow(SyntaxError);
    // Depth counts open brackets still open: many shallow ones in a row are fine.
    expect((parseShallowJson(`[${Array(10_000).fill('[[1]]').join(',')}]`) as unknown[]).length).toBe(10_000);
  });

  it('still refuses text that is not JSON', () => {
    expect(() => parseShallowJson('{"a":')).toThrow(SyntaxError);
    expect(() => parseShallowJson('"unterminated')).toThrow(SyntaxError);
  });
});
