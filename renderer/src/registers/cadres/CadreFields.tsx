import { Col, Row } from 'antd';
import { UNIT_LEVELS } from '../../../../electron/domain/cadres';
import { EDUCATIONS, ETHNICITIES, POLITICAL_STATUSES } from '../../../../electron/domain/person';
import { IdNumberItem, PhoneItem, SelectItem, TextItem } from '../../components/fields';

/** The cadre profile form's fields; names equal the keys of the 'cadres.create' input. */
export function CadreFields() {
  return (
    <>
      <Row gutter={16}>
        <Col span={10}>
          <TextItem label="姓名" name="name" required max={30} />
        </Col>
        <Col span={14}>
          <IdNumberItem />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <SelectItem label="民族" name="ethnicity" values={ETHNICITIES} allowClear />
        </Col>
        <Col span={8}>
          <SelectItem label="政治面貌" name="politicalStatus" values={POLITICAL_STATUSES} allowClear />
        </Col>
        <Col span={8}>
          <SelectItem label="学历" name="education" values={EDUCATIONS} allowClear />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={14}>
          <TextItem label="派出单位" name="unit" required max={60} placeholder="如 雁山区农业农村局" />
        </Col>
        <Col span={10}>
          <SelectItem label="派出单位层级" name="unitLevel" required values={UNIT_LEVELS} />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <TextItem label="职务职级" name="postRank" max={40} placeholder="如 一级主任科员" />
        </Col>
        <Col span={12}>
          <PhoneItem label="手机号码" name="mobile" kind="mobile" />
        </Col>
      </Row>
      <TextItem label="备注" name="note" max={500} rows={3} />
    </>
  );
}

