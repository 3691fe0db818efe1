import { dashboardFigures, lastExportAt, type FigureParams } from '../../db/dashboard';
import type { Dashboard, TownshipDashboardRow } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import { districtTownships } from './townships';
import type { Core } from '../core';
import { addMonths, daysLeft, monthBounds } from '../domain/cadres';
import { daysBetween, localDay } from '../domain/dates';
import { overdueCutoff } from '../domain/floating';
import { qualityChecks, qualityPage, type QualityContext } from './dashboardQuality';
import { exportQuality, exportTownships } from './dashboardXlsx';
import { readSettings } from './settings';
import { readTx } from '../../db/tx';

const daysSince = (iso: string | null, today: string) => (iso ? daysBetween(localDay(new Date(iso)), today) : null);

/** What the figures depend on besides the township: today, the settings, the judged month. */
export function figureParams(core: Core, today: string) {
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

/** The scope of the quality checks: district mode honours the picked township, a township sees its own. */
export function qualityContext(core: Core, township: string | null): QualityContext {
  const district = core.installation()?.role === 'district';
  return { db: core.db, township: district ? township : null, district, today: localDay(core.now()), interval: readSettings(core).contactIntervalDays };
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
  return readTx(core.db, () => {
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
      quality: qualityChecks(qualityContext(core, township)),
    };
  });
}

export const dashboardHandlers = {
  'dashboard.get': (core, { township }) => dashboard(core, township),
  'dashboard.quality': (core, { township, check, page, pageSize }) => qualityPage(qualityContext(core, township), check, page, pageSize),
  'dashboard.exportQuality': (core, { township, check }) => exportQuality(core, qualityContext(core, township), check),
  'dashboard.exportTownships': (core, { weeks }) => exportTownships(core, dashboard(core, null), weeks),
} satisfies Partial<Handlers>;
