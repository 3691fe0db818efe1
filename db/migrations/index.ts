import { sql as m001 } from './001_base';
import { sql as m002 } from './002_villages';
import { sql as m003 } from './003_village_years';
import { sql as m004 } from './004_cadres';
import { sql as m005 } from './005_floating';
import { sql as m006 } from './006_projects';
import { sql as m007 } from './007_sync';
import { sql as m008 } from './008_sync_refused';
import { sql as m009 } from './009_sync_trust';
import { sql as m010 } from './010_list_speed';
import { sql as m011 } from './011_party_development';
import { sql as m012 } from './012_star_ratings';
import { sql as m013 } from './013_report_speed';
import { sql as m014 } from './014_village_pins';
import { sql as m015 } from './015_report_roster';
import { sql as m016 } from './016_list_counts';
import { sql as m017 } from './017_report_counts';
import { sql as m018 } from './018_dashboard_speed';
import { sql as m019 } from './019_audit_at_dropped';
import { sql as m020 } from './020_report_work_logs';
import { sql as m021 } from './021_report_roster_counts';
import { sql as m022 } from './022_report_sections';
import { sql as m023 } from './023_laptop_proofs';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Sorted by version; the last one's version is the schema version this build writes. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'base', sql: m001 },
  { version: 2, name: 'villages', sql: m002 },
  { version: 3, name: 'village_years', sql: m003 },
  { version: 4, name: 'cadres', sql: m004 },
  { version: 5, name: 'floating', sql: m005 },
  { version: 6, name: 'projects', sql: m006 },
  { version: 7, name: 'sync', sql: m007 },
  { version: 8, name: 'sync_refused', sql: m008 },
  { version: 9, name: 'sync_trust', sql: m009 },
  { version: 10, name: 'list_speed', sql: m010 },
  { version: 11, name: 'party_development', sql: m011 },
  { version: 12, name: 'star_ratings', sql: m012 },
  { version: 13, name: 'report_speed', sql: m013 },
  { version: 14, name: 'village_pins', sql: m014 },
  { version: 15, name: 'report_roster', sql: m015 },
  { version: 16, name: 'list_counts', sql: m016 },
  { version: 17, name: 'report_counts', sql: m017 },
  { version: 18, name: 'dashboard_speed', sql: m018 },
  { version: 19, name: 'audit_at_dropped', sql: m019 },
  { version: 20, name: 'report_work_logs', sql: m020 },
  { version: 21, name: 'report_roster_counts', sql: m021 },
  { version: 22, name: 'report_sections', sql: m022 },
  { version: 23, name: 'laptop_proofs', sql: m023 },
].sort((a, b) => a.version - b.version);

export const LATEST_VERSION = migrations[migrations.length - 1]!.version;
