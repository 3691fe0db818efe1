import { refuse, type AnyHeader } from './format';

/**
 * Numbers a township's own chain could have produced. Every change and every export takes one
 * change number, so a genuine installation stays far below 2^40 (a change a second for 30,000
 * years); anything at or above it, or out of order, is an attempt to switch a check off.
 * FORMAT.md ("Applying") states the same bounds.
 */
export const SEQ_LIMIT = 2 ** 40;

export const inBounds = (n: number) => Number.isSafeInteger(n) && n >= 1 && n < SEQ_LIMIT;

export function checkHeaderBounds(h: AnyHeader): void {
  const bad = (why: string) => refuse('out_of_range', `${h.township.name}的第 ${h.bundleSeq} 号同步文件${why}，超出乡镇自身记录可能产生的范围，已拒绝导入`);
  if (!inBounds(h.bundleSeq)) throw bad('编号过大');
  if (h.seqTo >= SEQ_LIMIT || h.seqFrom > h.seqTo) throw bad('的变更序号范围无效');
  if (h.bundleSeq > h.seqTo) throw bad('的编号大于其变更序号');
  if (h.full && h.seqFrom !== 0) throw bad('是完整导出，但变更序号不从 0 开始');
}
