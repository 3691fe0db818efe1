import { auditHandlers } from '../services/audit';
import { backupHandlers } from '../services/backup';
import { lockHandlers } from '../services/lock';
import { dashboardHandlers } from '../services/dashboard';
import { syncHandlers } from '../sync/service';
import { villageSyncHandlers } from '../sync/villageService';
import { cadreHandlers } from '../services/cadres';
import { cadreXlsxHandlers } from '../services/cadresXlsx';
import { excelHandlers } from '../services/excelProgress';
import { floatingHandlers } from '../services/floating';
import { partyDevHandlers } from '../services/partyDev';
import { partyDevImportHandlers } from '../services/partyDevImport';
import { projectHandlers } from '../services/projects';
import { rectificationHandlers } from '../services/rectification';
import { reportHandlers } from '../services/reports';
import { projectXlsxHandlers } from '../services/projectsXlsx';
import { revealHandlers } from '../services/reveal';
import { settingsHandlers } from '../services/settings';
import { setupHandlers } from '../services/setup';
import { villageHandlers } from '../services/villages';
import { starHandlers } from '../services/stars';
import { starImportHandlers } from '../services/starsImport';
import type { Handlers } from './dispatch';

/** Every channel's handler; the type makes a missing one a compile error. */
export const handlers: Handlers = {
  ...setupHandlers,
  ...settingsHandlers,
  ...villageHandlers,
  ...cadreHandlers,
  ...floatingHandlers,
  ...projectHandlers,
  ...reportHandlers,
  ...cadreXlsxHandlers,
  ...projectXlsxHandlers,
  ...excelHandlers,
  ...revealHandlers,
  ...syncHandlers,
  ...villageSyncHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...lockHandlers,
  ...dashboardHandlers,
  ...partyDevHandlers,
  ...rectificationHandlers,
  ...starHandlers,
  ...partyDevImportHandlers,
  ...starImportHandlers,
};
