import { Col, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import type { CaseDetail, CaseListItem, Input } from '../../../../electron/api/contract';
import { MEASURES } from '../../../../electron/domain/partyDev';
import { call } from '../../api/client';
import { DateItem } from '../../components/DateInput';
import { IdNumberItem, SelectItem, TextItem } from '../../components/fields';
import { ModalForm } from '../../components/ModalForm';
import { RecordDrawer, type DrawerTarget } from '../../components/RecordDrawer';
import { NameAndVillage } from './NameAndVillage';
import { day, toDayjs } from '../floating/memberForm';

/** A new form starts empty (one object, so the form's baseline stays put across renders). */
const NONE = {};

type CaseValues = Omit<Input<'rectification.create'>, 'findingDate' | 'joinedDate'> & { findingDate: Dayjs | null; joinedDate?: Dayjs | null };

const opt = (s: string | null | undefined) => (s && s.trim() ? s : null);
const toInput = (v: CaseValues): Input<'rectification.create'> => ({
  ...v, idNumber: opt(v.idNumber), findingDate: day(v.findingDate) ?? '', joinedDate: day(v.joinedDate), note: opt(v.note),
});

const load = async (id: string) => {
  const d = await call('rectification.get', { id });
  const full = d.idNumber ? (await call('rectification.revealId', { id, purpose: 'edit' })).idNumber : null;
  const values: Partial<CaseValues> = {
    villageId: d.villageId, name: d.name, idNumber: full ?? undefined, joinedDate: toDayjs(d.joinedDate), findingDate: toDayjs(d.findingDate),
    finding: d.finding, note: d.note ?? undefined,
  };
  return { id: d.id, version: d.version, values };
};
const save = (v: CaseValues, existing: { id: string; version: number } | null): Promise<CaseDetail> =>
  existing ? call('rectification.update', { ...existing, ...toInput(v) }) : call('rectification.create', toInput(v));

/** Add / edit a 排查整顿 case: the member found to have been developed irregularly, and the finding. */
export function CaseDrawer(props: { target: DrawerTarget; onClose(): void; onSaved(): void }) {
  return (
    <RecordDrawer<CaseValues, CaseDetail> {...props} titles={['新增排查整顿案例', '编辑排查整顿案例']} formName="devCase" initialValues={NONE} focusField="name" load={load} save={save}>
      <NameAndVillage />
      <IdNumberItem required={false} />
      <Row gutter={16}>
        <Col span={12}>
          <DateItem title="入党时间" name="joinedDate" notAfterToday />
        </Col>
        <Col span={12}>
          <DateItem title="认定日期" name="findingDate" required notAfterToday />
        </Col>
      </Row>
      <TextItem label="认定的违规违纪问题" name="finding" required max={500} rows={3} />
      <TextItem label="备注" name="note" max={500} rows={2} />
    </RecordDrawer>
  );
}

type MeasureValues = { measure: Input<'rectification.addMeasure'>['measure']; date: Dayjs | null; note?: string | null };

/** Adds one dated measure (重新履行入党手续 … 撤销党内职务) to a case. */
export function MeasureModal({ target, onClose, onSaved }: { target: CaseListItem | null; onClose(): void; onSaved(): void }) {
  return (
    <ModalForm<MeasureValues>
      open={target !== null}
      title={`添加处置措施：${target?.name ?? ''}`}
      name="devMeasure"
      initialValues={NONE}
      onClose={onClose}
      onSaved={onSaved}
      onSubmit={async (v) => {
        await call('rectification.addMeasure', { caseId: target!.id, measure: v.measure, date: day(v.date) ?? '', note: opt(v.note) });
      }}
    >
      <SelectItem label="处置措施" name="measure" required values={MEASURES} />
      <DateItem title="处置日期" name="date" required notAfterToday />
      <TextItem label="说明" name="note" max={200} />
    </ModalForm>
  );
}
