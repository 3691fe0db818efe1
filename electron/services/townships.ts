import { townshipData } from '../../db/dashboard';
import { townshipsOf } from '../../db/divisions';
import { bundlesExported } from '../../db/syncWeeks';
import type { Completeness, TownshipStatus } from '../api/contract';
import type { Core } from '../core';
import { addDays, daysBetween, localDay } from '../domain/dates';

/**
 * District mode: every township of the district (the official list of its division code) and any
 * other that sent a bundle, in code order, each with how current its data is. The dashboard,
 * the report and the township picker all list townships from here, so a township that never sent
 * data is a row everywhere (未报送), never silently absent.
 */
export function districtTownships(core: Core): TownshipStatus[] {
  const inst = core.installation();
  if (inst?.role !== 'district') return [];
  const today = localDay(core.now());
  const data = townshipData(core.db);
  const names = new Map(townshipsOf(inst.unitCode).map((t) => [t.code, t.name]));
  for (const [code, d] of data) if (!names.has(code)) names.set(code, d.name);
  return [...names]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, name]): TownshipStatus => {
      const d = data.get(code);
      if (!d) return { code, name, sent: false, asOf: null, seqTo: null, importedAt: null, daysOld: null, clockNote: null };
      const exported = localDay(new Date(d.asOf));
      const imported = localDay(new Date(d.importedAt));
      const gap = daysBetween(exported, imported);
      return {
        code,
        name,
        sent: true,
        asOf: d.asOf,
        seqTo: d.seqTo,
        importedAt: d.importedAt,
        daysOld: Math.max(0, daysBetween(exported, today)),
        clockNote:
          gap > 1
            ? `数据截至 ${exported}（乡镇导出时间），${imported} 才导入：文件送达较晚，或乡镇电脑时钟不准`
            : gap < -1
              ? `导出时间 ${exported} 晚于导入时间 ${imported}：乡镇电脑或本机的时钟不准`
              : null,
      };
    });
}

/**
 * 报送情况: every township × the last `weeks` weeks (Monday to Sunday, district clock), counting
 * the bundles imported from it by the week they were exported in (the data's week, not the
 * file's arrival). The sync page shows it; the dashboard exports it.
 */
export function completenessGrid(core: Core, weeks: number): Completeness {
  const today = localDay(core.now());
  const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  const ws = Array.from({ length: weeks }, (_, i) => {
    const start = addDays(monday, -7 * (weeks - 1 - i));
    return { start, end: addDays(start, 6) };
  });
  return {
    weeks: ws,
    townships: districtTownships(core).map((t) => ({
      code: t.code,
      name: t.name,
      counts: ws.map((w) => bundlesExported(core.db, t.code, w.start, w.end)),
      asOf: t.asOf,
      lastImportAt: t.importedAt,
      clockNote: t.clockNote,
    })),
  };
}

/**
 * Whose list a title or file name is: the unit, and at a district narrowed to one township, that
 * township too (雁山区委组织部（大埠乡）), so a narrowed export never passes for the district's.
 */
export function unitLabel(core: Core, township: string | null): string {
  const unit = core.installation()?.unitName ?? '';
  if (!township || core.role() !== 'district') return unit;
  const name = districtTownships(core).find((t) => t.code === township)?.name ?? township;
  return `${unit}（${name}）`;
}
