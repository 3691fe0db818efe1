import { useState } from 'react';
import { App, Button, Col, Form, Row, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { FloatingDetail } from '../../../../electron/api/contract';
import { CADRE_ROLES } from '../../../../electron/domain/floating';
import { call, reportError } from '../../api/client';
import { DateItem } from '../../components/DateInput';
import { PhoneItem, SelectItem, TextItem } from '../../components/fields';
import { formState, useDirtyCheck, useEdits } from '../../components/formState';
import { day } from './memberForm';

interface Values {
  cadreName: string;
  cadrePhone?: string;
  cadreRole?: (typeof CADRE_ROLES)[number];
  startDate: Dayjs;
}

/** The one-to-one contact: assign or reassign (the old one is ended and kept as history). */
export function ContactSection({ member, readOnly, onChanged }: { member: FloatingDetail; readOnly: boolean; onChanged(d: FloatingDetail): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const edits = useEdits(form);
  useDirtyCheck(() => formState(edits.isEdited(), saving));
  const current = member.contacts.find((c) => c.endDate === null);

  async function submit(v: Values) {
    setSaving(true);
    try {
      const d = await call('floating.assignContact', {
        memberId: member.id,
        cadreName: v.cadreName,
        cadrePhone: v.cadrePhone || null,
        cadreRole: v.cadreRole ?? null,
        startDate: day(v.startDate) ?? '',
      });
      void message.success(current ? '已更换联系人' : '已指定联系人');
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
      <Typography.Title level={5}>一对一联系人</Typography.Title>
      {!current && member.status === '外出中' && <Typography.Text type="danger">尚未指定一对一联系人</Typography.Text>}
      {member.contacts.length > 0 && (
        <Table
          size="small"
          bordered
          rowKey="id"
          pagination={false}
          dataSource={member.contacts}
          columns={[
            { title: '联系人', dataIndex: 'cadreName', width: 90 },
            { title: '职务', dataIndex: 'cadreRole', render: (s: string | null) => s ?? '—' },
            { title: '电话', dataIndex: 'cadrePhone', width: 120, render: (s: string | null) => s ?? '—' },
            { title: '起止', key: 'span', width: 190, render: (_, c) => `${c.startDate} 至 ${c.endDate ?? '今'}` },
          ]}
        />
      )}
      {!readOnly && (
        <Form<Values> form={form} name="assignContact" layout="vertical" style={{ marginTop: 12 }} initialValues={{ startDate: dayjs() }} onFinish={(v) => void submit(v)} onValuesChange={edits.onValuesChange}>
          <Row gutter={12}>
            <Col span={6}>
              <TextItem label="联系人姓名" name="cadreName" required max={30} />
            </Col>
            <Col span={6}>
              <PhoneItem label="联系人电话" name="cadrePhone" kind="mobile" />
            </Col>
            <Col span={6}>
              <SelectItem label="联系人职务" name="cadreRole" values={CADRE_ROLES} allowClear />
            </Col>
            <Col span={6}>
              <DateItem title="联系开始日期" name="startDate" required />
            </Col>
          </Row>
          <Button htmlType="submit" loading={saving}>
            {current ? '更换联系人' : '指定联系人'}
          </Button>
        </Form>
      )}
    </>
  );
}
