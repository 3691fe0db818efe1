import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Typography } from 'antd';
import type { Input as ApiInput } from '../../../electron/api/contract';
import { call, reportError, showError } from '../api/client';
import { useAppStore, useUnit } from '../stores/appStore';
import { formState, useDirtyCheck, useEdits, useFirstFill } from '../components/formState';
import { SecurityCard } from '../registers/backup/SecurityCard';
import { RulesCard } from '../registers/partyDev/RulesCard';
import { WholeNumber } from '../components/WholeNumber';

type Values = ApiInput<'settings.update'>;

const ROLE_LABELS = { township: '乡镇（街道）', district: '区县组织部', village: '驻村版（驻村工作队）' } as const;

/** 系统设置: the thresholds the registers flag against, and who is operating. */
export function SettingsPage() {
  const { message } = App.useApp();
  const unit = useUnit();
  const loadStatus = useAppStore((s) => s.loadStatus);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  // A 驻村版 flags by the township's rules, received with its package: shown, not changed here.
  const village = unit?.role === 'village';
  const fromTownship = village ? '由乡镇统一设置，随配置包下发；如需调整请联系乡镇。' : null;

  const { filled, fill } = useFirstFill(form);
  const edits = useEdits(form);
  useDirtyCheck(() => formState(edits.isEdited(), saving));
  const operator = unit?.operator;
  useEffect(() => {
    // Once filled, a new operator (this page's own save) needs no second fetch: the form holds it.
    if (operator === undefined || filled) return;
    call('settings.get', {})
      .then((s) => fill({ ...s, operator }))
      .catch(showError);
  }, [fill, filled, operator]);

  const save = async (values: Values) => {
    setSaving(true);
    try {
      const { attendanceThresholdDays, contactIntervalDays, ...own } = values;
      await call('settings.update', village ? own : { ...own, attendanceThresholdDays, contactIntervalDays });
      edits.settle();
      void message.success('已保存');
      await loadStatus();
    } catch (err) {
      reportError(form, err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        系统设置
      </Typography.Title>
      <Card title="本单位" size="small" style={{ maxWidth: 640, marginBottom: 16 }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {unit?.unitName}（{unit?.unitCode}），{ROLE_LABELS[unit?.role ?? 'township']}
        </Typography.Paragraph>
      </Card>
      <Card title="台账设置" size="small" style={{ maxWidth: 640 }}>
        <Form<Values> form={form} layout="vertical" disabled={!filled} onFinish={(v) => void save(v)} onValuesChange={edits.onValuesChange}>
          <Form.Item name="operator" label="操作员姓名" rules={[{ required: true, message: '请填写操作员姓名' }]}>
            <Input style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="attendanceThresholdDays" label="每月驻村天数标准" extra={fromTownship ?? '驻村干部每月在村天数低于此数时在列表中标出（默认20天）'}>
            <WholeNumber addonAfter="天" style={{ width: 180 }} disabled={village} />
          </Form.Item>
          <Form.Item name="contactIntervalDays" label="联系间隔天数" extra={fromTownship ?? '流动党员超过此天数未联系时标出（默认90天）'}>
            <WholeNumber addonAfter="天" style={{ width: 180 }} disabled={village} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        </Form>
      </Card>
      <RulesCard readOnly={unit?.role !== 'township'} />
      <SecurityCard />
    </>
  );
}
