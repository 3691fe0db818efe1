import { useState } from 'react';
import { Flex, Select, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { AuditItem } from '../../../electron/api/contract';
import { call } from '../api/client';
import { RegisterTable, type TableQuery } from '../components/RegisterTable';
import { useServerList } from '../components/useServerList';
import { ACTION_COLORS, TABLE_LABELS } from '../labels';

type AuditQuery = TableQuery & { table: string | null };

const loadAudit = ({ table, page, pageSize }: AuditQuery) => call('audit.list', { table, page, pageSize });
const tableOptions = Object.entries(TABLE_LABELS).map(([value, label]) => ({ value, label }));

const columns: TableColumnsType<AuditItem> = [
  { title: '时间', dataIndex: 'at', width: 160, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
  { title: '操作员', dataIndex: 'operator', width: 90, ellipsis: true },
  { title: '数据', dataIndex: 'tableLabel', width: 110 },
  {
    title: '操作',
    dataIndex: 'actionLabel',
    width: 130,
    render: (label: string, r) => <Tag color={ACTION_COLORS[r.action] ?? 'default'}>{label}</Tag>,
  },
  {
    title: '记录',
    dataIndex: 'record',
    width: 220,
    ellipsis: true,
    render: (name: string | null) => name ?? <Typography.Text type="secondary">—</Typography.Text>,
  },
  {
    title: '变更内容',
    key: 'changed',
    ellipsis: true,
    render: (_: unknown, r) => r.detail ?? (r.changedLabels.join('、') || <Typography.Text type="secondary">—</Typography.Text>),
  },
];

/** 操作日志: every insert, update, delete and event, newest first, in the forms' words (values are not shown). */
export function AuditPage() {
  const [query, setQuery] = useState<AuditQuery>({ table: null, page: 1, pageSize: 20 });
  const { data, loading } = useServerList(loadAudit, query);

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        操作日志
      </Typography.Title>
      <Flex gap={12} style={{ marginBottom: 16 }}>
        <Select<string>
          placeholder="全部数据表"
          aria-label="数据表"
          allowClear
          style={{ width: 180 }}
          options={tableOptions}
          value={query.table ?? undefined}
          onChange={(v) => setQuery((q) => ({ ...q, table: v ?? null, page: 1 }))}
        />
      </Flex>
      <RegisterTable<AuditItem>
        rowKey="id"
        columns={columns}
        data={data}
        loading={loading}
        query={query}
        onQueryChange={(q) => setQuery((prev) => ({ ...prev, ...q }))}
        scrollX={1000}
      />
    </>
  );
}
