import { useEffect, useMemo, useState } from 'react';
import { Flex, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { CoverageItem, ProjectCoverage } from '../../../../electron/api/contract';
import { fenToWanShown, parseWanToFen } from '../../../../electron/domain/money';
import { call, showError } from '../../api/client';
import { useAppStore } from '../../stores/appStore';
import { yearOptions } from './years';

type Show = 'uncovered' | 'all';

const dash = <Typography.Text type="secondary">—</Typography.Text>;
const grouped = (v: string | null) => (v === null ? dash : fenToWanShown((parseWanToFen(v) as { fen: number }).fen));

const COLUMNS: TableColumnsType<CoverageItem> = [
  { title: '序号', key: '__serial', width: 64, align: 'center', render: (_, __, i) => i + 1 },
  { title: '村（社区）', dataIndex: 'name', width: 180 },
  { title: '区划代码', dataIndex: 'code', width: 140, render: (c: string | null) => c ?? dash },
  {
    title: '一村一项目',
    dataIndex: 'projects',
    width: 120,
    render: (n: number) => (n ? <Tag color="success">{n} 个项目</Tag> : <Tag color="error">无项目</Tag>),
  },
  { title: '项目收益（万元）', dataIndex: 'projectIncome', width: 150, align: 'right', render: grouped },
  { title: '村级集体经济收入（万元）', dataIndex: 'villageIncome', width: 190, align: 'right', render: grouped },
];

/**
 * 覆盖情况: for a chosen year, the villages without a project that counts (the rule is
 * COVERS_YEAR in db/projects.ts) and each village's income: its projects' reported income beside
 * the 村级集体经济收入 kept in the villages register. In district mode the header's township picker
 * narrows it, as it narrows the dashboard's 无项目村 that opens it.
 */
export function CoverageTab({ refreshKey, initialYear }: { refreshKey: number; initialYear?: number }) {
  const [year, setYear] = useState(initialYear ?? dayjs().year());
  const [show, setShow] = useState<Show>('uncovered');
  const township = useAppStore((s) => s.township);
  // The figures belong to the query they were read for: a changed year or township shows loading.
  const [loaded, setLoaded] = useState<{ key: string; data: ProjectCoverage } | null>(null);
  const key = `${year}/${township ?? ''}`;
  const data = loaded?.key === key ? loaded.data : null;

  useEffect(() => {
    let stale = false;
    call('projects.coverage', { year, township })
      .then((d) => !stale && setLoaded({ key, data: d }))
      .catch((err: unknown) => !stale && showError(err));
    return () => {
      stale = true;
    };
  }, [year, township, key, refreshKey]);

  const rows = useMemo(() => (data ? (show === 'all' ? data.villages : data.villages.filter((v) => v.projects === 0)) : []), [data, show]);
  const total = data?.villages.length ?? 0;

  return (
    <>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }} align="center">
        <Space wrap size="large">
          <Select<number> aria-label="统计年度" style={{ width: 120 }} options={yearOptions()} value={year} onChange={setYear} />
          <Segmented<Show>
            aria-label="显示范围"
            options={[
              { value: 'uncovered', label: '无项目村' },
              { value: 'all', label: '全部村（社区）' },
            ]}
            value={show}
            onChange={setShow}
          />
        </Space>
        <Space size="large">
          <Statistic title="村（社区）" value={total} />
          <Statistic title="有项目" value={total - (data?.uncovered ?? 0)} />
          <Statistic title="无项目" value={data?.uncovered ?? 0} styles={{ content: { color: data?.uncovered ? '#cf1322' : undefined } }} />
        </Space>
      </Flex>
      <Table<CoverageItem>
        rowKey="villageId"
        size="middle"
        bordered
        loading={!data}
        columns={COLUMNS}
        dataSource={rows}
        pagination={false}
        footer={() => `共 ${rows.length} 条。计入当年的项目：当年或以前立项、状态为在建或运营且未在该年前完工终止，或已终止但终止日期在该年内；谋划、停滞的项目不计入。`}
        locale={{ emptyText: show === 'uncovered' ? `${year}年度各村（社区）均有项目` : '暂无村（社区）' }}
      />
    </>
  );
}
