import { useEffect } from 'react';
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { bindMessage } from './api/feedback';
import { hasCredentials } from './api/transport';
import { MainLayout } from './pages/MainLayout';
import { onLocked } from './api/client';
import { IdleLock } from './components/IdleLock';
import { DamagedPage } from './pages/DamagedPage';
import { LockPage } from './pages/LockPage';
import { NoTokenPage } from './pages/NoTokenPage';
import { SetupPage } from './pages/setup/SetupPage';
import { useAppStore } from './stores/appStore';
import { theme } from './theme';

/** Registers the themed message API for non-component helpers (showError). */
function MessageBinder() {
  const { message } = AntApp.useApp();
  useEffect(() => bindMessage(message), [message]);
  return null;
}

function Shell() {
  const status = useAppStore((s) => s.status);
  const error = useAppStore((s) => s.error);
  const loadStatus = useAppStore((s) => s.loadStatus);
  const allowed = hasCredentials();

  useEffect(() => {
    if (allowed) void loadStatus();
  }, [allowed, loadStatus]);
  // The core refused a call because the app locked (idle time on the server): show the lock screen.
  useEffect(() => {
    onLocked(() => void loadStatus());
    return () => onLocked(null);
  }, [loadStatus]);

  if (!allowed) return <NoTokenPage />;
  if (!status && error) {
    if (error.code === 'unauthorized') return <NoTokenPage message={error.message} />;
    return (
      <div className="full-center">
        <Result
          status="error"
          title="无法读取台账数据"
          subTitle={error.message}
          extra={
            <Button type="primary" onClick={() => void loadStatus()}>
              重试
            </Button>
          }
        />
      </div>
    );
  }
  if (!status) {
    return (
      <div className="full-center">
        <Spin size="large" description="正在加载…">
          <div style={{ width: 200, height: 80 }} />
        </Spin>
      </div>
    );
  }
  if (status.damaged) return <DamagedPage />;
  if (status.locked) return <LockPage />;
  return status.setup ? (
    <>
      <IdleLock />
      <MainLayout />
    </>
  ) : (
    <SetupPage />
  );
}

export function Root() {
  return (
    // Every select can be typed into (本科 + Enter picks 本科), matching what the clerk reads.
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }} select={{ showSearch: { optionFilterProp: 'label' } }}>
      <AntApp style={{ height: '100%' }}>
        <MessageBinder />
        <Shell />
      </AntApp>
    </ConfigProvider>
  );
}
