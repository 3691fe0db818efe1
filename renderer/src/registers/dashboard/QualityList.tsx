import { Badge, Collapse, List, Space, Tag, Typography } from 'antd';
import type { QualityCheck } from '../../../../electron/api/contract';

const REGISTER_COLOR: Record<string, string> = { 驻村干部: 'blue', 流动党员: 'purple', 一村一项目: 'green' };

function CheckItems({ check }: { check: QualityCheck }) {
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {check.rule}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={check.items}
        locale={{ emptyText: '没有发现问题' }}
        renderItem={(item) => (
          <List.Item>
            <Space wrap>
              <Tag color={REGISTER_COLOR[item.register]}>{item.register}</Tag>
              <Typography.Text strong>{item.name}</Typography.Text>
              {item.village && <Typography.Text type="secondary">{item.village}</Typography.Text>}
              <Typography.Text>{item.detail}</Typography.Text>
            </Space>
          </List.Item>
        )}
        footer={check.count > check.items.length ? `共 ${check.count} 条，仅列出前 ${check.items.length} 条` : undefined}
      />
    </>
  );
}

/** 数据质量检查: each check with its count; open one to see the rows it found. */
export function QualityList({ checks }: { checks: QualityCheck[] }) {
  return (
    <>
      <Typography.Title level={5}>数据质量检查</Typography.Title>
      <Collapse
        items={checks.map((c) => ({
          key: c.key,
          label: (
            <Space>
              <span>{c.title}</span>
              <Badge count={c.count} showZero color={c.count ? '#cf1322' : '#52c41a'} aria-label={`${c.title} ${c.count} 条`} />
            </Space>
          ),
          children: <CheckItems check={c} />,
        }))}
      />
    </>
  );
}
