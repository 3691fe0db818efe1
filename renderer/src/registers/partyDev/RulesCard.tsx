import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { RuleItem } from '../../../../electron/api/contract';
import { RULES, type RuleKey } from '../../../../electron/domain/partyDev';
import { call, reportError, showError } from '../../api/client';
import { DateItem } from '../../components/DateInput';
import { TextItem } from '../../components/fields';
import { day } from '../floating/memberForm';
import { WholeNumber } from '../../components/WholeNumber';

type Values = { key: RuleKey; value: number; effectiveFrom: Dayjs | null; source: string };
const RULE_OPTIONS = (Object.keys(RULES) as RuleKey[]).map((k) => ({ value: k, label: `${RULES[k].label}（${RULES[k].unit}）` }));

/**
 * 发展党员时间规定: every rule's versions with their source and effective date. A change is a new
 * version from a date (audited); steps taken before it keep the rule then in force.
 */
export function RulesCard({ readOnly }: { readOnly: boolean }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [rules, setRules] = useState<RuleItem[]>([]);
  const [saving, setSaving] = useState(false);
  // A version on the same rule and 施行日期 is replaced by the save (one version per date): said
  // before the save, not left to a reading of the table afterwards.
  const key = Form.useWatch('key', form);
  const from = day(Form.useWatch('effectiveFrom', form) ?? null);
  const same = rules.find((r) => r.key === key && r.effectiveFrom === from);
  useEffect(() => {
    call('development.rules', {}).then(setRules).catch(showError);
  }, []);
  const save = async (v: Values) => {
    setSaving(true);
    try {
      setRules(await call('development.setRule', { key: v.key, value: v.value, effectiveFrom: day(v.effectiveFrom) ?? '', source: v.source }));
      void message.success(same ? `已替换${same.effectiveFrom}施行的版本` : '已保存');
      form.resetFields();
    } catch (err) {
      reportError(form, err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title="发展党员时间规定" size="small" style={{ maxWidth: 900, marginTop: 16 }}>
      <Table<RuleItem>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rules}
        columns={[
          { title: '规定', dataIndex: 'label', render: (l: string, r) => <>{l}{r.current && <Tag color="green" style={{ marginLeft: 6 }}>现行</Tag>}</> },
          { title: '规定值', key: 'value', width: 110, render: (_, r) => `${r.value}${r.unit}` },
          { title: '施行日期', dataIndex: 'effectiveFrom', width: 110 },
          { title: '依据', dataIndex: 'source', ellipsis: true },
        ]}
      />
      {!readOnly && (
        <Form<Values> form={form} layout="inline" name="devRule" style={{ marginTop: 12, rowGap: 8 }} onFinish={(v) => void save(v)}>
          {/* Labelled like the register forms: placeholders alone were cut short, and an
              unlabelled 依据 was refused as 请填写 with no field named. */}
          <Form.Item label="规定" name="key" rules={[{ required: true, message: '请选择规定' }]}>
            <Select aria-label="规定" placeholder="选择规定" options={RULE_OPTIONS} style={{ width: 280 }} />
          </Form.Item>
          <Form.Item label="规定值" name="value" rules={[{ required: true, message: '请填写规定值' }]}>
            <WholeNumber aria-label="规定值" style={{ width: 90 }} />
          </Form.Item>
          <DateItem title="施行日期" name="effectiveFrom" required inputStyle={{ width: 270 }} />
          <TextItem label="依据" name="source" required max={100} placeholder="如 自治区实施细则" style={{ minWidth: 300 }} />
          <Button type="primary" htmlType="submit" loading={saving}>
            {same ? '替换该版本' : '新增版本'}
          </Button>
        </Form>
      )}
      {!readOnly && same && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={`“${same.label}”在${same.effectiveFrom}已有一个版本（${same.value}${same.unit}，依据：${same.source}），保存将以本次填写的替换它`}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0, marginTop: 8 }}>
        每一步按该步骤日期时施行的规定计算期限；修改规定请新增一个施行日期，此前的步骤仍按原规定判断。默认值来自2014年《中国共产党发展党员工作细则》。
      </Typography.Paragraph>
    </Card>
  );
}
