import { useEffect, useState } from 'react';
import { Button, Flex, Skeleton, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dashboard } from '../../../electron/api/contract';
import { call, showError } from '../api/client';
import { FigureCards } from '../registers/dashboard/FigureCards';
import { QualityList } from '../registers/dashboard/QualityList';
import { openWithFilter } from '../registers/dashboard/filters';
import { currentHalf } from '../registers/reports/periods';
import { TownshipTable } from '../registers/dashboard/TownshipTable';
import { NoticeView } from '../registers/dashboard/NoticeView';
// Light: ECharts itself (some 0.5 MB of script) loads only when a chart comes near the visible area (EChart.tsx).
import { DashboardCharts } from '../registers/dashboard/DashboardCharts';
import { useAppStore } from '../stores/appStore';
import { DevAlertsCard } from '../registers/partyDev/DevAlertsCard';
import { WeakVillages } from '../registers/stars/WeakVillages';


/** Opens 统计报表 on the half-year containing `today` (the dashboard's day, else the browser's). */
function openHalfYearReport(today: string | undefined) {
  const { from, to } = currentHalf(today ? dayjs(today) : dayjs());
  openWithFilter('report', { period: { from, to } });
}

/**
 * 首页: what a secretary checks every morning, counted afresh each time the page opens. In
 * district mode the header's township picker narrows everything on it; a township's 提醒单
 * (notice) opens in its place.
 */
export function HomePage() {
  const township = useAppStore((s) => s.township);
  // The figures belong to the query they were read for: a changed township shows the skeleton,
  // never the previous township's numbers under the new name.
  const [loaded, setLoaded] = useState<{ key: string; data: Dashboard } | null>(null);
  const [nonce, setNonce] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const key = `${township ?? ''}/${nonce}`;
  const data = loaded?.key === key ? loaded.data : null;

  useEffect(() => {
    let stale = false;
    call('dashboard.get', { township })
      .then((d) => !stale && setLoaded({ key, data: d }))
      .catch((err: unknown) => !stale && showError(err));
    return () => {
      stale = true;
    };
  }, [township, nonce, key]);

  if (notice) return <NoticeView code={notice} onBack={() => setNotice(null)} />;
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
          <DevAlertsCard refresh={key} />
          <WeakVillages township={township} refresh={nonce} />
          {data.role === 'district' && <TownshipTable rows={data.townships} onNotice={setNotice} />}
          <DashboardCharts figures={data.figures} intervalDays={data.contactIntervalDays} />
          <QualityList key={key} checks={data.quality} district={data.role === 'district'} />
        </>
      )}
    </>
  );
}
