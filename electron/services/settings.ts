import { getInstallation, getSetting, saveInstallation, setSetting } from '../../db/settings';
import { appendAudit } from '../../db/sync';
import type { ParsedInput, Settings } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import type { Core } from '../core';
import { writeTx } from '../../db/tx';

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

/** Changes are audited like register rows: thresholds change what lists flag. */
export function updateSettings(core: Core, input: ParsedInput<'settings.update'>): Settings {
  return writeTx(core.db, () => {
    const w = core.writer();
    const before = readSettings(core);
    const { operator, ...rest } = input;
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
