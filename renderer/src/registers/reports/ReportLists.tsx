import { Table, Typography } from 'antd';
import type { Report } from '../../../../electron/api/contract';
import { scopeHeader } from '../../../../electron/domain/reportColumns';

/** The names behind two counts: who was found absent, which villages have no project. Townships only, never 合计. */
const named = (r: Report) => r.scopes.filter((s) => s.code !== null);

export function AbsentList({ report }: { report: Report }) {
  const rows = named(report).flatMap((s) => s.figures.cadres.absentList.map((a, i) => ({ ...a, scope: s.name, key: `${s.code}-${i}` })));
  if (!rows.length) return <Typography.Paragraph type="secondary">统计期内督查未发现不在岗情况。</Typography.Paragraph>;
  return (
    <Table
      size="small"
      bordered
      pagination={false}
      title={() => '督查发现不在岗名单'}
      dataSource={rows}
      columns={[
        ...(report.role === 'district' ? [{ key: 'scope', title: scopeHeader(report), dataIndex: 'scope', width: 140 }] : []),
        { key: 'name', title: '姓名', dataIndex: 'name', width: 100 },
        { key: 'date', title: '督查日期', dataIndex: 'date', width: 120 },
        { key: 'inspector', title: '督查人', dataIndex: 'inspector', width: 120 },
        { key: 'notes', title: '情况说明', dataIndex: 'notes' },
      ]}
    />
  );
}

export function UncoveredList({ report }: { report: Report }) {
  const rows = named(report).flatMap((s) => s.figures.projects.uncoveredList.map((v, i) => ({ ...v, scope: s.name, key: `${s.code}-${i}` })));
  if (!rows.length) return <Typography.Paragraph type="secondary">{report.coverageYear}年度各村（社区）均有项目。</Typography.Paragraph>;
  return (
    <Table
      size="small"
      bordered
      pagination={false}
      title={() => `${report.coverageYear}年无项目村（社区）名单`}
      dataSource={rows}
      columns={[
        ...(report.role === 'district' ? [{ key: 'scope', title: scopeHeader(report), dataIndex: 'scope', width: 140 }] : []),
        { key: 'name', title: '村（社区）', dataIndex: 'name' },
        { key: 'code', title: '区划代码', dataIndex: 'code', width: 160 },
      ]}
    />
  );
}
