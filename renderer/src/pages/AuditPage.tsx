import { useState } from 'react';
import { Flex, Select, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { AuditItem } from '../../../electron/api/contract';
import { call } from '../api/client';
import { RegisterTable, type TableQuery } from '../components/RegisterTable';
import { useServerList } from '../components/useServerList';
import { ACTION_LABELS, columnLabel, TABLE_LABELS, tableLabel } from '../labels';

type AuditQuery = TableQuery & { table: string | null };

const loadAudit = ({ table, page, pageSize }: AuditQuery) => call('audit.list', { table, page, pageSize });
const tableOptions = Object.entries(TABLE_LABELS).map(([value, label]) => ({ value, label }));

const columns: TableColumnsType<AuditItem> = [
  { title: '时间', dataIndex: 'at', width: 170, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
  { title: '操作员', dataIndex: 'operator', width: 100 },
  { title: '数据表', dataIndex: 'table', width: 120, render: tableLabel },
  {
    title: '操作',
    dataIndex: 'action',
    width: 80,
    render: (a: string) => {
      const l = ACTION_LABELS[a];
      return l ? <Tag color={l.color}>{l.label}</Tag> : a;
    },
  },
  {
    title: '变更字段',
    dataIndex: 'changed',
    render: (c: string[]) => c.map(columnLabel).join('、') || <Typography.Text type="secondary">—</Typography.Text>,
  },
  {
    title: '记录编号',
    dataIndex: 'rowId',
    width: 110,
    render: (id: string) => (
      <Typography.Text code title={id}>
        {id.slice(0, 8)}
      </Typography.Text>
    ),
  },
];

/** 操作日志: every insert, update and delete, newest first (values are not shown). */
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
        scrollX={900}
      />
    </>
  );
}
