import type { Database } from 'better-sqlite3';
import { cadreReport, type CadreReport } from './cadres';
import { floatingReport, type FloatingReport } from './floating';
import { partyDevReport, type PartyDevReport } from './partyDev';
import { reportParams, type ReportPeriod, type ReportScope } from './period';
import { projectReport, type ProjectReport } from './projects';
import { starReport, type StarReport } from './stars';
import { workLogReport, type WorkLogReport } from './workLogs';

export type { CadreReport, WorkLogReport, FloatingReport, ProjectReport, PartyDevReport, StarReport, ReportPeriod, ReportScope };
export type { AbsentEntry } from './cadres';

/** Every section of the report for one scope (a township, or the whole database). */
export interface ReportFigures {
  cadres: CadreReport;
  workLogs: WorkLogReport;
  floating: FloatingReport;
  projects: ProjectReport;
  partyDev: PartyDevReport;
  stars: StarReport;
}

/** All figures for one period and scope, each computed now from the live rows. */
export function reportFigures(db: Database, period: ReportPeriod, scope: ReportScope): ReportFigures {
  const params = reportParams(period, scope);
  return {
    cadres: cadreReport(db, params),
    workLogs: workLogReport(db, params),
    floating: floatingReport(db, params),
    projects: projectReport(db, params),
    partyDev: partyDevReport(db, params),
    stars: starReport(db, params),
  };
}
