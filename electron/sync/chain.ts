import type { Database } from 'better-sqlite3';
import { chainSince } from '../../db/syncPins';
import { wasImported } from '../../db/syncHistory';
import { refuse, type AnyHeader } from './format';

/**
 * Where a bundle sits in its installation's chain (since the chain last started afresh with a
 * truth bundle): a re-import, the next one, a gap, an older one, or a fork.
 *
 * Numbers only ever grow along a genuine chain: a higher bundle number has a change range
 * ending at least as high. A bundle that breaks this, reuses an imported number with other
 * content, or does not follow on from the bundle before it, is a fork; an ordinary bundle then
 * is refused, while a full bundle is taken as the township's truth for its scope (it is how a
 * township recovers from a restore). A full bundle older than the chain's last is merged by
 * version like any older bundle.
 */

export interface ChainPlace {
  duplicate: boolean;
  /** A full bundle taken as the township's truth for its scope. */
  truth: boolean;
  notes: string[];
}

/** `fresh`: the installation's pin takes a new key, so what was imported under the old one is no chain of this one. */
export function chainPlace(db: Database, h: AnyHeader, hash: string, fresh = false): ChainPlace {
  if (wasImported(db, hash)) {
    return { duplicate: true, truth: false, notes: ['该同步文件此前已导入过，本次未做任何更改'] };
  }
  const notes: string[] = [];
  const seen = fresh ? [] : chainSince(db, h.installationId);
  const same = seen.find((s) => s.bundle_seq === h.bundleSeq);
  const last = seen.at(-1);
  const before = seen.filter((s) => s.bundle_seq < h.bundleSeq);
  const after = seen.filter((s) => s.bundle_seq > h.bundleSeq);
  const prev = before.at(-1);
  const unordered = before.some((s) => s.seq_to > h.seqTo) || after.some((s) => s.seq_to < h.seqTo);
  const unlinked = prev?.bundle_seq === h.bundleSeq - 1 && h.prevHash !== prev.hash;
  const fork = !!same || unordered || unlinked;
  const who = `${h.township.name}的第 ${h.bundleSeq} 号同步文件`;
  if (!h.full) {
    if (same) throw refuse('fork', `${who}此前已导入过另一个不同的版本（分叉）。可能乡镇端从备份恢复过数据或用两台电脑导出。请联系乡镇确认正在使用的电脑，由其导出一份“完整导出”文件后再导入。`);
    if (unlinked) throw refuse('fork', `${who}与已导入的第 ${prev!.bundle_seq} 号不衔接（分叉）。请联系乡镇确认后，由其导出一份“完整导出”文件再导入。`);
    if (unordered) throw refuse('fork', `${who}的变更序号低于此前已导入的文件（分叉，可能乡镇端从备份恢复过数据）。请联系乡镇导出一份“完整导出”文件再导入。`);
  }
  const truth = h.full && (!last || fork || h.bundleSeq >= last.bundle_seq);
  if (truth && fork) notes.push(`${who}与此前导入的记录出现分叉；这是完整导出，确认导入后区县库中该乡镇范围内的数据将与该文件完全一致`);
  else if (truth) notes.push('这是完整导出：确认导入后区县库中该乡镇范围内的数据将与该文件完全一致');
  if (last && h.bundleSeq > last.bundle_seq + 1) {
    notes.push(`缺少第 ${last.bundle_seq + 1}${h.bundleSeq - 1 > last.bundle_seq + 1 ? `–${h.bundleSeq - 1}` : ''} 号同步文件。本文件包含乡镇自上次确认以来的全部变更，可以正常导入；缺少的文件无需补导。`);
  } else if (last && h.bundleSeq < last.bundle_seq && !truth) {
    notes.push(`这是较旧的同步文件（第 ${h.bundleSeq} 号，已导入至第 ${last.bundle_seq} 号）；较新的数据不会被回退`);
  }
  if (last && h.createdAt < last.created_at) notes.push('文件创建时间早于上一次导入的文件：乡镇电脑的时钟可能不准（不影响导入）');
  return { duplicate: false, truth, notes };
}
