import { useState } from 'react';
import { App, Button, Col, Form, Input, Row, Select, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { FloatingDetail } from '../../../../electron/api/contract';
import { FLOAT_STATUSES, type FloatStatus } from '../../../../electron/domain/floating';
import { call, reportError } from '../../api/client';
import { DateItem } from '../../components/DateInput';
import { day } from './memberForm';

interface Values {
  status: FloatStatus;
  date: Dayjs;
  transferTo?: string;
  note?: string;
}

/** 外出中 → 已返回 / 组织关系转出 (and back), each change kept in the history. */
export function StatusSection({ member, readOnly, onChanged }: { member: FloatingDetail; readOnly: boolean; onChanged(d: FloatingDetail): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const status = Form.useWatch('status', form);

  async function submit(v: Values) {
    setSaving(true);
    try {
      const d = await call('floating.changeStatus', {
        id: member.id,
        version: member.version,
        status: v.status,
        date: day(v.date) ?? '',
        transferTo: v.transferTo || null,
        note: v.note || null,
      });
      void message.success('已变更状态');
      form.resetFields();
      onChanged(d);
    } catch (err) {
      reportError(form, err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <Typography.Title level={5}>状态：{member.status}</Typography.Title>
      <Timeline
        items={member.history.map((h) => ({
          content: `${h.date} ${h.status}${h.transferTo ? `（转往 ${h.transferTo}）` : ''}${h.note ? `：${h.note}` : ''}`,
        }))}
      />
      {!readOnly && (
        <Form<Values> form={form} name="changeStatus" layout="vertical" initialValues={{ date: dayjs() }} onFinish={(v) => void submit(v)}>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item label="变更为" name="status" rules={[{ required: true, message: '请选择状态' }]}>
                <Select options={FLOAT_STATUSES.filter((s) => s !== member.status).map((s) => ({ value: s, label: s }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <DateItem title="变更日期" name="date" required notAfterToday />
            </Col>
            <Col span={8}>
              {status === '组织关系转出' && (
                <Form.Item label="转往党组织" name="transferTo" rules={[{ required: true, whitespace: true, message: '请填写转往党组织' }]}>
                  <Input maxLength={100} />
                </Form.Item>
              )}
            </Col>
          </Row>
          <Form.Item label="说明" name="note">
            <Input maxLength={500} />
          </Form.Item>
          <Button htmlType="submit" loading={saving}>
            变更状态
          </Button>
        </Form>
      )}
    </>
  );
}
