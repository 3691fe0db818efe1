/**
 * Counts the elements that make exceljs's memory grow (rows, cells, shared strings) in worksheet
 * and shared-strings XML fed in chunks of any size, holding only the few bytes of a tag split
 * between two chunks. A tag name ends at any XML whitespace, `>` or `/`, so `<row\n r="1">`
 * counts like `<row r="1">` or `<row>`; a namespace prefix (`x:row`) is ignored.
 *
 * Only tag openings are looked at, found by one regular expression (V8 runs it as native code, so
 * the scan costs the same on the first call as on the hundredth; a byte-by-byte tokenizer in
 * JavaScript took 0.3 s per 4 MB before the JIT had warmed up). No tag end needs to be parsed: a
 * `<` cannot occur inside an attribute value of well-formed XML, and a row holds data when a
 * value (`<v>`, `<is>`, `<f>`) follows its opening before the next row, so a self-closing row
 * (`<row r="9" s="2"/>`, only formatted) holds none. A `<row` inside a comment or CDATA also
 * counts: anything unusual can only make the counts larger, which refuses sooner.
 */

// A prefix may hold any bytes but XML whitespace (a UTF-8 letter's bytes too, seen as latin1).
const TAG = /<(\/?)(?:[^<>/ \t\n\r]*:)?(row|c|si|v|is|f)(?=[\s/>])/g;
/**
 * How much of an unfinished tag opening is carried into the next chunk: far more than `<`, a
 * prefix, a name and a delimiter take. An opening longer than this is no tag of a workbook.
 */
const CARRY = 4096;

export class TagCounter {
  /** Rows holding a value (`<v>`, `<is>` or `<f>`) in the current part. */
  dataRows = 0;
  /** Rows of any kind in the current part, also empty or only formatted ones. */
  allRows = 0;
  cells = 0;
  strings = 0;

  private carry = '';
  private inRow = false;
  private rowHasData = false;

  feed(chunk: Buffer): void {
    // Text without markup (a shared string of megabytes) costs one native search, not a decode.
    if (!this.carry && chunk.indexOf(0x3c) < 0) return;
    // latin1 maps each byte to one character: markup is ASCII, and text bytes are only skipped.
    const text = this.carry + chunk.toString('latin1');
    let lastStart = -1;
    TAG.lastIndex = 0;
    for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
      lastStart = m.index;
      this.tag(m[1] === '/', m[2]!);
    }
    // A tag opening cut off at the end is seen whole with the next chunk.
    const lt = text.lastIndexOf('<');
    this.carry = lt > lastStart && lt >= text.length - CARRY ? text.slice(lt) : '';
  }

  /** Between parts: rows are counted per worksheet, cells and strings for the whole file. */
  endPart(): void {
    this.carry = '';
    this.inRow = this.rowHasData = false;
    this.dataRows = this.allRows = 0;
  }

  private tag(closing: boolean, name: string): void {
    if (name === 'row') {
      this.inRow = !closing;
      if (!closing) {
        this.allRows++;
        this.rowHasData = false;
      }
    } else if (closing) {
      return;
    } else if (name === 'c') {
      this.cells++;
    } else if (name === 'si') {
      this.strings++;
    } else if (this.inRow && !this.rowHasData) {
      this.rowHasData = true;
      this.dataRows++;
    }
  }
}
