import { useState } from 'react';
import { Form } from 'antd';
import { call } from '../../api/client';
import { ImportModal as SharedImportModal } from '../../components/ImportModal';
import { VillageSelect } from '../../components/VillageSelect';

interface Props {
  open: boolean;
  onClose(): void;
  onImported(): void;
}

/** Import of an existing roster into one village (paper rosters are kept per village). */
export function ImportModal({ open, onClose, onImported }: Props) {
  const [villageId, setVillageId] = useState<string | undefined>();
  return (
    <SharedImportModal
      open={open}
      onClose={onClose}
      onImported={onImported}
      title="导入流动党员名册"
      fileLabel="名册文件"
      hint="表头需包含姓名、身份证号、流出时间、流入地；"
      rowNoun="名流动党员"
      run={(file, mode, dryRun) => call('floating.importXlsx', { file, villageId: villageId!, mode, dryRun })}
      template={() => call('floating.template', {})}
      ready={Boolean(villageId)}
      context={villageId}
    >
      <Form.Item label="导入到村（社区）" required htmlFor="floatingImportVillage">
        <VillageSelect id="floatingImportVillage" value={villageId} onChange={setVillageId} />
      </Form.Item>
    </SharedImportModal>
  );
}
