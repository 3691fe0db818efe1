import { useCallback, useState, type ReactNode } from 'react';
import { Alert, Button, Col, Divider, Form, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import type { DevDetail, DevStepValues, Input } from '../../../../electron/api/contract';
import { ACTIVIST_WAYS, EXIT_KINDS } from '../../../../electron/domain/partyDev';
import { call } from '../../api/client';
import { DateItem } from '../../components/DateInput';
import { SelectItem, TextItem } from '../../components/fields';
import { RecordDrawer, type DrawerTarget } from '../../components/RecordDrawer';
import { day, toDayjs } from '../floating/memberForm';
import { WholeNumber } from '../../components/WholeNumber';

/** A new form starts empty (one object, so the form's baseline stays put across renders). */
const NONE = {};

const DATE_KEYS = [
  'talkDate', 'activistDate', 'candidateDate', 'reviewDate', 'trainingDate', 'publicityStart', 'publicityEnd', 'acceptDate', 'approvalDate',
  'oathDate', 'extensionDate', 'fullApplyDate', 'fullMeetingDate', 'fullApprovalDate', 'exitDate',
] as const satisfies readonly (keyof DevStepValues)[];
type DateKey = (typeof DATE_KEYS)[number];
type Values = Omit<DevStepValues, DateKey> & { [K in DateKey]: Dayjs | null | undefined };

const opt = (s: string | null | undefined) => (s && String(s).trim() ? s : null);

function toInput(v: Values): Omit<Input<'development.steps'>, 'id' | 'version'> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = (DATE_KEYS as readonly string[]).includes(k) ? day(x as Dayjs | null) : typeof x === 'number' ? x : opt(x as string | null);
  return out;
}

async function loadSteps(id: string, seen: (d: DevDetail) => void) {
  const d = await call('development.get', { id });
  seen(d);
  const values: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(d)) values[k] = (DATE_KEYS as readonly string[]).includes(k) ? toDayjs(x as string | null) : (x ?? undefined);
  return { id: d.id, version: d.version, values: values as Partial<Values> };
}
const save = (v: Values, existing: { id: string; version: number } | null): Promise<DevDetail> => call('development.steps', { ...existing!, ...toInput(v) });

const Num = ({ label, name, max }: { label: string; name: string; max: number }) => (
  <Form.Item label={label} name={name}>
    <WholeNumber style={{ width: '100%' }} placeholder={`0–${max}`} />
  </Form.Item>
);

/** What the drawer says above the form: the deadlines from the rules, and the rules not kept. */
function Deadlines({ d }: { d: DevDetail | null }) {
  if (!d) return null;
  const dl = d.deadlines;
  const parts = [
    !d.talkDate && `谈话期限：${dl.talkDue}`,
    dl.candidateFrom && !d.candidateDate && `可确定为发展对象：${dl.candidateFrom}起`,
    dl.publicityDue && `公示应至：${dl.publicityDue}`,
    dl.approvalDue && !d.approvalDate && `审批期限：${dl.approvalDue}（最长${dl.approvalMax}）`,
    dl.probationEnd && !d.fullApprovalDate && `预备期满：${dl.probationEnd}`,
  ].filter(Boolean);
  return (
    <>
      {parts.length > 0 && <Alert type="info" showIcon message={`${d.name}（${d.stage}）：${parts.join('；')}`} style={{ marginBottom: 12 }} />}
      {d.breaches.length > 0 && <Alert type="warning" showIcon message={`不符合时间规定：${d.breaches.join('；')}`} style={{ marginBottom: 12 }} />}
    </>
  );
}

const Pair = ({ children }: { children: [ReactNode, ReactNode] }) => (
  <Row gutter={16}>
    <Col span={12}>{children[0]}</Col>
    <Col span={12}>{children[1]}</Col>
  </Row>
);

