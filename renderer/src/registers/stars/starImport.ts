import { call } from '../../api/client';
import type { ImportSpec } from '../../components/ImportModal';

/** 评星定级台账 from Excel: one row per village per year. */
export const starImport: ImportSpec = {
  title: '导入评星定级台账',
  fileLabel: '台账文件',
  hint: '表头需包含村（社区）、评定年度、星级，每个村（社区）每年一行；',
  rowNoun: '条评定记录',
  run: (file, mode, dryRun) => call('stars.importXlsx', { file, mode, dryRun }),
  template: () => call('stars.template', {}),
};
