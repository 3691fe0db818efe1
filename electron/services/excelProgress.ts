import type { Handlers } from '../api/dispatch';
import { excelProgress } from '../xlsx/importJob';

/** The running Excel check or import's progress, for every register's import dialog. */
export const excelHandlers = {
  'excel.progress': (core) => excelProgress(core),
} satisfies Partial<Handlers>;
