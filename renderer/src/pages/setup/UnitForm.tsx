import { useEffect, useRef, useState } from 'react';
import { Button, Form, Input, Radio, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { DivisionInfo, Role } from '../../../../electron/api/contract';
import { call } from '../../api/client';
import { defaultUnitName, divisionDigits } from '../../../../electron/domain/divisionCodes';
import { TextItem } from '../../components/fields';

export interface UnitValues {
  role: Role;
  code: string;
  name: string;
  operator: string;
}

type Lookup = { code: string; info: DivisionInfo | null } | null;

const CODE_PATTERN: Record<Role, RegExp> = { township: /^\d{9}$/, district: /^\d{6}$/ };

export const officialPath = (d: DivisionInfo): string =>
  [d.path.province, d.path.city, d.path.county, d.path.township].filter(Boolean).join(' ');

/** Looks the division code up as soon as it has the right length for the unit type. */
function useDivisionLookup(form: FormInstance<UnitValues>): Lookup {
  const role = Form.useWatch('role', form) ?? 'township';
  const code = divisionDigits(Form.useWatch('code', form) ?? '');
  const [lookup, setLookup] = useState<Lookup>(null);
  const proposed = useRef('');
  const wanted = CODE_PATTERN[role].test(code) ? code : null;

  useEffect(() => {
    if (!wanted) return;
    let stale = false;
    call('setup.lookupDivision', { code: wanted })
      .then((info) => {
        if (stale) return;
        setLookup({ code: wanted, info });
        // The proposed name replaces an empty field or an earlier proposal, never a typed name.
        const typed = String(form.getFieldValue('name') ?? '').trim();
        if (info && (!typed || typed === proposed.current)) {
          proposed.current = defaultUnitName(role, info.name);
          form.setFieldValue('name', proposed.current);
        }
      })
      .catch(() => {
        // Lookup is only a convenience: the name can always be typed by hand.
        if (!stale) setLookup({ code: wanted, info: null });
      });
    return () => {
      stale = true;
    };
  }, [wanted, form, role]);

  return lookup && lookup.code === wanted ? lookup : null;
}

interface Props {
  form: FormInstance<UnitValues>;
  busy: boolean;
  onNext(values: UnitValues): void;
}

/** Step 1 of setup: who this installation is. */
export function UnitForm({ form, busy, onNext }: Props) {
  const lookup = useDivisionLookup(form);
  const role = Form.useWatch('role', form) ?? 'township';
  const extra = lookup ? (
    lookup.info ? (
      <Typography.Text type="success">官方名称：{officialPath(lookup.info)}</Typography.Text>
    ) : (
      <Typography.Text type="warning">未在官方区划代码中找到，可继续手工填写名称</Typography.Text>
    )
  ) : role === 'township' ? (
    '乡镇（街道）为9位统计用区划代码，如 450311100'
  ) : (
    '区县为6位统计用区划代码，如 450311'
  );

  return (
    <Form<UnitValues>
      form={form}
      layout="vertical"
      name="setup"
      initialValues={{ role: 'township', code: '', name: '', operator: '' }}
      onFinish={onNext}
      style={{ maxWidth: 480 }}
    >
      <Form.Item label="单位类型" name="role">
        <Radio.Group
          options={[
            { label: '乡镇（街道）', value: 'township' },
            { label: '区县组织部', value: 'district' },
          ]}
        />
      </Form.Item>
      <Form.Item label="区划代码" name="code" extra={extra} rules={[{ required: true, whitespace: true, message: '请填写区划代码' }]}>
        <Input autoFocus inputMode="numeric" maxLength={12} placeholder={role === 'township' ? '9位数字' : '6位数字'} />
      </Form.Item>
      {/* Over the limit, pasted text is kept and refused naming the field, never cut. */}
      <TextItem label="单位名称" name="name" required max={50} placeholder={role === 'township' ? '如 雁山镇' : '如 雁山区委组织部'} />
      <TextItem label="操作员姓名" name="operator" required max={30} placeholder="负责录入台账的工作人员" />
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          下一步
        </Button>
      </Form.Item>
    </Form>
  );
}
