import { Suspense, useEffect, useMemo } from 'react';
import { Layout, Menu, Skeleton, Space, Tag, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { NAV } from '../nav';
import { TownshipFilter } from '../components/TownshipFilter';
import { DirtyForms, drawerState, useConfirmDiscard, type DirtyChecks } from '../components/formState';
import { useAppStore, useUnit } from '../stores/appStore';

const { Sider, Header, Content } = Layout;

/** The header's tag: which kind of installation this is (a 驻村版 shows its own, not 乡镇). */
const ROLE_TAGS = { township: { color: 'blue', label: '乡镇' }, district: { color: 'purple', label: '区县' }, village: { color: 'green', label: '驻村版' } } as const;

const MENU = NAV.map(({ key, icon, label }) => ({ key, icon, label }));

/** The entry shown for a page key (首页 for one no longer in the menu). */
export const navEntry = (key: string) => NAV.find((n) => n.key === key) ?? NAV[0]!;

/**
 * Once the landing page is up and the browser is idle, the other pages' code is fetched, so a
 * later menu click does not wait for its chunk; not before, so a clerk who goes straight to a
 * register parses that page alone. One page at a time, in menu order (the registers first), each
 * in an idle moment: all at once they were some 60 requests queued ahead of the landing page's
 * own calls and of the page a click asks for (the browser opens six connections to the host),
 * and their parsing held the main thread while the clicked page waited to render.
 */
function usePreloadPages() {
  useEffect(() => {
    let cancelled = false;
    let idle: number | undefined;
    let timer: number | undefined;
    const whenIdle = (run: () => void) => {
      if (window.requestIdleCallback) idle = window.requestIdleCallback(run, { timeout: 5000 });
      else timer = window.setTimeout(run, 200);
    };
    const next = (i: number) => {
      if (cancelled || i >= NAV.length) return;
      void NAV[i]!.page
        .preload()
        .catch(() => undefined)
        .then(() => whenIdle(() => next(i + 1)));
    };
    whenIdle(() => next(0));
    return () => {
      cancelled = true;
      if (idle !== undefined) window.cancelIdleCallback(idle);
      window.clearTimeout(timer);
    };
  }, []);
}

/** Sider navigation, unit header, and the current page. */
export function MainLayout() {
  const unit = useUnit();
  const page = useAppStore((s) => s.page);
  const setPage = useAppStore((s) => s.setPage);
  usePreloadPages();
  const Page = navEntry(page).page.Component;
  // A page's own form (系统设置) registers here (useDirtyCheck): leaving it by the menu with
  // unsaved edits asks first, as closing a drawer does.
  const forms = useMemo<DirtyChecks>(() => new Set(), []);
  const confirmDiscard = useConfirmDiscard();
  const open = (key: string) => {
    if (key === page) return setPage(key);
    confirmDiscard(
      drawerState(forms),
      () => {
        navEntry(key).page.opening();
        setPage(key);
      },
      { content: '离开本页后，本页填写或修改的内容不会保存。' },
    );
  };

  return (
    <Layout style={{ height: '100%' }}>
      <Sider width={200} breakpoint="lg" collapsedWidth={64}>
        <div
          style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#fff', fontSize: 16, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden' }}
        >
          乡镇组织工作台账
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={[page]} items={MENU} onClick={(e) => open(e.key)} />
      </Sider>
      <Layout>
        <Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #e8e8e8' }}>
          <Space size="middle">
            <Typography.Text strong style={{ fontSize: 16 }}>
              {unit?.unitName}
            </Typography.Text>
            {unit && <Tag color={ROLE_TAGS[unit.role].color}>{ROLE_TAGS[unit.role].label}</Tag>}
            <Typography.Text type="secondary">{unit?.unitCode}</Typography.Text>
            {unit?.role === 'district' && <TownshipFilter />}
          </Space>
          <Space>
            <UserOutlined aria-hidden />
            <span>操作员：{unit?.operator}</span>
          </Space>
        </Header>
        <Content style={{ margin: 16, padding: 16, background: '#fff', borderRadius: 4, overflow: 'auto' }}>
          <DirtyForms.Provider value={forms}>
            <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
              <Page />
            </Suspense>
          </DirtyForms.Provider>
        </Content>
      </Layout>
    </Layout>
  );
}
