import { Col, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import type { DevDetail, Input } from '../../../../electron/api/contract';
import { EDUCATIONS, ETHNICITIES } from '../../../../electron/domain/person';
import { call } from '../../api/client';
import { DateItem } from '../../components/DateInput';
import { IdNumberItem, SelectItem, TextItem } from '../../components/fields';
import { RecordDrawer, type DrawerTarget } from '../../components/RecordDrawer';
import { NameAndVillage } from './NameAndVillage';
import { day, toDayjs } from '../floating/memberForm';

/** A new form starts empty (one object, so the form's baseline stays put across renders). */
const NONE = {};

type Values = Omit<Input<'development.create'>, 'applicationDate'> & { applicationDate: Dayjs | null };

const opt = (s: string | null | undefined) => (s && s.trim() ? s : null);
const toInput = (v: Values): Input<'development.create'> => ({
  ...v, applicationDate: day(v.applicationDate) ?? '', ethnicity: v.ethnicity ?? null, education: v.education ?? null, note: opt(v.note),
});

const load = async (id: string) => {
  // Editing needs the full ID number: opening the form is a reveal, logged in 操作日志.
  const [d, full] = await Promise.all([call('development.get', { id }), call('development.revealId', { id, purpose: 'edit' })]);
  const values: Partial<Values> = {
    villageId: d.villageId, name: d.name, idNumber: full.idNumber, ethnicity: (d.ethnicity as Values['ethnicity']) ?? undefined,
    education: (d.education as Values['education']) ?? undefined, applicationDate: toDayjs(d.applicationDate), note: d.note ?? undefined,
  };
  return { id: d.id, version: d.version, values };
};
const save = (v: Values, existing: { id: string; version: number } | null): Promise<DevDetail> =>
  existing ? call('development.update', { ...existing, ...toInput(v) }) : call('development.create', toInput(v));

/** Add / edit a person in the pipeline: who they are and when they applied (the steps have their own drawer). */
export function PersonDrawer(props: { target: DrawerTarget; onClose(): void; onSaved(): void }) {
  return (
    <RecordDrawer<Values, DevDetail> {...props} titles={['新增入党申请人', '编辑发展党员对象']} formName="devPerson" initialValues={NONE} focusField="name" load={load} save={save}>
      <NameAndVillage />
      <IdNumberItem />
      <Row gutter={16}>
        <Col span={12}>
          <SelectItem label="民族" name="ethnicity" values={ETHNICITIES} allowClear />
        </Col>
        <Col span={12}>
          <SelectItem label="学历" name="education" values={EDUCATIONS} allowClear />
        </Col>
      </Row>
      <DateItem title="入党申请日期" name="applicationDate" required notAfterToday />
      <TextItem label="备注" name="note" max={500} rows={2} />
    </RecordDrawer>
  );
}
