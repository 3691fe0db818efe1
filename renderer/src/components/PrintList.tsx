import { useEffect, useState } from 'react';
import { Button, Flex, Skeleton, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Page } from '../../../electron/api/contract';
import { showError } from '../api/client';
import { useUnit } from '../stores/appStore';
import './printList.css';

/** The most rows a list channel returns per call (fields.pageSize). */
const PAGE = 500;

interface Props<T> {
  /** e.g. 发展党员台账: the unit's name goes before it. */
  title: string;
  /** The list's filters in words (empty: the whole register). */
  filters: string;
  columns: TableColumnsType<T>;
  /** One page of the list as filtered on screen. */
  load(page: number, pageSize: number): Promise<Page<T>>;
  onBack(): void;
}

/**
 * A register list on paper, as the other printed pages (the notice, the report): every row of the
 * list as filtered on screen, not only the page shown, under the unit's title, in A4 landscape with
 * numbered pages, 填表人/审核人 below. Opens in place of the list; 返回 goes back to it.
 */
export function PrintList<T extends { id: string }>({ title, filters, columns, load, onBack }: Props<T>) {
  const unit = useUnit();
  const [rows, setRows] = useState<T[] | null>(null);
  useEffect(() => {
    let stale = false;
    (async () => {
      const all: T[] = [];
      for (let page = 1; ; page++) {
        const p = await load(page, PAGE);
        all.push(...p.rows);
        if (p.rows.length < PAGE || all.length >= p.total) break;
      }
      if (!stale) setRows(all);
    })().catch((err: unknown) => !stale && showError(err));
    return () => {
      stale = true;
    };
  }, [load]);
  return (
    <div className="print-list">
      <Flex justify="space-between" className="no-print" style={{ marginBottom: 16 }}>
        <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={onBack} autoFocus>
          返回列表
        </Button>
        <Button type="primary" icon={<PrinterOutlined aria-hidden />} disabled={!rows} onClick={() => window.print()}>
          打印
        </Button>
      </Flex>
      <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
        {unit?.unitName ?? ''}
        {title}
      </Typography.Title>
      <Flex justify="space-between" className="print-list-meta">
        <span>{filters ? `筛选条件：${filters}` : '全部记录'}</span>
        <span>{`${rows ? `共 ${rows.length} 条\u3000` : ''}打印日期：${dayjs().format('YYYY-MM-DD')}`}</span>
      </Flex>
      {rows ? (
        <Table<T>
          size="small"
          bordered
          pagination={false}
          rowKey="id"
          columns={[{ title: '序号', key: 'serial', width: 50, align: 'center', render: (_, __, i) => i + 1 }, ...columns]}
          dataSource={rows}
          locale={{ emptyText: '无记录' }}
        />
      ) : (
        <Skeleton active paragraph={{ rows: 8 }} />
      )}
      <div className="print-list-sign">{'填表人：__________\u3000\u3000审核人：__________\u3000\u3000填报日期：______年____月____日'}</div>
    </div>
  );
}
