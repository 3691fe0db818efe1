import { useState } from 'react';
import { Col, Form, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { FLOAT_REASONS } from '../../../../electron/domain/floating';

type FloatReason = (typeof FLOAT_REASONS)[number];
import { call } from '../../api/client';
import { dateRefusal, DateInput } from '../../components/DateInput';
import { ImportModal as SharedImportModal } from '../../components/ImportModal';
import { options } from '../../components/options';
import { VillageSelect } from '../../components/VillageSelect';

interface Props {
  open: boolean;
  onClose(): void;
  onImported(): void;
}

/** Import of an existing roster into one village (paper rosters are kept per village). */
export function ImportModal({ open, onClose, onImported }: Props) {
  const [villageId, setVillageId] = useState<string | undefined>();
  // For blanks in the file only, and only when the clerk chooses: the import assumes nothing.
  const [reason, setReason] = useState<FloatReason | null>(null);
  const [start, setStart] = useState<Dayjs | null>(null);
  const startRefused = dateRefusal(start);
  const contactStart = start && !startRefused ? start.format('YYYY-MM-DD') : null;
  return (
    <SharedImportModal
      open={open}
      onClose={onClose}
      onImported={onImported}
      title="导入流动党员名册"
      fileLabel="名册文件"
      hint="表头需包含姓名、身份证号、流出时间、流入地；"
      rowNoun="名流动党员"
      run={(file, mode, dryRun) => call('floating.importXlsx', { file, villageId: villageId!, mode, dryRun, reason, contactStart })}
      template={() => call('floating.template', {})}
      ready={Boolean(villageId) && !startRefused}
      context={`${villageId}|${reason}|${contactStart}`}
    >
      <Form.Item label="导入到村（社区）" required htmlFor="floatingImportVillage">
        <VillageSelect id="floatingImportVillage" value={villageId} onChange={setVillageId} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item label="外出原因未填时" htmlFor="floatingImportReason" extra="文件无此列或某行未填时使用；不选则这些行报错">
            <Select id="floatingImportReason" allowClear showSearch placeholder="不选" value={reason} onChange={(v) => setReason(v ?? null)} options={options(FLOAT_REASONS)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="联系开始时间未填时" htmlFor="floatingImportContactStart" extra="一对一联系人未写开始时间时使用" validateStatus={startRefused ? 'error' : undefined} help={startRefused ?? undefined}>
            <DateInput id="floatingImportContactStart" value={start} onChange={setStart} notAfterToday />
          </Form.Item>
        </Col>
      </Row>
    </SharedImportModal>
  );
}
