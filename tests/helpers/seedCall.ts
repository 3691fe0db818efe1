import { dispatch } from '../../electron/api/dispatch';
import type { App } from './browser';

/** A seeding call through the API that fails the test setup loudly; returns the new row's id. */
export function seedCaller(app: App) {
  return async (name: Parameters<typeof dispatch>[1], input: unknown): Promise<{ id: string }> => {
    const r = await dispatch(app.core, name, input as never);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value as { id: string };
  };
}

/** The id of a village of the set-up township, by name. */
export const villageIdOf = (app: App, name = '东立村') => (app.core.db.prepare('SELECT id FROM villages WHERE name = ?').get(name) as { id: string }).id;
