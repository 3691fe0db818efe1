import { useRef, useState } from 'react';
import { Alert, Button, Col, Descriptions, Drawer, Row, Space, Spin, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { DevDetail } from '../../../../electron/api/contract';
import { ASSESSMENT_KINDS } from '../../../../electron/domain/partyDev';
import { call, showError } from '../../api/client';
import { DateItem } from '../../components/DateInput';
import { SelectItem, TextItem } from '../../components/fields';
import { NO_FOCUS_RETURN, useFocusBack } from '../../components/focusBack';
import { ModalForm } from '../../components/ModalForm';
import { day, toDayjs } from '../floating/memberForm';
import { useDetail } from './useDetail';
import { ActionLink } from '../../components/ActionLink';
import { ConfirmPop } from '../../components/ConfirmPop';

const readPerson = (id: string) => call('development.get', { id });

type Assessment = DevDetail['assessments'][number];
type Values = { kind: (typeof ASSESSMENT_KINDS)[number]; date: Dayjs | null; content: string };

/** A new record is a half-yearly 考察 unless the clerk picks 培训 (one object: the form's baseline stays put). */
const NEW: Partial<Values> = { kind: '考察' };

/** 新增 (editing null) or 编辑 of one training or half-yearly assessment; Esc asks before dropping typed text. */
function AssessmentModal({ person, editing, onClose, onChanged }: { person: DevDetail; editing: Assessment | null; onClose(): void; onChanged(d: DevDetail): void }) {
  const [initial] = useState<Partial<Values>>(() => (editing ? { kind: editing.kind as Values['kind'], date: toDayjs(editing.date) ?? null, content: editing.content } : NEW));
  return (
    <ModalForm<Values>
      open
      title={`${editing ? '编辑' : '新增'}培养考察记录：${person.name}`}
      name="devAssessment"
      initialValues={initial}
      onClose={onClose}
      onSaved={() => undefined}
      onSubmit={async (v) => {
        const fields = { kind: v.kind, date: day(v.date) ?? '', content: v.content ?? '' };
        onChanged(editing ? await call('development.updateAssessment', { id: editing.id, version: editing.version, ...fields }) : await call('development.addAssessment', { personId: person.id, ...fields }));
      }}
    >
      <Row gutter={12}>
        <Col span={12}>
          <DateItem title="日期" name="date" required notAfterToday />
        </Col>
        <Col span={12}>
          <SelectItem label="类别" name="kind" required values={ASSESSMENT_KINDS} />
        </Col>
      </Row>
      <TextItem label="内容（考察意见、培训内容）" name="content" required max={500} rows={3} />
    </ModalForm>
  );
}

/**
 * 培养考察记录 of one activist or 发展对象: the trainings and the half-yearly assessments (半年考察)
 * since their determination as activist, listed by date, each added, corrected or deleted here.
 */
export function AssessmentsDrawer({ personId, readOnly, onClose, onChanged }: { personId: string | null; readOnly: boolean; onClose(): void; onChanged(): void }) {
  const { shown, setDetail } = useDetail(personId, readPerson, onClose);
  // undefined: no dialog; null: 新增; a record: 编辑.
  const [editing, setEditing] = useState<Assessment | null | undefined>(undefined);
  const back = useFocusBack(personId !== null);
  const addButton = useRef<HTMLButtonElement>(null);

  const changed = (d: DevDetail) => {
    setDetail(d);
    onChanged();
  };
  const remove = async (a: Assessment) => {
    try {
      changed(await call('development.removeAssessment', { id: a.id, version: a.version }));
    } catch (err) {
      showError(err);
    }
  };
  const canAdd = !readOnly && shown?.activistDate != null;

  return (
    <Drawer
      open={personId !== null}
      title={shown ? `培养考察记录：${shown.name}` : '培养考察记录'}
      size={720}
      focusable={NO_FOCUS_RETURN}
      // Keyboard first: Enter on the focused 新增 opens the form with the cursor in 日期.
      afterOpenChange={(o) => (o ? addButton.current?.focus() : back.closed())}
      onClose={onClose}
      destroyOnHidden
    >
      <Spin spinning={!shown} description="正在读取…">
        {shown && (
          <>
            <Descriptions size="small" bordered column={2} style={{ marginBottom: 12 }}>
              <Descriptions.Item label="所属村（社区）">{shown.villageName}</Descriptions.Item>
              <Descriptions.Item label="所处阶段">{shown.exitDate ? `已退出（${shown.stage}）` : shown.stage}</Descriptions.Item>
              <Descriptions.Item label="确定为入党积极分子">{shown.activistDate ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="培养联系人">{[shown.contact1, shown.contact2].filter(Boolean).join('、') || '—'}</Descriptions.Item>
            </Descriptions>
            {!shown.activistDate && <Alert type="info" showIcon title="尚未确定为入党积极分子：确定后（在“记录步骤”中填写日期）才能登记培训和半年考察。" style={{ marginBottom: 12 }} />}
            {!readOnly && (
              <Button ref={addButton} type="primary" icon={<PlusOutlined aria-hidden />} disabled={!canAdd} onClick={() => setEditing(null)} style={{ marginBottom: 12 }}>
                新增考察记录
              </Button>
            )}
            <Table<Assessment>
              size="small"
              bordered
              rowKey="id"
              dataSource={shown.assessments}
              pagination={shown.assessments.length > 10 ? { pageSize: 10, size: 'small' } : false}
              locale={{ emptyText: '暂无培训或考察记录' }}
              columns={[
                { title: '序号', key: 'n', width: 56, align: 'center', render: (_, __, i) => i + 1 },
                { title: '日期', dataIndex: 'date', width: 110 },
                { title: '类别', dataIndex: 'kind', width: 70 },
                { title: '内容', dataIndex: 'content' },
                ...(readOnly
                  ? []
                  : [
                      {
                        title: '操作',
                        key: 'op',
                        width: 110,
                        render: (_: unknown, a: Assessment) => (
                          <Space>
                            <ActionLink onClick={() => setEditing(a)}>编辑</ActionLink>
                            <ConfirmPop title={`确定删除${a.date}的${a.kind}记录吗？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => void remove(a)}>
                              <ActionLink type="danger">删除</ActionLink>
                            </ConfirmPop>
                          </Space>
                        ),
                      },
                    ]),
              ]}
            />
          </>
        )}
      </Spin>
      {/* Mounted only while open: a closed modal kept in the drawer would take Escape from it. */}
      {shown && editing !== undefined && <AssessmentModal key={editing?.id ?? 'new'} person={shown} editing={editing} onClose={() => setEditing(undefined)} onChanged={changed} />}
    </Drawer>
  );
}
