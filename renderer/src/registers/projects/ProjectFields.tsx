import { Button, Col, Divider, Form, Row, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { fenToWan } from '../../../../electron/domain/money';
import { FUNDING_SOURCES, PROJECT_CATEGORIES, PROJECT_MODELS, PROJECT_STATUSES } from '../../../../electron/domain/projects';
import { DateItem } from '../../components/DateInput';
import { MoneyItem, SelectItem, TextItem } from '../../components/fields';
import { VillageSelect } from '../../components/VillageSelect';
import { sourcesSum, type IncomeValues, type ProjectFormValues } from './projectForm';
import { WholeNumber } from '../../components/WholeNumber';

const SOURCE_LABELS: Record<string, string> = { other: '其他来源' };

/** Yearly collective income the project brought (Form.List `incomes`). */
function IncomesList() {
  return (
    <Form.List name="incomes">
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map(({ key, name }) => (
            <Row key={key} gutter={12} align="top">
              <Col span={8}>
                <Form.Item label="收益年度" name={[name, 'year']} rules={[{ required: true, message: '请填写收益年度' }]}>
                  <WholeNumber controls={false} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={14}>
                <MoneyItem label="当年收益" name={[name, 'income']} required placeholder="如 3.5" />
              </Col>
              <Col span={2}>
                <Form.Item label=" " colon={false}>
                  <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label="删除此年度收益" title="删除此年度收益" onClick={() => remove(name)} />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" block icon={<PlusOutlined aria-hidden />} onClick={() => add({ year: dayjs().year() } satisfies IncomeValues)}>
            添加年度收益
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** Total investment and its five sources, with the live sum the clerk checks against the total. */
function Funding() {
  const form = Form.useFormInstance<ProjectFormValues>();
  const sum = Form.useWatch((v: Partial<ProjectFormValues>) => sourcesSum(v ?? {}), form);
  return (
    <>
      <MoneyItem
        label="总投资"
        name="total"
        required
        requiredMessage="请填写总投资（万元），没有投资填 0"
        placeholder="如 120.5，最多6位小数"
        extra={sum === null ? '有来源金额格式不正确' : `各来源合计：${fenToWan(sum ?? 0, { grouped: true })} 万元（未填的来源按 0 计）`}
      />
      <Row gutter={12}>
        {FUNDING_SOURCES.map((s) => (
          <Col span={8} key={s.key}>
            <MoneyItem label={SOURCE_LABELS[s.key] ?? s.label} name={s.key} />
          </Col>
        ))}
      </Row>
    </>
  );
}

const DateField = ({ label, name }: { label: string; name: keyof ProjectFormValues }) => (
  <Col span={12}>
    <DateItem title={label} name={name} />
  </Col>
);

/** The project form's fields; names equal the keys of the 'projects.create' input. */
export function ProjectFields() {
  return (
    <>
      <Row gutter={16}>
        <Col span={16}>
          <Form.Item label="村（社区）" name="villageId" rules={[{ required: true, message: '请选择村（社区）' }]}>
            <VillageSelect />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
            <WholeNumber controls={false} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <TextItem label="项目名称" name="name" required max={60} placeholder="如 村级光伏电站" />
      <Row gutter={16}>
        <Col span={8}>
          <SelectItem label="项目类别" name="category" values={PROJECT_CATEGORIES} />
        </Col>
        <Col span={8}>
          <SelectItem label="经营模式" name="model" values={PROJECT_MODELS} />
        </Col>
        <Col span={8}>
          <SelectItem label="项目状态" name="status" values={PROJECT_STATUSES} />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <TextItem label="合作主体" name="partner" max={60} placeholder="企业或合作社，可不填" />
        </Col>
        <Col span={6}>
          <TextItem label="负责人" name="responsible" max={30} />
        </Col>
        <Col span={6}>
          <Form.Item label="带动户数" name="households">
            <WholeNumber controls={false} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <DateField label="计划开工日期" name="plannedStart" />
        <DateField label="计划完工日期" name="plannedEnd" />
        <DateField label="实际开工日期" name="actualStart" />
        <DateField label="实际完工（终止）日期" name="actualEnd" />
      </Row>
      <Divider titlePlacement="start" plain>
        <Typography.Text strong>投资来源</Typography.Text>
      </Divider>
      <Funding />
      <Divider titlePlacement="start" plain>
        <Typography.Text strong>村集体年度收益</Typography.Text>
      </Divider>
      <IncomesList />
      <TextItem label="备注" name="note" max={500} rows={2} style={{ marginTop: 16 }} />
    </>
  );
}
