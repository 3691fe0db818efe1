import { Col, Form, Input, Row, Select, Switch } from 'antd';
import { FLOAT_REASONS, MEMBER_TYPES } from '../../../../electron/domain/floating';
import { EDUCATIONS, ETHNICITIES } from '../../../../electron/domain/person';
import { DateItem } from '../../components/DateInput';
import { VillageSelect } from '../../components/VillageSelect';
import { DestinationCascader } from './DestinationCascader';

const options = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));

/** The member form's fields. Birth date and gender are not asked: they come from the ID number. */
export function MemberFields() {
  const joined = Form.useWatch<boolean>('destOrgJoined');
  return (
    <>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="所属村（社区）" name="villageId" rules={[{ required: true, message: '请选择所属村（社区）' }]}>
            <VillageSelect />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="身份证号" name="idNumber" rules={[{ required: true, whitespace: true, message: '请填写身份证号' }]} extra="出生日期和性别由身份证号自动得出">
        <Input maxLength={20} autoComplete="off" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item label="民族" name="ethnicity">
            <Select options={options(ETHNICITIES)} showSearch allowClear />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="学历" name="education">
            <Select options={options(EDUCATIONS)} allowClear />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="党员类型" name="memberType" rules={[{ required: true, message: '请选择党员类型' }]}>
            <Select options={options(MEMBER_TYPES)} />
          </Form.Item>
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
      <Form.Item label="工作单位（地点）" name="workplace">
        <Input maxLength={100} placeholder="如 某电子厂、某大学" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="外出原因" name="reason" rules={[{ required: true, message: '请选择外出原因' }]}>
            <Select options={options(FLOAT_REASONS)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="从事职业" name="occupation">
            <Input maxLength={50} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="手机号码" name="mobile">
            <Input inputMode="tel" maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="微信号" name="wechat">
            <Input maxLength={50} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="流动党员活动证编号" name="activityCardNo">
        <Input maxLength={40} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item label="已参加流入地党组织" name="destOrgJoined" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        </Col>
        <Col span={14}>
          {joined && (
            <Form.Item label="流入地党组织名称" name="destOrgName">
              <Input maxLength={100} />
            </Form.Item>
          )}
        </Col>
      </Row>
      <Form.Item label="备注" name="note">
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </>
  );
}
