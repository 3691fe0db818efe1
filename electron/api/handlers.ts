import { auditHandlers } from '../services/audit';
import { syncHandlers } from '../sync/service';
import { cadreHandlers } from '../services/cadres';
import { floatingHandlers } from '../services/floating';
import { projectHandlers } from '../services/projects';
import { settingsHandlers } from '../services/settings';
import { setupHandlers } from '../services/setup';
import { villageHandlers } from '../services/villages';
import type { Handlers } from './dispatch';

/** Every channel's handler; the type makes a missing one a compile error. */
export const handlers: Handlers = {
  ...setupHandlers,
  ...settingsHandlers,
  ...villageHandlers,
  ...cadreHandlers,
  ...floatingHandlers,
  ...projectHandlers,
  ...syncHandlers,
  ...auditHandlers,
};
