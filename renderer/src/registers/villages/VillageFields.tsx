import { Button, Col, Divider, Form, Row, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { divisionDigits, VILLAGE_KINDS } from '../../../../electron/domain/divisionCodes';
import { MoneyItem, PhoneItem, SelectItem, TextItem } from '../../components/fields';
import { PARTY_ORG_TYPES, STAR_OPTIONS, type VillageYearValues } from './villageForm';
import { WholeNumber } from '../../components/WholeNumber';
import { CLEARABLE } from '../../components/clearable';

/** Star rating and collective income per year (Form.List `years`). */
/** A code typed with full-width digits or spaces shows, and counts, as the digits it is. */
const codeAsTyped = (v: unknown) => (typeof v === 'string' ? divisionDigits(v) : v);

function YearsList() {
  return (
    <Form.List name="years">
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map(({ key, name }) => (
            <Row key={key} gutter={12} align="top">
              <Col span={6}>
                <Form.Item label="年度" name={[name, 'year']} rules={[{ required: true, message: '请填写年度' }]}>
                  <WholeNumber controls={false} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label="星级" name={[name, 'stars']}>
                  <Select options={STAR_OPTIONS} allowClear={CLEARABLE} placeholder="未评定" />
                </Form.Item>
              </Col>
              <Col span={10}>
                <MoneyItem label="集体经济收入" name={[name, 'income']} placeholder="如 12.5" />
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
      <TextItem label="村（社区）名称" name="name" required max={50} placeholder="如 东立村" autoFocus />
      <Row gutter={16}>
        <Col span={14}>
          <TextItem label="区划代码" name="code" max={12} inputMode="numeric" extra="12位统计用区划代码，可不填" normalize={codeAsTyped} />
        </Col>
        <Col span={10}>
          <SelectItem label="类型" name="kind" values={VILLAGE_KINDS} />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={14}>
          <TextItem label="党组织名称" name="partyOrgName" max={60} placeholder="如 中共东立村委员会" />
        </Col>
        <Col span={10}>
          <SelectItem label="党组织类型" name="partyOrgType" values={PARTY_ORG_TYPES} allowClear placeholder="请选择" />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <TextItem label="党组织书记" name="secretary" max={30} />
        </Col>
        <Col span={12}>
          <PhoneItem label="书记联系电话" name="secretaryPhone" kind="any" />
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
      <TextItem label="备注" name="note" max={500} rows={3} />
      <Divider titlePlacement="start" plain>
        <Typography.Text strong>星级与集体经济收入</Typography.Text>
      </Divider>
      {/* Lists and reports take a year's stars from its 评星定级 rating when there is one (db/stars.ts starsOf). */}
      <Typography.Paragraph type="secondary">某年度已在“评星定级”中评定的，列表和报表中的星级以评星定级为准。</Typography.Paragraph>
      <YearsList />
    </>
  );
}
