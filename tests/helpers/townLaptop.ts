import { dispatch } from '../../electron/api/dispatch';
import type { Core } from '../../electron/core';
import { cadreInput } from '../unit/fuzz.fixtures';
import { startApp, type App } from './browser';

/** A call through the API that must succeed: its value, or an error naming the channel. */
export async function ok<T = Record<string, unknown>>(core: Core, name: Parameters<typeof dispatch>[1], input: unknown): Promise<T> {
  const r = await dispatch(core, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

/**
 * The start of the 驻村版 browser tests: the township (雁山镇, set up) with a cadre posted to
 * 东立村 as its first secretary, and a fresh installation for the laptop, both serving.
 */
export async function townAndLaptop(): Promise<{ town: App; laptop: App; village: { id: string }; cadre: { id: string } }> {
  const town = await startApp({ setup: true });
  const laptop = await startApp();
  const village = town.core.db.prepare("SELECT id FROM villages WHERE name = '东立村'").get() as { id: string };
  const c = await ok<{ id: string }>(town.core, 'cadres.create', cadreInput());
  await ok(town.core, 'cadres.post', { cadreId: c.id, villageId: village.id, role: '第一书记', startDate: '2025-06-01' });
  return { town, laptop, village, cadre: c };
}
