import { memberStates, postingStates, projectStates } from '../../db/villageScreens';
import type { Core } from '../core';
import { readSettings } from '../services/settings';
import type { VillageReceiptResult } from './villageReceipt';

/**
 * What a township receipt changed on a 驻村版, in the words a first secretary uses: the rows a
 * receipt may touch are read before and after it is applied and compared by id, so the screen
 * says "王芳的派驻已结束" instead of "驻村经历 1 条变更".
 */

interface Snapshot {
  postings: Map<string, { cadre: string; role: string; end: string | null; status: string; deleted: boolean }>;
  members: Map<string, { name: string; deleted: boolean }>;
  projects: Map<string, { name: string; status: string; version: number; deleted: boolean }>;
}

export function receiptSnapshot(core: Core): Snapshot {
  const postings = postingStates(core.db);
  const members = memberStates(core.db);
  const projects = projectStates(core.db);
  return {
    postings: new Map(postings.map((p) => [p.id, { ...p, deleted: p.deleted === 1 }])),
    members: new Map(members.map((m) => [m.id, { name: m.name, deleted: m.deleted === 1 }])),
    projects: new Map(projects.map((p) => [p.id, { ...p, deleted: p.deleted === 1 }])),
  };
}

function postingWords(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [id, p] of after.postings) {
    const was = before.postings.get(id);
    if (p.deleted) {
      if (was && !was.deleted) out.push(`乡镇删除了${p.cadre}的一条派驻记录`);
    } else if (!was || was.deleted) out.push(p.end ? `${p.cadre}（${p.role}）的派驻记录已补登，已于 ${p.end} 结束` : `新派驻：${p.cadre}（${p.role}）`);
    else if (p.end && !was.end) out.push(`${p.cadre}（${p.role}）的派驻已结束（${p.end}，${p.status}），此后日期的驻村日志乡镇不再接收`);
    else if (p.end !== was.end || p.status !== was.status) out.push(`${p.cadre}（${p.role}）的派驻信息有更新`);
  }
  return out;
}

function memberWords(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [id, m] of after.members) {
    const was = before.members.get(id);
    if (!m.deleted && (!was || was.deleted)) out.push(`新增流动党员：${m.name}`);
    else if (m.deleted && was && !was.deleted) out.push(`${m.name}已不再由本村管理（已返回、转出或改由其他村联系）`);
  }
  return out;
}

function projectWords(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [id, p] of after.projects) {
    const was = before.projects.get(id);
    if (!p.deleted && (!was || was.deleted)) out.push(`新增项目：${p.name}`);
    else if (p.deleted && was && !was.deleted) out.push(`项目“${p.name}”已不在本村台账中`);
    else if (was && !p.deleted && p.version !== was.version) out.push(p.status !== was.status ? `项目“${p.name}”状态改为${p.status}` : `项目“${p.name}”信息有更新`);
  }
  return out;
}

/** What an older receipt than one already applied did (VillageReceiptResult.stale): the screens and the CLI say it alike. */
export const STALE_RECEIPT = '这张回执早于本机已导入的回执：乡镇的变化已由较新的回执带来，本次只确认了对应的同步文件';

/** The receipt's effect as sentences; empty when the township had nothing new for the village. */
export function receiptChanges(core: Core, before: Snapshot, r: VillageReceiptResult): string[] {
  if (r.stale) return [STALE_RECEIPT];
  const after = receiptSnapshot(core);
  const words = [...postingWords(before, after), ...memberWords(before, after), ...projectWords(before, after)];
  const contacts = r.tables.member_contacts;
  if (contacts && contacts.new + contacts.changed + contacts.deleted > 0) words.push(`一对一联系人有 ${contacts.new + contacts.changed + contacts.deleted} 处调整`);
  const cadres = r.tables.cadres;
  if (cadres && cadres.changed > 0) words.push(`${cadres.changed} 名驻村干部的基本信息有更新`);
  if (r.settingsChanged) {
    const s = readSettings(core);
    words.push(`乡镇调整了设置：每月驻村天数标准 ${s.attendanceThresholdDays} 天，流动党员联系间隔 ${s.contactIntervalDays} 天`);
  }
  return words;
}
