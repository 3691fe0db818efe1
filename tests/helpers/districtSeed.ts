import fs from 'node:fs';
import path from 'node:path';
import { openCore, type Core } from '../../electron/core';
import { completeSetup } from '../../electron/services/setup';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { buildSmallTownship, buildTownship } from '../unit/reports.helpers';
import { districtKeys, trustDistrict } from './sync';
import { tempDir } from './tmp';

/** A township's first bundle, as a clerk would pick it in 数据同步. */
export interface HeldBundle {
  name: string;
  bytes: Buffer;
}

/**
 * 雁山区委组织部 with 雁山镇 (three villages, every register) and 柘木镇 (one village) of
 * tests/unit/reports.helpers, each built in its own database and sent as a real bundle. `onBuilt`
 * reads a township before it sends; the bundle of `hold` is returned instead of imported; a
 * township in `lateDays` runs on a PC clock that many days behind (its bundle says so).
 */
export async function seedTwoTownships(
  district: Core,
  opts: { onBuilt?(name: string, core: Core): Promise<void>; hold?: string; lateDays?: Record<string, number> } = {},
): Promise<HeldBundle | null> {
  completeSetup(district, { role: 'district', code: '450311', name: '雁山区委组织部', operator: '王科长', importVillages: [] });
  const dir = tempDir();
  const towns: [string, string, (c: Core) => Promise<void>][] = [
    ['450311100', '雁山镇', (c) => buildTownship(c, ['450311100201', '450311100202', '450311100203'])],
    ['450311101', '柘木镇', (c) => buildSmallTownship(c, '450311101201')],
  ];
  let held: HeldBundle | null = null;
  for (const [code, name, build] of towns) {
    const late = (opts.lateDays?.[name] ?? 0) * 86_400_000;
    const core = await openCore(path.join(dir, `${code}.db`), late ? { now: () => new Date(Date.now() - late) } : {});
    try {
      completeSetup(core, { role: 'township', code, name, operator: '张三', importVillages: [] });
      trustDistrict(core);
      await build(core);
      await opts.onBuilt?.(name, core);
      const { file } = await exportBundle(core, { dir: tempDir() });
      if (name === opts.hold) held = { name: path.basename(file), bytes: fs.readFileSync(file) };
      else await applyStaged(district, await stageBundle(district, file, districtKeys().keys));
    } finally {
      core.close();
    }
  }
  return held;
}
