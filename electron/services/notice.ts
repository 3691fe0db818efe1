import { listCadres } from '../../db/cadres';
import { listFloatingMembers } from '../../db/floating';
import { projectCoverage } from '../../db/projects';
import { inVillageDays } from '../../db/reports/notice';
import { readTx } from '../../db/tx';
import type { FilePayload, Notice, QualityItem } from '../api/contract';
import { AppError } from '../api/errors';
import type { Core } from '../core';
import { requiredDays } from '../domain/cadres';
import { daysBetween } from '../domain/dates';
import { sheet, xlsxFile, type Column, type SheetSpec } from '../xlsx/write';
import { figureParams, qualityContext } from './dashboard';
import { qualityAll, QUALITY_KEYS } from './dashboardQuality';
import { completenessGrid, districtTownships } from './townships';

/** Weeks of 报送情况 a notice looks back over, as the sync page's grid does by default. */
export const NOTICE_WEEKS = 8;
const ALL = 1_000_000;

/**
 * District: what one township is asked to put right, as of today. Every list is the full list
 * behind a dashboard card for that township (same queries, same cutoffs), so the notice says
 * exactly what the dashboard counts with the township picked.
 */
export function buildNotice(core: Core, code: string | null): Notice {
  const township = districtTownships(core).find((t) => t.code === code);
  if (!township || !code) throw new AppError('not_found', '本区县没有这个乡镇（街道）');
  const qc = qualityContext(core, code);
  const { settings, month, base } = figureParams(core, qc.today);
  return readTx(core.db, () => {
    const { weeks, townships } = completenessGrid(core, NOTICE_WEEKS);
    const grid = townships.find((t) => t.code === code)!;
    const overdue = listFloatingMembers(core.db, { township: code, flag: 'overdue', cutoff: base.cutoff, sort: 'last_contact_date', page: 1, pageSize: ALL }).rows;
    const below = listCadres(core.db, { township: code, belowMonth: base.belowMonth, sort: 'village', page: 1, pageSize: ALL }).rows;
    const days = inVillageDays(core.db, below.map((c) => c.id), base.belowMonth.first, base.belowMonth.last);
    const posted = (start: string | null) => daysBetween(start && start > base.belowMonth.first ? start : base.belowMonth.first, base.belowMonth.last) + 1;
    return {
      unitName: core.installation()!.unitName,
      township,
      today: qc.today,
      contactIntervalDays: settings.contactIntervalDays,
      attendanceThresholdDays: settings.attendanceThresholdDays,
      attendanceMonth: month,
      year: base.year,
      weeks: NOTICE_WEEKS,
      // A week before the township's first export (null) was not missed.
      unsentWeeks: weeks.filter((_, i) => grid.counts[i] === 0),
      overdue: overdue.map((m) => {
        const last = m.last_contact_date ?? m.left_date;
        return { name: m.name, village: m.village_name, lastContact: last, days: daysBetween(last, qc.today) };
      }),
      belowStandard: below.map((c) => ({
        name: c.name,
        village: c.village_name,
        role: c.role,
        inVillage: days.get(c.id) ?? 0,
        required: requiredDays(month, settings.attendanceThresholdDays, posted(c.start_date)),
      })),
      uncovered: projectCoverage(core.db, base.year, code)
        .filter((v) => v.projects === 0)
        .map((v) => ({ name: v.name, code: v.code })),
      quality: QUALITY_KEYS.map((k) => qualityAll(qc, k)),
    };
  });
}

/** 雁山区委组织部（大埠乡）工作提醒单 */
export const noticeTitle = (n: Notice) => `${n.unitName}（${n.township.name}）工作提醒单`;

const monthText = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;

/** The notice as a workbook: a sheet per item, each titled for the township, in the order printed. */
export function exportNotice(core: Core, code: string | null): Promise<FilePayload> {
  const n = buildNotice(core, code);
  const title = noticeTitle(n);
  const footer = [`${n.unitName}    ${n.today}    经办人：________`];
  const part = <R>(name: string, heading: string, columns: Column<R>[], rows: R[]): SheetSpec<unknown> =>
    sheet<R>({ name, title: `${title}：${heading}`, columns: [{ header: '序号', width: 6, value: (_r, i) => i + 1 }, ...columns], rows, footer });
  const asOf = n.township.asOf ? `数据截至 ${n.township.asOf.slice(0, 10)}（乡镇导出）` : '尚未报送数据';
  return xlsxFile(`${title}_${n.today}`, [
    part('未报送周次', `近${n.weeks}周未报送的周次（${asOf}）`, [{ header: '周次', width: 28, value: (w: Notice['unsentWeeks'][number]) => `${w.start} 至 ${w.end}` }], n.unsentWeeks),
    part(
      '联系超期',
      `超过${n.contactIntervalDays}天未联系的流动党员`,
      [
        { header: '姓名', width: 12, value: (m: Notice['overdue'][number]) => m.name },
        { header: '村（社区）', width: 16, value: (m) => m.village },
        { header: '最近联系（外出）日期', width: 16, value: (m) => m.lastContact },
        { header: '未联系天数', width: 10, value: (m) => m.days },
      ],
      n.overdue,
    ),
    part(
      '在村天数不足',
      `${monthText(n.attendanceMonth)}在村天数不足的驻村干部（标准每月${n.attendanceThresholdDays}天，按驻村天数折算）`,
      [
        { header: '姓名', width: 12, value: (c: Notice['belowStandard'][number]) => c.name },
        { header: '村（社区）', width: 16, value: (c) => c.village },
        { header: '角色', width: 10, value: (c) => c.role },
        { header: '在村天数', width: 10, value: (c) => c.inVillage },
        { header: '应在村天数', width: 10, value: (c) => c.required },
      ],
      n.belowStandard,
    ),
    part(
      '无项目村',
      `${n.year}年无项目村（社区）`,
      [
        { header: '村（社区）', width: 20, value: (v: Notice['uncovered'][number]) => v.name },
        { header: '区划代码', width: 16, value: (v) => v.code },
      ],
      n.uncovered,
    ),
    part(
      '数据质量问题',
      '数据质量问题',
      [
        { header: '检查项', width: 26, value: (r: QualityItem & { check: string }) => r.check },
        { header: '名册', width: 10, value: (r) => r.register },
        { header: '姓名（项目）', width: 28, value: (r) => r.name },
        { header: '村（社区）', width: 14, value: (r) => r.village },
        { header: '情况', width: 30, value: (r) => r.detail },
      ],
      n.quality.flatMap((q) => q.items.map((i) => ({ ...i, check: q.title }))),
    ),
  ]);
}
