import { Button, Col, Divider, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { VILLAGE_KINDS } from '../../../../electron/domain/divisionCodes';
import { PARTY_ORG_TYPES, STAR_OPTIONS, type VillageYearValues } from './villageForm';

const kindOptions = VILLAGE_KINDS.map((k) => ({ value: k, label: k }));
const orgTypeOptions = PARTY_ORG_TYPES.map((t) => ({ value: t, label: t }));

/** Star rating and collective income per year (Form.List `years`). */
function YearsList() {
  return (
    <Form.List name="years">
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map(({ key, name }) => (
            <Row key={key} gutter={12} align="top">
              <Col span={6}>
                <Form.Item label="年度" name={[name, 'year']} rules={[{ required: true, message: '请填写年度' }]}>
                  <InputNumber min={1949} max={2100} precision={0} controls={false} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label="星级" name={[name, 'stars']}>
                  <Select options={STAR_OPTIONS} allowClear placeholder="未评定" />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item label="集体经济收入（万元）" name={[name, 'income']}>
                  <Input inputMode="decimal" placeholder="如 12.5" />
                </Form.Item>
              </Col>
              <Col span={2}>
                <Form.Item label=" " colon={false}>
                  <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label="删除此年度" title="删除此年度" onClick={() => remove(name)} />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" block icon={<PlusOutlined aria-hidden />} onClick={() => add({ year: dayjs().year() - 1 } satisfies VillageYearValues)}>
            添加年度
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** The village form's fields; names equal the keys of the 'villages.create' input. */
export function VillageFields() {
  return (
    <>
      <Form.Item label="村（社区）名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写村（社区）名称' }]}>
        <Input autoFocus maxLength={50} placeholder="如 东立村" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item label="区划代码" name="code" extra="12位统计用区划代码，可不填">
            <Input inputMode="numeric" maxLength={12} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item label="类型" name="kind">
            <Select options={kindOptions} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item label="党组织名称" name="partyOrgName">
            <Input maxLength={60} placeholder="如 中共东立村委员会" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item label="党组织类型" name="partyOrgType">
            <Select options={orgTypeOptions} allowClear placeholder="请选择" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="党组织书记" name="secretary">
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="书记联系电话" name="secretaryPhone">
            <Input inputMode="tel" maxLength={20} placeholder="手机号码或固定电话，如 0773-3581234" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="乡村振兴重点村" name="keyVillage" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="易地扶贫搬迁安置社区" name="relocation" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="备注" name="note">
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        <Typography.Text strong>星级与集体经济收入</Typography.Text>
      </Divider>
      <YearsList />
    </>
  );
}
