import { useState } from 'react';
import { App, Button, Col, DatePicker, Form, Input, Popconfirm, Row, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { FloatingDetail } from '../../../../electron/api/contract';
import { CONTACT_WAYS } from '../../../../electron/domain/floating';
import { call, reportError, showError } from '../../api/client';
import { useUnit } from '../../stores/appStore';
import { day } from './memberForm';

interface Values {
  contactDate: Dayjs;
  way: (typeof CONTACT_WAYS)[number];
  madeBy: string;
  content: string;
  needs?: string;
}

/** Contact records, newest first; the last-contact date shown elsewhere is derived from these. */
export function RecordSection({ member, readOnly, onChanged }: { member: FloatingDetail; readOnly: boolean; onChanged(d: FloatingDetail): void }) {
  const { message } = App.useApp();
  const unit = useUnit();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const current = member.contacts.find((c) => c.endDate === null);

  async function submit(v: Values) {
    setSaving(true);
    try {
      const d = await call('floating.addRecord', {
        memberId: member.id,
        contactDate: day(v.contactDate) ?? '',
        way: v.way,
        madeBy: v.madeBy,
        content: v.content,
        needs: v.needs || null,
      });
      void message.success('已添加联系记录');
      form.resetFields(['content', 'needs']);
      onChanged(d);
    } catch (err) {
      reportError(form, err);
    } finally {
      setSaving(false);
    }
  }

  const remove = async (id: string, version: number) => {
    try {
      onChanged(await call('floating.removeRecord', { id, version }));
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
          initialValues={{ contactDate: dayjs(), way: '电话', madeBy: current?.cadreName ?? unit?.operator ?? '' }}
          onFinish={(v) => void submit(v)}
        >
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item label="联系日期" name="contactDate" rules={[{ required: true, message: '请选择联系日期' }]}>
                <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="联系方式" name="way" rules={[{ required: true, message: '请选择联系方式' }]}>
                <Select options={CONTACT_WAYS.map((w) => ({ value: w, label: w }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="联系人员" name="madeBy" rules={[{ required: true, whitespace: true, message: '请填写联系人员' }]}>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="联系内容" name="content" rules={[{ required: true, whitespace: true, message: '请填写联系内容' }]}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
          <Form.Item label="党员诉求" name="needs">
            <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
          </Form.Item>
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
          { title: '诉求', dataIndex: 'needs', render: (s: string | null) => s ?? '—' },
          ...(readOnly
            ? []
            : [
                {
                  title: '操作',
                  key: 'op',
                  width: 60,
                  render: (_: unknown, r: FloatingDetail['records'][number]) => (
                    <Popconfirm title="确定删除该联系记录吗？" okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => void remove(r.id, r.version)}>
                      <Typography.Link type="danger">删除</Typography.Link>
                    </Popconfirm>
                  ),
                },
              ]),
        ]}
      />
    </>
  );
}
