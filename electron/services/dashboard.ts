import { dashboardFigures, lastExportAt, type FigureParams } from '../../db/dashboard';
import { membersLongUncontacted, projectsWithoutIncome, secretariesWithoutLog, sharedIdNumbers, type QualityHit, type QualityResult } from '../../db/quality';
import type { Dashboard, QualityCheck, QualityItem, TownshipDashboardRow } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import { districtTownships } from './townships';
import type { Core } from '../core';
import { addMonths, daysLeft, monthBounds } from '../domain/cadres';
import { daysBetween, localDay } from '../domain/dates';
import { overdueCutoff } from '../domain/floating';
import { maskIdNumber } from '../domain/idNumber';
import { fenToWanShown } from '../domain/money';
import { readSettings } from './settings';

/** How many rows each data-quality check lists; the count is always the full number. */
export const QUALITY_LIMIT = 10;

const daysSince = (iso: string | null, today: string) => (iso ? daysBetween(localDay(new Date(iso)), today) : null);

/** What the figures depend on besides the township: today, the settings, the judged month. */
function figureParams(core: Core, today: string) {
  const settings = readSettings(core);
  const month = addMonths(today.slice(0, 7), -1);
  const { first, last } = monthBounds(month);
  const base: Omit<FigureParams, 'township'> = {
    belowMonth: { first, last, threshold: settings.attendanceThresholdDays, monthDays: Number(last.slice(8)), daysLeft: daysLeft(month, today) },
    cutoff: overdueCutoff(today, settings.contactIntervalDays),
    year: Number(today.slice(0, 4)),
  };
  return { settings, month, base };
}

const REGISTER_KEY = { 驻村干部: 'cadres', 流动党员: 'floating', 一村一项目: 'projects' } as const;

const hits = (register: QualityItem['register'], r: QualityResult, detail: (h: QualityHit) => string): QualityItem[] =>
  r.items.map((h) => ({
    key: h.id,
    register,
    name: h.name,
    village: h.village,
    detail: detail(h),
    records: [{ register: REGISTER_KEY[register], id: h.id, name: h.name, village: h.village }],
  }));

function qualityChecks(core: Core, township: string | null, today: string, interval: number): QualityCheck[] {
  const scope = { township, limit: QUALITY_LIMIT };
  const lastYear = Number(today.slice(0, 4)) - 1;
  const noLog = secretariesWithoutLog(core.db, scope, `${today.slice(0, 7)}-01`, today);
  const longCutoff = overdueCutoff(today, 2 * interval);
  const uncontacted = membersLongUncontacted(core.db, scope, longCutoff);
  const noIncome = projectsWithoutIncome(core.db, scope, lastYear);
  const shared = sharedIdNumbers(core.db, scope);
  const registerName = { cadres: '驻村干部', floating: '流动党员' } as const;
  return [
    {
      key: 'secretaryNoLog',
      title: '本月无驻村日志的第一书记',
      rule: `在岗第一书记，${today.slice(0, 4)}年${Number(today.slice(5, 7))}月1日至今没有任何驻村日志`,
      count: noLog.count,
      items: hits('驻村干部', noLog, (h) => (h.value ? `最近日志 ${h.value as string}` : '从未填写日志')),
    },
    {
      key: 'longUncontacted',
      title: `超过${2 * interval}天未联系的流动党员`,
      rule: `外出中，最近一次联系（无联系记录时从外出之日算）早于 ${longCutoff}，即超过联系周期${interval}天的两倍`,
      count: uncontacted.count,
      items: hits('流动党员', uncontacted, (h) => `最近联系 ${h.value as string}`),
    },
    {
      key: 'projectNoIncome',
      title: `有投资但无${lastYear}年收益记录的项目`,
      rule: `${lastYear}年或以前立项、非谋划、未在${lastYear}年前终止、总投资大于0，但没有填写${lastYear}年度收益（收益为0也请填写0）`,
      count: noIncome.count,
      items: hits('一村一项目', noIncome, (h) => `总投资 ${fenToWanShown(h.value as number)} 万元`),
    },
    {
      key: 'sharedIdNumber',
      title: '身份证号重复',
      rule: '同一身份证号登记了不止一条（驻村干部、流动党员两个名册合并比对）',
      count: shared.count,
      items: shared.items.map((g, i) => ({
        key: `shared-${i}`,
        register: registerName[g.people[0]!.register],
        name: g.people.map((p) => `${p.name}（${registerName[p.register]}${p.village ? '·' + p.village : ''}）`).join('、'),
        village: g.people[0]!.village,
        detail: `身份证号 ${maskIdNumber(g.id_number)}`,
        records: g.people.map((p) => ({ register: p.register, id: p.id, name: p.name, village: p.village })),
      })),
    },
  ];
}

/** District mode: every township of the district (and any other that sent a bundle), in code order. */
function townshipRows(core: Core, base: Omit<FigureParams, 'township'>): TownshipDashboardRow[] {
  return districtTownships(core).map((t) => ({ ...t, figures: dashboardFigures(core.db, { ...base, township: t.code }) }));
}

export function dashboard(core: Core, township: string | null): Dashboard {
  const today = localDay(core.now());
  const role = core.installation()?.role ?? 'township';
  const { settings, month, base } = figureParams(core, today);
  // One read transaction: every figure sees the same snapshot of the store.
  return core.db.transaction(() => {
    const exportAt = role === 'township' ? lastExportAt(core.db) : null;
    return {
      role,
      today,
      attendanceMonth: month,
      year: base.year,
      contactIntervalDays: settings.contactIntervalDays,
      attendanceThresholdDays: settings.attendanceThresholdDays,
      figures: dashboardFigures(core.db, { ...base, township: role === 'district' ? township : null }),
      lastExportAt: exportAt,
      daysSinceExport: daysSince(exportAt, today),
      townships: role === 'district' ? townshipRows(core, base) : [],
      quality: qualityChecks(core, role === 'district' ? township : null, today, settings.contactIntervalDays),
    };
  })();
}

export const dashboardHandlers = {
  'dashboard.get': (core, { township }) => dashboard(core, township),
} satisfies Partial<Handlers>;
