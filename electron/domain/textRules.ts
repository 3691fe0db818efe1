/**
 * What a typed text may hold, shared by the API's field schemas, the sync column declarations
 * (db/columns.ts) and the renderer, so a value is refused for the same reason wherever it arrives.
 */

// C0 and C1 controls (except tab/newline), DEL, zero-width characters, line/paragraph separators
// and bidi marks and overrides: invisible in a list, and the bidi ones can make a name read
// differently from what is stored. The zero-width joiner is allowed only inside an emoji sequence
// (👨‍👩‍👧), where it is part of the picture the clerk typed.
const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u180E\u200B\u200C\u200E\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
const STRAY_JOINER = /(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/u;
/** Lone UTF-16 surrogates cannot be stored as text (SQLite would keep a replacement character). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NAME_CHARS = /^[\p{Script=Han}A-Za-z·・ \u3000]+$/u;

export const PERSON_NAME_MAX = 30;

/** Length as the clerk counts characters (an emoji is one, like a Han character); stops early. */
export function withinChars(s: string, max: number): boolean {
  if (s.length <= max) return true;
  if (s.length > 2 * max) return false;
  let n = 0;
  for (const _ of s) if (++n > max) return false;
  return true;
}

export function hasHiddenChars(s: string): boolean {
  return HIDDEN.test(s) || STRAY_JOINER.test(s);
}

export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

/** Han characters, letters, the middle dot of minority names; no digits or emoji. */
export function isPersonNameChars(s: string): boolean {
  return NAME_CHARS.test(s);
}
