import { Badge, Collapse, List, Space, Tag, Typography } from 'antd';
import type { QualityCheck, QualityItem, QualityRecord } from '../../../../electron/api/contract';
import { openQualityRecord } from './openRecord';

const REGISTER_COLOR: Record<string, string> = { 驻村干部: 'blue', 流动党员: 'purple', 一村一项目: 'green' };
const REGISTER_NAME: Record<QualityRecord['register'], string> = { cadres: '驻村干部', floating: '流动党员', projects: '一村一项目' };

/** A row's record as a link inside the app (no href: the address carries the token). */
function RecordLink({ check, record, children }: { check: QualityCheck['key']; record: QualityRecord; children: string }) {
  const open = () => openQualityRecord(check, record);
  return (
    <Typography.Link role="link" tabIndex={0} strong onClick={open} onKeyDown={(e) => e.key === 'Enter' && open()}>
      {children}
    </Typography.Link>
  );
}

/** One hit: its record's name opens it; a shared ID number lists each person as a link. */
function ItemNames({ check, item }: { check: QualityCheck['key']; item: QualityItem }) {
  if (item.records.length === 1) {
    return (
      <>
        <RecordLink check={check} record={item.records[0]!}>
          {item.name}
        </RecordLink>
        {item.village && <Typography.Text type="secondary">{item.village}</Typography.Text>}
      </>
    );
  }
  return (
    <>
      {item.records.map((r) => (
        <RecordLink key={`${r.register}-${r.id}`} check={check} record={r}>
          {`${r.name}（${REGISTER_NAME[r.register]}${r.village ? '·' + r.village : ''}）`}
        </RecordLink>
      ))}
    </>
  );
}

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
              <ItemNames check={check.key} item={item} />
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
