import { useState } from 'react';
import { Badge, Collapse, Flex, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { QualityCheck, QualityItem, QualityRecord } from '../../../../electron/api/contract';
import { call, showError } from '../../api/client';
import { ExportButton } from './ExportButton';
import { useAppStore } from '../../stores/appStore';
import { openQualityRecord } from './openRecord';

const REGISTER_COLOR: Record<string, string> = { 驻村干部: 'blue', 流动党员: 'purple', 一村一项目: 'green' };
const REGISTER_NAME: Record<QualityRecord['register'], string> = { cadres: '驻村干部', floating: '流动党员', projects: '一村一项目' };
const PAGE_SIZE = 10;

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
      <RecordLink check={check} record={item.records[0]!}>
        {item.name}
      </RecordLink>
    );
  }
  return (
    <Space wrap size={4}>
      {item.records.map((r) => (
        <RecordLink key={`${r.register}-${r.id}`} check={check} record={r}>
          {`${r.name}（${REGISTER_NAME[r.register]}${r.village ? '·' + r.village : ''}）`}
        </RecordLink>
      ))}
    </Space>
  );
}

/** Saves the workbook of one check (or of all four when `check` is null), narrowed as the page is. */
function ExportLink({ check, label }: { check: QualityCheck['key'] | null; label: string }) {
  const township = useAppStore((s) => s.township);
  return <ExportButton size="small" label={label} make={() => call('dashboard.exportQuality', { township, check })} />;
}

/** Every row a check found, a page at a time (the first page came with the dashboard). */
function CheckItems({ check, district }: { check: QualityCheck; district: boolean }) {
  const township = useAppStore((s) => s.township);
  const [page, setPage] = useState<{ n: number; rows: QualityItem[]; loading: boolean }>({ n: 1, rows: check.items, loading: false });
  const go = async (n: number) => {
    setPage((p) => ({ ...p, loading: true }));
    try {
      const r = await call('dashboard.quality', { township, check: check.key, page: n, pageSize: PAGE_SIZE });
      setPage({ n, rows: r.rows, loading: false });
    } catch (err) {
      setPage((p) => ({ ...p, loading: false }));
      showError(err);
    }
  };
  const columns: TableColumnsType<QualityItem> = [
    { title: '序号', key: 'serial', width: 60, align: 'center', render: (_, __, i) => (page.n - 1) * PAGE_SIZE + i + 1 },
    ...(district ? [{ title: '乡镇（街道）', dataIndex: 'township', key: 'township', width: 120, render: (t: string | null) => t ?? '—' }] : []),
    { title: '名册', dataIndex: 'register', key: 'register', width: 100, render: (r: string) => <Tag color={REGISTER_COLOR[r]}>{r}</Tag> },
    { title: '姓名（项目）', key: 'name', render: (_, item) => <ItemNames check={check.key} item={item} /> },
    { title: '村（社区）', dataIndex: 'village', key: 'village', width: 120, render: (v: string | null) => v ?? '—' },
    { title: '情况', dataIndex: 'detail', key: 'detail', width: 220 },
  ];
  return (
    <>
      <Flex justify="space-between" align="start" gap={12} style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{check.rule}</Typography.Text>
        {check.count > 0 && <ExportLink check={check.key} label="导出本项" />}
      </Flex>
      <Table<QualityItem>
        rowKey="key"
        size="small"
        bordered
        loading={page.loading}
        columns={columns}
        dataSource={page.rows}
        locale={{ emptyText: '没有发现问题' }}
        pagination={
          check.count > PAGE_SIZE && {
            current: page.n,
            pageSize: PAGE_SIZE,
            total: check.count,
            showSizeChanger: false,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (n) => void go(n),
          }
        }
      />
    </>
  );
}

/** 数据质量检查: each check with its count; open one to page through every row it found. */
export function QualityList({ checks, district }: { checks: QualityCheck[]; district: boolean }) {
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          数据质量检查
        </Typography.Title>
        <ExportLink check={null} label="导出全部检查结果" />
      </Flex>
      <Collapse
        items={checks.map((c) => ({
          key: c.key,
          label: (
            <Space>
              <span>{c.title}</span>
              <Badge count={c.count} showZero overflowCount={99999} color={c.count ? '#cf1322' : '#52c41a'} aria-label={`${c.title} ${c.count} 条`} />
            </Space>
          ),
          children: <CheckItems check={c} district={district} />,
        }))}
      />
    </>
  );
}
