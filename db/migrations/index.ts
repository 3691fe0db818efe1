import { sql as m001 } from './001_base';
import { sql as m002 } from './002_villages';
import { sql as m003 } from './003_village_years';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** In order; the last one's version is the schema version this build writes. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'base', sql: m001 },
  { version: 2, name: 'villages', sql: m002 },
  { version: 3, name: 'village_years', sql: m003 },
];

export const LATEST_VERSION = migrations[migrations.length - 1]!.version;
