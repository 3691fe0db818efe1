import { useEffect, useRef, useState } from 'react';
import { App, Button, Form, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { FloatingDetail, RecordSaved } from '../../../../electron/api/contract';
import { call, reportError, showError } from '../../api/client';
import { FIRST_ERROR, formState, useDirtyCheck, useEdits } from '../../components/formState';
import { useUnit } from '../../stores/appStore';
import { RecordEditModal, RecordFields, recordInput, type RecordValues as Values } from './RecordEdit';
import { ActionLink } from '../../components/ActionLink';
import { ConfirmPop } from '../../components/ConfirmPop';

type ContactRecord = FloatingDetail['records'][number];

/** Contact records, newest first; the last-contact date shown elsewhere is derived from these. */
/** Date, way and contact person are carried over between records: only the typed text is at stake. */
const CARRIED = ['content', 'needs'];

export function RecordSection({ member, readOnly, onSaved }: { member: FloatingDetail; readOnly: boolean; onSaved(s: RecordSaved): void }) {
  const { message } = App.useApp();
  const unit = useUnit();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [editing, setEditing] = useState<ContactRecord | null>(null);
  const edits = useEdits(form, CARRIED);
  useDirtyCheck(() => formState(edits.isEdited(), saving));
  const current = member.contacts.find((c) => c.endDate === null);
  const madeBy = current?.cadreName ?? unit?.operator ?? '';

  // 更换联系人 above changes who makes the contacts: the box follows, unless the clerk typed
  // someone else, so a record is never saved under the contact who was just replaced.
  const shownMadeBy = useRef(madeBy);
  useEffect(() => {
    if (shownMadeBy.current === madeBy) return;
    const typed = form.getFieldValue('madeBy') as string | undefined;
    if (!typed || typed === shownMadeBy.current) form.setFieldValue('madeBy', madeBy);
    shownMadeBy.current = madeBy;
  }, [madeBy, form]);

  async function submit(v: Values) {
    setSaving(true);
    try {
      const saved = await call('floating.addRecord', { memberId: member.id, ...recordInput(v) });
      void message.success('已添加联系记录');
      form.resetFields(['content', 'needs']);
      edits.settle();
      onSaved(saved);
    } catch (err) {
      reportError(form, err);
    } finally {
      setSaving(false);
    }
  }

  const remove = async (id: string, version: number) => {
    try {
      onSaved(await call('floating.removeRecord', { id, version }));
      void message.success('已删除联系记录');
    } catch (err) {
      showError(err);
    }
  };

  return (
    <>
      <Typography.Title level={5}>联系记录（最近联系：{member.lastContactDate ?? '无'}）</Typography.Title>
      {!readOnly && (
        <Form<Values>
          form={form}
          name="addRecord"
          layout="vertical"
          initialValues={{ contactDate: dayjs(), way: '电话', madeBy }}
          onFinish={(v) => void submit(v)}
          onValuesChange={edits.onValuesChange}
          scrollToFirstError={FIRST_ERROR}
        >
          <RecordFields />
          <Button type="primary" htmlType="submit" loading={saving}>
            添加联系记录
          </Button>
        </Form>
      )}
      <Table
        style={{ marginTop: 12 }}
        size="small"
        bordered
        rowKey="id"
        dataSource={member.records}
        pagination={member.records.length > 10 ? { pageSize: 10, size: 'small' } : false}
        locale={{ emptyText: '暂无联系记录' }}
        columns={[
          { title: '日期', dataIndex: 'contactDate', width: 100 },
          { title: '方式', dataIndex: 'way', width: 60 },
          { title: '联系人员', dataIndex: 'madeBy', width: 80 },
          { title: '内容', dataIndex: 'content' },
          // A width of its own: a long 内容 squeezed it to one character a line.
          { title: '诉求', dataIndex: 'needs', width: 150, render: (s: string | null) => s ?? '—' },
          ...(readOnly
            ? []
            : [
                {
                  title: '操作',
                  key: 'op',
                  width: 100,
                  render: (_: unknown, r: ContactRecord) => (
                    <Space>
                      <ActionLink onClick={() => setEditing(r)}>编辑</ActionLink>
                      <ConfirmPop title="确定删除该联系记录吗？" okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => void remove(r.id, r.version)}>
                        <ActionLink type="danger">删除</ActionLink>
                      </ConfirmPop>
                    </Space>
                  ),
                },
              ]),
        ]}
      />
      {/* Mounted only while editing: a closed modal kept in the drawer would take Escape from it. */}
      {!readOnly && editing && <RecordEditModal record={editing} onClose={() => setEditing(null)} onSaved={onSaved} />}
    </>
  );
}
