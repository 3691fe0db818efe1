import { Col, Form, Input, Row, Select, Typography } from 'antd';
import { UNIT_LEVELS } from '../../../../electron/domain/cadres';
import { checkIdNumber } from '../../../../electron/domain/idNumber';
import { EDUCATIONS, ETHNICITIES, POLITICAL_STATUSES } from '../../../../electron/domain/person';
import { options } from './cadreForm';

/** Checked as soon as the field is left; the server checks again on save. */
const ID_RULES = [
  { required: true, whitespace: true, message: '请填写身份证号' },
  {
    validator: (_: unknown, v: string | undefined) => {
      const r = v ? checkIdNumber(v) : null;
      return !r || r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
    },
  },
];

/** Birth date and gender as read from the ID number being typed: shown, never typed. */
function DerivedFromId() {
  const raw = Form.useWatch<string | undefined>('idNumber');
  const r = raw ? checkIdNumber(raw) : null;
  return (
    <Typography.Text type="secondary" aria-live="polite">
      {r?.ok ? `出生日期：${r.birthDate}\u3000性别：${r.gender}（由身份证号自动得出）` : '出生日期和性别由身份证号自动得出'}
    </Typography.Text>
  );
}

/** The cadre profile form's fields; names equal the keys of the 'cadres.create' input. */
export function CadreFields() {
  return (
    <>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input maxLength={30} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item label="身份证号" name="idNumber" rules={ID_RULES} validateTrigger="onBlur" extra={<DerivedFromId />}>
            <Input maxLength={22} autoComplete="off" placeholder="18位身份证号" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item label="民族" name="ethnicity">
            <Select options={options(ETHNICITIES)} showSearch allowClear />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="政治面貌" name="politicalStatus">
            <Select options={options(POLITICAL_STATUSES)} allowClear />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="学历" name="education">
            <Select options={options(EDUCATIONS)} allowClear />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item label="派出单位" name="unit" rules={[{ required: true, whitespace: true, message: '请填写派出单位' }]}>
            <Input maxLength={60} placeholder="如 雁山区农业农村局" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item label="派出单位层级" name="unitLevel" rules={[{ required: true, message: '请选择派出单位层级' }]}>
            <Select options={options(UNIT_LEVELS)} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="职务职级" name="postRank">
            <Input maxLength={40} placeholder="如 一级主任科员" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="手机号码" name="mobile">
            <Input inputMode="tel" maxLength={20} placeholder="11位手机号码" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="备注" name="note">
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </>
  );
}
