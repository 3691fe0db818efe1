import { lookupDivision, townshipsOf, villagesOf } from '../../db/divisions';
import { allLiveVillages } from '../../db/villages';
import type { Core } from '../core';
import { villageFromOfficial } from '../domain/divisionCodes';

/** Whom an import writes for: one village (the floating roster) or the whole township (villages named per row). */
export type ImportTarget = { villageId: string } | 'township';

const compact = (s: string) => s.replace(/\s/g, '');

/**
 * A warning for the check result when the roster's title names another unit than the one it is
 * imported into (“柘木镇西岭村流动党员名册” imported into 东立村): a file picked by mistake
 * otherwise imports without a word. Only names the app knows count as units: this township's
 * villages (registered and official), and the other townships of the county and their official
 * villages, so no title wording is guessed at. A title that names the target is never warned
 * about, nor one that names no unit at all.
 */
export function titleWarning(core: Core, title: string, target: ImportTarget): string | null {
  const t = compact(title);
  const inst = core.installation();
  if (!t || !inst || inst.role !== 'township') return null;
  const ours = allLiveVillages(core.db);
  const official = villagesOf(inst.unitCode).map((d) => villageFromOfficial(d.name).name);
  const townshipNames = [inst.unitName, lookupDivision(inst.unitCode)?.name ?? ''].filter(Boolean);
  let targetNames: string[];
  let targetText: string;
  const own = new Set([...townshipNames, ...ours.map((v) => v.name), ...official]);
  if (target === 'township') {
    targetNames = townshipNames;
    targetText = inst.unitName;
  } else {
    const v = ours.find((x) => x.id === target.villageId);
    if (!v) return null;
    targetNames = [v.name];
    targetText = v.name;
    own.delete(v.name);
  }
  if (targetNames.some((n) => t.includes(compact(n)))) return null;
  const others = new Set<string>(target === 'township' ? [] : [...own].filter((n) => !townshipNames.includes(n)));
  for (const s of townshipsOf(inst.unitCode.slice(0, 6))) {
    if (s.code === inst.unitCode) continue;
    others.add(s.name);
    for (const v of villagesOf(s.code)) {
      const name = villageFromOfficial(v.name).name;
      // A name this township also has is not evidence of another unit.
      if (!own.has(name) && !targetNames.includes(name)) others.add(name);
    }
  }
  const found = [...others].filter((n) => n.length >= 2 && t.includes(compact(n))).sort((a, b) => b.length - a.length)[0];
  if (!found) return null;
  const shown = title.length > 40 ? `${title.slice(0, 40)}…` : title;
  return `注意：表格标题“${shown}”写的是${found}，不是本次导入的${targetText}，请确认选对了文件`;
}
