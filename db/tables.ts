import type { Database } from 'better-sqlite3';
import type { SyncTable } from './sync';
import { villagesTable, villageYearsTable } from './villages';
import { cadreAssessmentsTable, cadreEvaluationsTable, cadreInspectionsTable, cadrePostingsTable, cadresTable, workLogsTable } from './cadres';
import { projectIncomesTable, projectProgressTable, projectsTable } from './projects';
import { starRatingsTable, starRectificationsTable } from './stars';
import { contactRecordsTable, floatingMembersTable, memberContactsTable, memberStatusHistoryTable } from './floating';
import { devAssessmentsTable, devPeopleTable, rectificationCasesTable, rectificationMeasuresTable } from './partyDev';

/**
 * Every table that carries the sync columns, in dependency order (parents before children).
 * A new register declares its table with defineSyncTable and adds it here; stats, sync
 * export/import and the schema checks pick it up from this list.
 */
export const SYNC_TABLES: readonly SyncTable[] = [villagesTable, villageYearsTable, cadresTable, cadrePostingsTable, workLogsTable, cadreInspectionsTable, cadreEvaluationsTable, cadreAssessmentsTable, floatingMembersTable, memberContactsTable, contactRecordsTable, memberStatusHistoryTable, projectsTable, projectIncomesTable, projectProgressTable, devPeopleTable, devAssessmentsTable, rectificationCasesTable, rectificationMeasuresTable, starRatingsTable, starRectificationsTable];

/** Live (not deleted) rows per table. */
export function countLive(db: Database): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of SYNC_TABLES) {
    out[t.name] = (db.prepare(`SELECT count(*) AS n FROM ${t.name} WHERE deleted_at IS NULL`).get() as { n: number }).n;
  }
  return out;
}
