import { call } from '../../api/client';
import type { ImportSpec } from '../../components/ImportModal';

/** 驻村干部名册 from Excel: each row a cadre and, with a village, their current posting. */
export const cadreImport: ImportSpec = {
  title: '导入驻村干部名册',
  fileLabel: '名册文件',
  hint: '表头需包含姓名、身份证号、派出单位；驻村干部的驻村村（社区）、驻村角色、驻村开始日期一并导入；',
  rowNoun: '名驻村干部',
  run: (file, mode, dryRun) => call('cadres.importXlsx', { file, mode, dryRun }),
  template: () => call('cadres.template', {}),
};
