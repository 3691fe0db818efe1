import type { ReportColumn } from '../../../../electron/domain/reportColumns';

/**
 * A district's sections have up to 30 figures per township: more than an A4 landscape page (about
 * 1,040 px at 96 dpi) can hold. Rather than drop or shrink columns, a section is cut into parts
 * that each fit, every part repeating the township column, and a group of columns (选派, 期末在岗…)
 * is only cut where it alone is wider than a part (its heading then says 续).
 */

/** Width of the township column that every part repeats. */
export const SCOPE_WIDTH = 128;
/** What one part may take in all, township column included: A4 landscape less margins, with room to spare. */
export const PART_WIDTH = 1000;

/** A figure's width: short headings on one line, longer ones wrap (figures themselves never do). */
export const columnWidth = (c: ReportColumn): number => (c.money ? 96 : Math.min(100, Math.max(64, c.label.length * 14 + 22)));

export interface PartColumn {
  column: ReportColumn;
  /** The group heading to show over it in this part ("选派" or "选派（续）"). */
  group?: string;
  width: number;
}

/** Consecutive columns of one group (or a single ungrouped column). */
function runs(columns: readonly ReportColumn[]): ReportColumn[][] {
  const out: ReportColumn[][] = [];
  for (const c of columns) {
    const last = out.at(-1);
    if (c.group && last?.[0]?.group === c.group) last.push(c);
    else out.push([c]);
  }
  return out;
}

export function splitColumns(columns: readonly ReportColumn[], budget = PART_WIDTH - SCOPE_WIDTH): PartColumn[][] {
  const parts: PartColumn[][] = [[]];
  let used = 0;
  const room = () => budget - used;
  const newPart = () => {
    parts.push([]);
    used = 0;
  };
  for (const run of runs(columns)) {
    const runWidth = run.reduce((a, c) => a + columnWidth(c), 0);
    // A group that would fit on a part of its own is never cut: it starts the next part instead.
    if (runWidth > room() && runWidth <= budget && used > 0) newPart();
    let placed = 0;
    let continued = false;
    for (const c of run) {
      const w = columnWidth(c);
      if (w > room() && used > 0) {
        newPart();
        continued = placed > 0;
      }
      parts.at(-1)!.push({ column: c, width: w, group: c.group && (continued ? `${c.group}（续）` : c.group) });
      used += w;
      placed++;
    }
  }
  return parts.filter((p) => p.length > 0);
}
