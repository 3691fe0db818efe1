import { Suspense, useEffect } from 'react';
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { bindMessage } from './api/feedback';
import { hasCredentials } from './api/transport';
import { MainLayout, navEntry } from './pages/MainLayout';
import { onLocked } from './api/client';
import { IdleLock } from './components/IdleLock';
import { LockPage } from './pages/LockPage';
import { NoTokenPage } from './pages/NoTokenPage';
import { useAppStore } from './stores/appStore';
import { theme } from './theme';
import { lazyPage } from './lazyPage';

// Shown once (setup) or seldom (a damaged file): loaded only when needed.
const DamagedPage = lazyPage(() => import('./pages/DamagedPage'), 'DamagedPage').Component;
const SetupPage = lazyPage(() => import('./pages/setup/SetupPage'), 'SetupPage').Component;

const loadingScreen = (
  <div className="full-center">
    <Spin size="large" description="正在加载…">
      <div style={{ width: 200, height: 80 }} />
    </Spin>
  </div>
);

/** Registers the themed message API for non-component helpers (showError). */
function MessageBinder() {
  const { message } = AntApp.useApp();
  useEffect(() => bindMessage(message), [message]);
  return null;
}

/**
 * Called by main.tsx before the first render: the status is asked for, and the landing page's
 * code fetched, while React renders the loading screen (some 0.3 s of script at start), not
 * after it as an effect would.
 */
export function startShell(): void {
  if (!hasCredentials()) return;
  void useAppStore.getState().loadStatus();
  void navEntry(useAppStore.getState().page).page.preload().catch(() => undefined);
}

function Shell() {
  const status = useAppStore((s) => s.status);
  const error = useAppStore((s) => s.error);
  const loadStatus = useAppStore((s) => s.loadStatus);
  const allowed = hasCredentials();

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
  if (!status) return loadingScreen;
  if (status.damaged) {
    return (
      <Suspense fallback={loadingScreen}>
        <DamagedPage />
      </Suspense>
    );
  }
  if (status.locked) return <LockPage />;
  return status.setup ? (
    <>
      <IdleLock />
      <MainLayout />
    </>
  ) : (
    <Suspense fallback={loadingScreen}>
      <SetupPage />
    </Suspense>
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
