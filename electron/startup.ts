import { openCore, type Core, type CoreOptions } from './core';
import { removeStaleExportTemps } from './sync/export';

/**
 * The app's start, for the desktop window, browser mode and the CLI alike: the core, opened with
 * each feature's clean-up of what a killed run left behind. The core knows no feature; a feature
 * that leaves temporaries adds its clean-up here. The app's hosts (which claim the file:
 * `instance`) open at once and check the file in the background (CoreOptions.backgroundCheck);
 * the CLI, which writes as soon as it has opened, checks first.
 */
const STARTUP_HOOKS: NonNullable<CoreOptions['startup']> = [
  // Temporary files of exports killed mid-way (never importable).
  (file) => void removeStaleExportTemps(file),
];

/** The hosts' start-up check begins a second after the first screen's calls, at most 10 s after the open. */
const CHECK_AFTER = { quietMs: 1000, atMostMs: 10_000 };

export function openApp(file: string, opts: Omit<CoreOptions, 'startup'> = {}): Promise<Core> {
  const host = opts.instance !== undefined;
  return openCore(file, { backgroundCheck: host, checkAfter: host ? CHECK_AFTER : undefined, ...opts, startup: STARTUP_HOOKS });
}
