import { Col, Form, Row, Switch } from 'antd';
import { FLOAT_REASONS, MEMBER_TYPES } from '../../../../electron/domain/floating';
import { EDUCATIONS, ETHNICITIES } from '../../../../electron/domain/person';
import { DateItem } from '../../components/DateInput';
import { IdNumberItem, PhoneItem, SelectItem, TextItem } from '../../components/fields';
import { VillageSelect } from '../../components/VillageSelect';
import { DestinationCascader } from './DestinationCascader';

/** The member form's fields. Birth date and gender are not asked: they come from the ID number. */
export function MemberFields() {
  const joined = Form.useWatch<boolean>('destOrgJoined');
  return (
    <>
      <Row gutter={16}>
        <Col span={12}>
          <TextItem label="姓名" name="name" required max={30} />
        </Col>
        <Col span={12}>
          <Form.Item label="所属村（社区）" name="villageId" rules={[{ required: true, message: '请选择所属村（社区）' }]}>
            <VillageSelect />
          </Form.Item>
        </Col>
      </Row>
      <IdNumberItem />
      <Row gutter={16}>
        <Col span={8}>
          <SelectItem label="民族" name="ethnicity" values={ETHNICITIES} allowClear />
        </Col>
        <Col span={8}>
          <SelectItem label="学历" name="education" values={EDUCATIONS} allowClear />
        </Col>
        <Col span={8}>
          <SelectItem label="党员类型" name="memberType" required values={MEMBER_TYPES} />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <DateItem title="入党时间" name="joinedPartyDate" notAfterToday />
        </Col>
        <Col span={12}>
          <DateItem title="外出时间" name="leftDate" required notAfterToday />
        </Col>
      </Row>
      <Form.Item label="流入地" name="destProvince" rules={[{ required: true, type: 'array', min: 1, message: '请选择流入地' }]}>
        <DestinationCascader />
      </Form.Item>
      <TextItem label="工作单位（地点）" name="workplace" max={100} placeholder="如 某电子厂、某大学" />
      <Row gutter={16}>
        <Col span={12}>
          <SelectItem label="外出原因" name="reason" required values={FLOAT_REASONS} />
        </Col>
        <Col span={12}>
          <TextItem label="从事职业" name="occupation" max={50} />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <PhoneItem label="手机号码" name="mobile" kind="mobile" />
        </Col>
        <Col span={12}>
          <TextItem label="微信号" name="wechat" max={50} />
        </Col>
      </Row>
      <TextItem label="流动党员活动证编号" name="activityCardNo" max={40} />
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item label="已参加流入地党组织" name="destOrgJoined" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        </Col>
        <Col span={14}>{joined && <TextItem label="流入地党组织名称" name="destOrgName" max={100} />}</Col>
      </Row>
      <TextItem label="备注" name="note" max={500} rows={2} />
    </>
  );
}
