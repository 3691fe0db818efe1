import { getInstallation, getSetting, saveInstallation, setSetting } from '../../db/settings';
import { appendAudit } from '../../db/sync';
import type { ParsedInput, Settings } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import type { Core } from '../core';
import { writeTx } from '../../db/tx';
import { AppError } from '../api/errors';

export const DEFAULT_SETTINGS: Settings = {
  attendanceThresholdDays: 20,
  contactIntervalDays: 90,
  backupKeep: 10,
};

/** Every setting with its default filled in; registers read theirs from here. */
export function readSettings(core: Core): Settings {
  const stored = getSetting<Partial<Settings>>(core.db, 'settings') ?? {};
  return { ...DEFAULT_SETTINGS, ...stored };
}

/**
 * The township's settings a 驻村版 received with its package: the laptop flags its cadres' days
 * and its members' contacts by the township's rules, so only the township changes them.
 */
const TOWNSHIP_SETTINGS: Partial<Record<keyof Settings, string>> = {
  attendanceThresholdDays: '每月驻村天数标准',
  contactIntervalDays: '联系间隔天数',
};

/** On a 驻村版, a changed township setting is refused, naming the field; an unchanged value passes. */
function checkVillageSettings(core: Core, before: Settings, rest: Partial<Settings>): void {
  if (core.role() !== 'village') return;
  const changed = (Object.keys(TOWNSHIP_SETTINGS) as (keyof Settings)[]).filter((k) => rest[k] !== undefined && rest[k] !== before[k]);
  if (!changed.length) return;
  const names = changed.map((k) => TOWNSHIP_SETTINGS[k]!).join('、');
  throw new AppError('read_only', `驻村版不能修改${names}：此项由乡镇统一设置，随配置包下发，请在乡镇端修改。`, changed.map((k) => ({ path: [k], message: `${TOWNSHIP_SETTINGS[k]}由乡镇统一设置，驻村版不能修改` })));
}

/** Changes are audited like register rows: thresholds change what lists flag. */
export function updateSettings(core: Core, input: ParsedInput<'settings.update'>): Settings {
  return writeTx(core.db, () => {
    const w = core.writer();
    const before = readSettings(core);
    const { operator, ...rest } = input;
    checkVillageSettings(core, before, rest);
    const after: Settings = { ...before };
    for (const [k, v] of Object.entries(rest) as [keyof Settings, number | undefined][]) if (v !== undefined) after[k] = v;
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      setSetting(core.db, 'settings', after);
      appendAudit(core.db, w, { table: 'settings', rowId: 'settings', action: 'update', seq: null, before, after });
    }
    const inst = getInstallation(core.db)!;
    if (operator && operator !== inst.operator) {
      saveInstallation(core.db, { ...inst, operator });
      appendAudit(core.db, w, { table: 'settings', rowId: 'operator', action: 'update', seq: null, before: { operator: inst.operator }, after: { operator } });
    }
    return after;
  });
}

export const settingsHandlers = {
  'settings.get': (core) => readSettings(core),
  'settings.update': (core, input) => updateSettings(core, input),
} satisfies Partial<Handlers>;
