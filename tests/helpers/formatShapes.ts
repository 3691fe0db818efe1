/**
 * The strict JSON checks of the independent reader (formatReader.ts): every member named, every
 * value of its documented type. Like the reader, it imports nothing of the app.
 */

export class FormatError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export const fail = (code: string, message: string): never => {
  throw new FormatError(code, message);
};

// ---- small strict JSON checks ---------------------------------------------------------------

export type Json = Record<string, unknown>;
export type Check = (v: unknown, path: string) => void;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str =
  (re?: RegExp, max = Infinity, min = 0): Check =>
  (v, p) => {
    if (typeof v !== 'string' || v.length > max || v.length < min || (re && !re.test(v))) fail('bad_json', `${p} is not a valid string`);
  };
export const int =
  (min: number): Check =>
  (v, p) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) fail('bad_json', `${p} is not an integer >= ${min}`);
  };
export const literal =
  (want: unknown): Check =>
  (v, p) => {
    if (v !== want) fail('bad_json', `${p} must be ${JSON.stringify(want)}`);
  };
export const nullable =
  (c: Check): Check =>
  (v, p) => {
    if (v !== null) c(v, p);
  };
export const bool: Check = (v, p) => {
  if (typeof v !== 'boolean') fail('bad_json', `${p} is not a boolean`);
};
/** Exactly these members, each checked. */
export const exact =
  (shape: Record<string, Check>): Check =>
  (v, p) => {
    if (!isObject(v)) return fail('bad_json', `${p} is not an object`);
    const keys = Object.keys(v);
    const want = Object.keys(shape);
    if (keys.length !== want.length || !want.every((k) => Object.prototype.hasOwnProperty.call(v, k))) fail('bad_json', `${p} must have exactly the members ${want.join(', ')}`);
    for (const k of want) shape[k]!(v[k], `${p}.${k}`);
  };
/** Standard base64 with padding of exactly `len` bytes. */
/** FORMAT.md's base64: standard alphabet, padded, canonical (the last character's unused bits zero). */
export const b64 = (len: number): Check => {
  const chars = Math.ceil((len * 4) / 3);
  const shape = str(new RegExp(`^[A-Za-z0-9+/]{${chars}}={${(4 - (chars % 4)) % 4}}$`));
  return (v, p) => {
    shape(v, p);
    if (Buffer.from(v as string, 'base64').toString('base64') !== v) fail('bad_json', `${p} is not canonical base64`);
  };
};
export const hex64 = str(/^[0-9a-f]{64}$/);
export const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export function parseJson(text: string, code: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fail(code, `${what} is not JSON`);
  }
}

export function checked<T>(value: unknown, check: Check, code: string, what: string): T {
  try {
    check(value, what);
  } catch (e) {
    if (e instanceof FormatError) fail(code, e.message);
    throw e;
  }
  return value as T;
}
