import { call } from '../../api/client';
import type { ImportSpec } from '../../components/ImportModal';

/** 发展党员台账 from Excel: each row a person with the dates of the steps taken. */
export const devImport: ImportSpec = {
  title: '导入发展党员台账',
  fileLabel: '台账文件',
  hint: '表头需包含村（社区）、姓名、身份证号、入党申请日期，各步骤的日期按已完成的填写；',
  rowNoun: '名发展党员对象',
  run: (file, mode, dryRun) => call('development.importXlsx', { file, mode, dryRun }),
  template: () => call('development.template', {}),
};
