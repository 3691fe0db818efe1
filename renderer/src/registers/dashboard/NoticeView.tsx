import { useEffect, useState, type ReactNode } from 'react';
import { Button, Flex, Skeleton, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import type { Notice, QualityItem } from '../../../../electron/api/contract';
import { call, showError } from '../../api/client';
import { ExportButton } from './ExportButton';
import './notice.css';

const NUMERALS = ['一', '二', '三', '四', '五', '六'];
const monthText = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;

function Part<R extends object>({ n, title, count, unit, columns, rows }: { n: number; title: string; count: number; unit: string; columns: TableColumnsType<R>; rows: R[] }) {
  const heading = `${NUMERALS[n]}、${title}（${count} ${unit}）`;
  return (
    <section className="notice-part" aria-label={title}>
      <div className="notice-part-title">{heading}</div>
      {rows.length ? (
        <Table<R>
          size="small"
          bordered
          pagination={false}
          rowKey={(r) => JSON.stringify(r)}
          columns={[{ title: '序号', key: 'serial', width: 56, align: 'center', render: (_, __, i) => i + 1 }, ...columns]}
          dataSource={rows}
        />
      ) : (
        <Typography.Paragraph>无。</Typography.Paragraph>
      )}
    </section>
  );
}

const QUALITY_COLUMNS: TableColumnsType<QualityItem & { check: string }> = [
  { title: '检查项', dataIndex: 'check', width: 200 },
  { title: '姓名（项目）', dataIndex: 'name' },
  { title: '村（社区）', dataIndex: 'village', width: 110, render: (v: string | null) => v ?? '—' },
  { title: '情况', dataIndex: 'detail', width: 200 },
];

function Body({ n }: { n: Notice }): ReactNode {
  const t = n.township;
  const asOf = t.sent && t.asOf ? `数据截至乡镇导出时间 ${t.asOf.slice(0, 10)}` : '至今未收到同步文件';
  const quality = n.quality.flatMap((q) => q.items.map((i) => ({ ...i, check: q.title })));
  return (
    <>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {n.unitName}
        <br />
        工作提醒单
      </Typography.Title>
      <Typography.Paragraph strong>{t.name}党（工）委：</Typography.Paragraph>
      <Typography.Paragraph style={{ textIndent: '2em' }}>
        根据{t.name}报送的组织工作台账数据（{asOf}{t.clockNote ? `；${t.clockNote}` : ''}），截至 {n.today}，存在以下需要补报、整改的事项。请逐项核实处理，并在下次报送同步文件时一并更新。
      </Typography.Paragraph>
      <Part
        n={0}
        title={`近${n.weeks}周未报送的周次`}
        count={n.unsentWeeks.length}
        unit="周"
        columns={[{ title: '周次', key: 'week', render: (_, w) => `${w.start} 至 ${w.end}` }]}
        rows={n.unsentWeeks}
      />
      <Part
        n={1}
        title={`超过${n.contactIntervalDays}天未联系的流动党员`}
        count={n.overdue.length}
        unit="名"
        columns={[
          { title: '姓名', dataIndex: 'name', width: 120 },
          { title: '村（社区）', dataIndex: 'village' },
          { title: '最近联系（外出）日期', dataIndex: 'lastContact', width: 170 },
          { title: '未联系天数', dataIndex: 'days', width: 110, align: 'right' },
        ]}
        rows={n.overdue}
      />
      <Part
        n={2}
        title={`${monthText(n.attendanceMonth)}在村天数不足的驻村干部（标准每月${n.attendanceThresholdDays}天，按驻村天数折算）`}
        count={n.belowStandard.length}
        unit="名"
        columns={[
          { title: '姓名', dataIndex: 'name', width: 120 },
          { title: '村（社区）', dataIndex: 'village', render: (v: string | null) => v ?? '—' },
          { title: '角色', dataIndex: 'role', width: 100 },
          { title: '在村天数', dataIndex: 'inVillage', width: 90, align: 'right' },
          { title: '应在村天数', dataIndex: 'required', width: 100, align: 'right' },
        ]}
        rows={n.belowStandard}
      />
      <Part
        n={3}
        title={`${n.year}年无项目村（社区）`}
        count={n.uncovered.length}
        unit="个"
        columns={[
          { title: '村（社区）', dataIndex: 'name' },
          { title: '区划代码', dataIndex: 'code', width: 160, render: (c: string | null) => c ?? '—' },
        ]}
        rows={n.uncovered}
      />
      <Part n={4} title="数据质量问题" count={quality.length} unit="条" columns={QUALITY_COLUMNS} rows={quality} />
      <div className="notice-sign">
        <div>{n.unitName}</div>
        <div>{n.today}</div>
        <div>经办人：__________</div>
      </div>
    </>
  );
}

/**
 * District: the 提醒单 for one township, as paper (A4 portrait, numbered pages) and as a
 * workbook, both named for the township. Every list is the full list behind a dashboard card.
 */
export function NoticeView({ code, onBack }: { code: string; onBack(): void }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  useEffect(() => {
    let stale = false;
    call('reports.notice', { township: code })
      .then((n) => !stale && setNotice(n))
      .catch((err: unknown) => !stale && showError(err));
    return () => {
      stale = true;
    };
  }, [code]);
  return (
    <div className="notice-page">
      <Flex justify="space-between" className="no-print" style={{ marginBottom: 16 }}>
        <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={onBack}>
          返回首页
        </Button>
        <Space>
          <ExportButton label="导出Excel" disabled={!notice} make={() => call('reports.exportNotice', { township: code })} />
          <Button type="primary" icon={<PrinterOutlined aria-hidden />} disabled={!notice} onClick={() => window.print()}>
            打印
          </Button>
        </Space>
      </Flex>
      {notice ? <Body n={notice} /> : <Skeleton active paragraph={{ rows: 10 }} />}
    </div>
  );
}
