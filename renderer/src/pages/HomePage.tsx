import { useEffect, useState } from 'react';
import { Button, Flex, Skeleton, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dashboard } from '../../../electron/api/contract';
import { call, showError } from '../api/client';
import { DashboardCharts } from '../registers/dashboard/DashboardCharts';
import { FigureCards } from '../registers/dashboard/FigureCards';
import { QualityList } from '../registers/dashboard/QualityList';
import { openWithFilter } from '../registers/dashboard/filters';
import { currentHalf } from '../registers/reports/periods';
import { TownshipTable } from '../registers/dashboard/TownshipTable';
import { useAppStore } from '../stores/appStore';

/** Opens 统计报表 on the half-year containing `today` (the dashboard's day, else the browser's). */
function openHalfYearReport(today: string | undefined) {
  const { from, to } = currentHalf(today ? dayjs(today) : dayjs());
  openWithFilter('report', { period: { from, to } });
}

/** 首页: what a secretary checks every morning, counted afresh each time the page opens. */
export function HomePage() {
  const township = useAppStore((s) => s.township);
  const [data, setData] = useState<Dashboard | null>(null);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    let stale = false;
    call('dashboard.get', { township })
      .then((d) => !stale && setData(d))
      .catch((err: unknown) => !stale && showError(err));
    return () => {
      stale = true;
    };
  }, [township, nonce]);

  return (
    <>
      <Flex justify="space-between" align="center">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          首页
        </Typography.Title>
        <Flex gap={12} align="center">
          {data && <Typography.Text type="secondary">统计日期：{data.today}</Typography.Text>}
          <Typography.Link role="link" tabIndex={0} onClick={() => openHalfYearReport(data?.today)} onKeyDown={(e) => e.key === 'Enter' && openHalfYearReport(data?.today)}>
            本半年统计报表
          </Typography.Link>
          <Button icon={<ReloadOutlined aria-hidden />} onClick={() => setNonce((n) => n + 1)}>
            刷新
          </Button>
        </Flex>
      </Flex>
      {!data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          <FigureCards data={data} />
          {data.role === 'district' && <TownshipTable rows={data.townships} />}
          <DashboardCharts figures={data.figures} intervalDays={data.contactIntervalDays} />
          <QualityList checks={data.quality} />
        </>
      )}
    </>
  );
}
