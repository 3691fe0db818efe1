import { call } from '../../api/client';
import type { ImportSpec } from '../../components/ImportModal';

/** 一村一项目台账 from Excel: each row a project with its funding in 万元. */
export const projectImport: ImportSpec = {
  title: '导入一村一项目台账',
  fileLabel: '台账文件',
  hint: '表头需包含村（社区）、年度、项目名称、总投资（万元）；',
  rowNoun: '个项目',
  run: (file, mode, dryRun) => call('projects.importXlsx', { file, mode, dryRun }),
  template: () => call('projects.template', {}),
};
