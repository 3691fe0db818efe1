/**
 * JSON.parse for files that come from outside (packages, receipts, headers, key files), refused
 * before parsing when they nest deeper than any file the app writes. V8 parses deep nesting
 * without complaint but slowly: 8 MB of `[` took some 4 s of the main process to parse before
 * the schema refused it, with the window frozen meanwhile. The scan is one pass over the text
 * (milliseconds for 8 MB); strings are skipped, escapes included, so brackets inside them do
 * not count. Throws a SyntaxError, as JSON.parse does for text that is not JSON.
 */
export function parseShallowJson(text: string, maxDepth = MAX_DEPTH): unknown {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > maxDepth) throw new SyntaxError(`JSON nested deeper than ${maxDepth}`);
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth--;
  }
  return JSON.parse(text);
}

/** Files the app writes nest 5 deep at most (a receipt's rows: body → rows → table → row → value). */
export const MAX_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
