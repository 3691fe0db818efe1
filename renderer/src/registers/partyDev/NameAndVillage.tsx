import { Col, Form, Row } from 'antd';
import { TextItem } from '../../components/fields';
import { VillageSelect } from '../../components/VillageSelect';

/** The first row of both forms of this register: the person and their village's Party organization. */
export function NameAndVillage() {
  return (
    <Row gutter={16}>
      <Col span={12}>
        <TextItem label="姓名" name="name" required max={30} />
      </Col>
      <Col span={12}>
        <Form.Item label="所属村（社区）党组织" name="villageId" rules={[{ required: true, message: '请选择所属村（社区）党组织' }]}>
          <VillageSelect />
        </Form.Item>
      </Col>
    </Row>
  );
}
