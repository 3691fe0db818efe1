import { Alert, Button, Card, Col, Divider, Form, Row, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { MAX_SCORE, RECTIFY_BELOW } from '../../../../electron/domain/stars';
import { DateItem } from '../../components/DateInput';
import { TextItem } from '../../components/fields';
import { VillageSelect } from '../../components/VillageSelect';
import { STAR_OPTIONS, type StarFormValues } from './starForm';
import { WholeNumber } from '../../components/WholeNumber';

/** 整改事项 of a rating below four stars (Form.List `rectifications`). */
function Rectifications() {
  return (
    <Form.List name="rectifications">
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map(({ key, name }, i) => (
            <Card key={key} size="small" style={{ marginBottom: 12 }} title={`整改事项 ${i + 1}`}
              extra={<Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={`删除整改事项 ${i + 1}`} title="删除此整改事项" onClick={() => remove(name)} />}>
              <TextItem label="整改事项" name={[name, 'item']} required max={200} rows={2} />
              <Row gutter={12}>
                <Col span={12}>
                  <DateItem title="整改时限" name={[name, 'deadline']} />
                </Col>
                <Col span={12}>
                  <TextItem label="责任人" name={[name, 'responsible']} max={30} />
                </Col>
              </Row>
              <Row gutter={12}>
                <Col span={14}>
                  <TextItem label="整改结果" name={[name, 'result']} max={200} />
                </Col>
                <Col span={10}>
                  <DateItem title="完成日期" name={[name, 'doneDate']} notAfterToday />
                </Col>
              </Row>
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" block icon={<PlusOutlined aria-hidden />} onClick={() => add({})}>
            添加整改事项
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** The rating form's fields; names equal the keys of the 'stars.create' input. */
export function StarFields() {
  const stars = Form.useWatch<StarFormValues['stars']>('stars');
  const below = typeof stars === 'number' && stars < RECTIFY_BELOW;
  // Items already listed stay on screen (and in what is saved) when the rating is raised to four
  // stars: unmounted, they were left out of the save and silently deleted. The host refuses a
  // four-star rating with items, naming them, and the clerk removes them or keeps the rating.
  const items = Form.useWatch<StarFormValues['rectifications']>('rectifications', { preserve: true });
  const listed = below || (items?.length ?? 0) > 0;
  return (
    <>
      <Row gutter={16}>
        <Col span={16}>
          <Form.Item label="村（社区）" name="villageId" rules={[{ required: true, message: '请选择村（社区）' }]}>
            <VillageSelect />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="评定年度" name="year" rules={[{ required: true, message: '请填写评定年度' }]}>
            <WholeNumber controls={false} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="星级" name="stars" rules={[{ required: true, message: '请选择星级' }]}>
            <Select options={STAR_OPTIONS} placeholder="请选择" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="得分" name="score">
            <WholeNumber controls={false} style={{ width: '100%' }} placeholder={`0–${MAX_SCORE}`} />
          </Form.Item>
        </Col>
      </Row>
      {stars === 1 && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="一星村（社区）党组织按软弱涣散党组织整顿，将在首页提示。" />}
      <TextItem label="升降星原因" name="changeReason" max={500} rows={2} extra="星级与上年不同时必填" />
      <Row gutter={16}>
        <Col span={12}>
          <DateItem title="公示开始日期" name="publicityStart" />
        </Col>
        <Col span={12}>
          <DateItem title="公示结束日期" name="publicityEnd" />
        </Col>
      </Row>
      <TextItem label="备注" name="note" max={500} rows={2} />
      <Divider titlePlacement="start" plain>
        <Typography.Text strong>整改事项</Typography.Text>
      </Divider>
      {listed && !below && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="四星及以上不列整改事项：请删除下列整改事项，或调整星级。" />}
      {listed ? <Rectifications /> : <Typography.Paragraph type="secondary">三星及以下的村（社区）党组织列出整改事项，写明整改时限、责任人和整改结果。</Typography.Paragraph>}
    </>
  );
}
