import { useState } from 'react';
import { App, Button, Col, Form, Row, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { FloatingDetail } from '../../../../electron/api/contract';
import { FLOAT_STATUSES, type FloatStatus } from '../../../../electron/domain/floating';
import { call, reportError } from '../../api/client';
import { DateItem } from '../../components/DateInput';
import { SelectItem, TextItem } from '../../components/fields';
import { formState, useDirtyCheck, useEdits } from '../../components/formState';
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
  const edits = useEdits(form);
  const [saving, setSaving] = useState(false);
  useDirtyCheck(() => formState(edits.isEdited(), saving));
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
      edits.settle();
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
        <Form<Values> form={form} name="changeStatus" layout="vertical" initialValues={{ date: dayjs() }} onFinish={(v) => void submit(v)} onValuesChange={edits.onValuesChange}>
          <Row gutter={12}>
            <Col span={8}>
              <SelectItem label="变更为" name="status" required values={FLOAT_STATUSES.filter((s) => s !== member.status)} />
            </Col>
            <Col span={8}>
              <DateItem title="变更日期" name="date" required notAfterToday />
            </Col>
            <Col span={8}>
              {status === '组织关系转出' && (
                <TextItem label="转往党组织" name="transferTo" required max={100} />
              )}
            </Col>
          </Row>
          <TextItem label="说明" name="note" max={500} />
          <Button htmlType="submit" loading={saving}>
            变更状态
          </Button>
        </Form>
      )}
    </>
  );
}
