import type { Core } from '../../electron/core';
import { exportBundle } from '../../electron/sync/export';
import { applyStaged, stageBundle } from '../../electron/sync/import';
import { districtKeys } from './sync';
import { tempDir } from './tmp';

/**
 * What the tests of the trigger-kept count tables share (listCounts, reportCounts,
 * reportWorkLogs): the writes they make around the services, after which the kept rows must
 * still equal a recount of the registers.
 */

/** The township's next bundle (its first, then incremental ones) exported and applied at the district, as an import does. */
export async function sendBundle(town: Core, district: Core): Promise<void> {
  const { file } = await exportBundle(town, { dir: tempDir() });
  applyStaged(district, await stageBundle(district, file, districtKeys().keys));
}

/** The live work log of a cadre on a day. */
export const logOf = (core: Core, cadreId: string, day: string) =>
  core.db.prepare('SELECT id, version FROM work_logs WHERE cadre_id = ? AND log_date = ? AND deleted_at IS NULL').get(cadreId, day) as { id: string; version: number };

/** A work log written straight into the table already deleted (as a sync import may bring one): no count may move. */
export function insertDeletedLog(core: Core): void {
  core.db
    .prepare(
      `INSERT INTO work_logs (id, created_at, updated_at, seq, version, deleted_at, origin, cadre_id, village_id, log_date, in_village, work_kind)
       SELECT 'raw-1', created_at, updated_at, 9999, 1, '2026-01-20T00:00:00.000Z', origin, cadre_id, village_id, '2025-12-20', 1, work_kind FROM work_logs LIMIT 1`,
    )
    .run();
}
