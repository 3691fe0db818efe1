import type { ContactRecord, FloatingDetail, RecordSaved } from '../api/contracts/floating';
import { addDays } from './dates';

/** Value lists and rules for floating Party members (流动党员), shared with the renderer. */

export const MEMBER_TYPES = ['正式党员', '预备党员'] as const;
export const FLOAT_REASONS = ['务工', '经商', '学习', '其他'] as const;
export const FLOAT_STATUSES = ['外出中', '已返回', '组织关系转出'] as const;
export const CONTACT_WAYS = ['电话', '微信', '视频', '走访', '信函'] as const;
export const CADRE_ROLES = ['党组织书记', '村委会主任', '副书记', '两委委员', '村务监督委员会主任', '其他'] as const;

export type FloatStatus = (typeof FLOAT_STATUSES)[number];

/**
 * The last day a contact still counts as in time. With interval N and today T a member is overdue
 * when their last contact is before T − N: contacted exactly N days ago is not overdue, N+1 is.
 */
export function overdueCutoff(today: string, intervalDays: number): string {
  return addDays(today, -intervalDays);
}

/**
 * Overdue applies to members still away (外出中). With no contact record at all, the clock runs
 * from the day they left: a member who left more than N days ago and was never contacted is overdue.
 */
export function isOverdue(
  m: { status: string; lastContactDate: string | null; leftDate: string },
  today: string,
  intervalDays: number,
): boolean {
  if (m.status !== '外出中') return false;
  return (m.lastContactDate ?? m.leftDate) < overdueCutoff(today, intervalDays);
}

/**
 * The official list's placeholder cities (北京市 → 市辖区, 重庆市 → 县, 海南省 → 省直辖县级行政区划)
 * name no place: a clerk says 北京市, not 北京市 / 市辖区.
 */
export const isPlaceholderDivision = (name: string): boolean => /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(name);

/** "广东省 深圳市 宝安区"; the placeholder city names 市辖区/县 say nothing and are left out. */
export function destinationText(province: string, city: string | null, county: string | null): string {
  return [province, city && !isPlaceholderDivision(city) ? city : null, county]
    .filter(Boolean)
    .join(' ');
}

/** A picked path as the destination picker shows it: "北京市 / 朝阳区", never "北京市 / 市辖区". */
export const destinationPathText = (names: readonly string[]): string => names.filter((n, i) => i === 0 || !isPlaceholderDivision(n)).join(' / ');

/**
 * The member's ledger after a contact record's write: the ledger shown before with the write's
 * answer merged in, in floating.get's order (latest contact date first, then the latest written).
 * A record written takes the highest change sequence, so it goes first among the records of its
 * day; one saved unchanged (same version: nothing was written) keeps its place.
 */
export function applyRecordSaved(detail: FloatingDetail, saved: RecordSaved): FloatingDetail {
  if (saved.member.id !== detail.id) return detail;
  const { record } = saved;
  const old = detail.records.find((r) => r.id === saved.id);
  let records: ContactRecord[];
  if (record && old?.version === record.version) {
    records = detail.records.map((r) => (r.id === record.id ? record : r));
  } else {
    records = detail.records.filter((r) => r.id !== saved.id);
    if (record) {
      const at = records.findIndex((r) => r.contactDate <= record.contactDate);
      records.splice(at < 0 ? records.length : at, 0, record);
    }
  }
  return { ...detail, ...saved.member, records };
}
