import { Col, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { FloatingDetail, RecordSaved } from '../../../../electron/api/contract';
import { CONTACT_WAYS } from '../../../../electron/domain/floating';
import { call } from '../../api/client';
import { DateItem } from '../../components/DateInput';
import { SelectItem, TextItem } from '../../components/fields';
import { ModalForm } from '../../components/ModalForm';
import { day } from './memberForm';

export interface RecordValues {
  contactDate: Dayjs;
  way: (typeof CONTACT_WAYS)[number];
  madeBy: string;
  content: string;
  needs?: string | null;
}

type ContactRecord = FloatingDetail['records'][number];

/** The contact-record fields, shared by the add form and the edit modal. */
export function RecordFields() {
  return (
    <>
      <Row gutter={12}>
        <Col span={8}>
          <DateItem title="联系日期" name="contactDate" required notAfterToday />
        </Col>
        <Col span={8}>
          <SelectItem label="联系方式" name="way" required values={CONTACT_WAYS} />
        </Col>
        <Col span={8}>
          <TextItem label="联系人员" name="madeBy" required max={30} />
        </Col>
      </Row>
      <TextItem label="联系内容" name="content" required max={1000} rows={2} />
      <TextItem label="党员诉求" name="needs" max={500} rows={1} />
    </>
  );
}

/** What the add and edit forms send, besides the member or the record's id and version. */
export const recordInput = (v: RecordValues) => ({
  contactDate: day(v.contactDate) ?? '',
  way: v.way,
  madeBy: v.madeBy ?? '',
  content: v.content ?? '',
  needs: v.needs || null,
});

/**
 * 编辑 of one contact record: the same fields, prefilled; the version read with the member goes
 * with the save, so an edit made meanwhile elsewhere is refused rather than overwritten. The answer
 * carries the record as saved and the member's re-derived last-contact date and flag.
 */
export function RecordEditModal({ record, onClose, onSaved }: { record: ContactRecord | null; onClose(): void; onSaved(s: RecordSaved): void }) {
  return (
    <ModalForm<RecordValues>
      open={record !== null}
      title="编辑联系记录"
      name="floating-edit-record"
      initialValues={record ? { contactDate: dayjs(record.contactDate), way: record.way as RecordValues['way'], madeBy: record.madeBy, content: record.content, needs: record.needs } : {}}
      onClose={onClose}
      onSaved={() => undefined}
      onSubmit={async (v) => {
        if (!record) return;
        onSaved(await call('floating.updateRecord', { id: record.id, version: record.version, ...recordInput(v) }));
      }}
    >
      <RecordFields />
    </ModalForm>
  );
}