/** Records the development steps of one person, stage by stage; dates go through DateItem. */
export function StepsDrawer({ onAssessments, ...props }: { target: DrawerTarget; onClose(): void; onSaved(): void; onAssessments(id: string): void }) {
  const [detail, setDetail] = useState<DevDetail | null>(null);
  const load = useCallback((id: string) => loadSteps(id, setDetail), []);
  const shown = detail?.id === props.target ? detail : null;
  return (
    <RecordDrawer<Values, DevDetail> {...props} titles={['记录发展步骤', '记录发展步骤']} formName="devSteps" initialValues={NONE} focusField="talkDate" width={640} load={load} save={save}>
      <Deadlines d={shown} />
      <Divider plain>入党申请人</Divider>
      <Pair>
        <DateItem title="谈话日期" name="talkDate" notAfterToday />
        <TextItem label="谈话人" name="talkBy" max={30} />
      </Pair>
      <Divider plain>入党积极分子</Divider>
      <Pair>
        <DateItem title="确定为入党积极分子日期" name="activistDate" notAfterToday />
        <SelectItem label="推荐方式" name="activistWay" values={ACTIVIST_WAYS} allowClear />
      </Pair>
      <Pair>
        <TextItem label="培养联系人一" name="contact1" max={30} />
        <TextItem label="培养联系人二" name="contact2" max={30} />
      </Pair>
      {shown && (
        <Form.Item label="培训和半年考察">
          {/* The records have their own screen (each saved at once): the steps form keeps its own edits meanwhile. */}
          <Button onClick={() => onAssessments(shown.id)}>培养考察记录（{shown.assessments.length} 条）</Button>
        </Form.Item>
      )}
      <Divider plain>发展对象</Divider>
      <Pair>
        <DateItem title="确定为发展对象日期" name="candidateDate" notAfterToday />
        <DateItem title="政治审查日期" name="reviewDate" notAfterToday />
      </Pair>
      <Pair>
        <TextItem label="入党介绍人一" name="introducer1" max={30} />
        <TextItem label="入党介绍人二" name="introducer2" max={30} />
      </Pair>
      <Pair>
        <DateItem title="集中培训日期" name="trainingDate" notAfterToday />
        <DateItem title="公示开始日期" name="publicityStart" notAfterToday />
      </Pair>
      <Pair>
        <DateItem title="公示结束日期" name="publicityEnd" notAfterToday />
        <DateItem title="支部大会接收日期" name="acceptDate" notAfterToday />
      </Pair>
      <Row gutter={16}>
        <Col span={8}>
          <Num label="赞成票" name="votesFor" max={10000} />
        </Col>
        <Col span={8}>
          <Num label="反对票" name="votesAgainst" max={10000} />
        </Col>
        <Col span={8}>
          <Num label="弃权票" name="votesAbstain" max={10000} />
        </Col>
      </Row>
      <Divider plain>预备党员</Divider>
      <Pair>
        <DateItem title="乡镇党委审批日期" name="approvalDate" notAfterToday />
        <DateItem title="入党宣誓日期" name="oathDate" notAfterToday />
      </Pair>
      <Pair>
        <DateItem title="延长预备期决定日期" name="extensionDate" notAfterToday />
        <Num label="延长预备期（月，只能延长一次）" name="extensionMonths" max={24} />
      </Pair>
      <Pair>
        <DateItem title="转正申请日期" name="fullApplyDate" notAfterToday />
        <DateItem title="转正支部大会日期" name="fullMeetingDate" notAfterToday />
      </Pair>
      <DateItem title="转正审批日期" name="fullApprovalDate" notAfterToday />
      <Divider plain>退出发展程序</Divider>
      <Pair>
        <DateItem title="退出日期" name="exitDate" notAfterToday />
        <SelectItem label="退出情形" name="exitKind" values={EXIT_KINDS} allowClear />
      </Pair>
      <TextItem label="退出原因" name="exitReason" max={200} />
    </RecordDrawer>
  );
}
