import { Layout, Menu, Space, Tag, Typography } from 'antd';
import { HistoryOutlined, HomeOutlined, UserOutlined } from '@ant-design/icons';
import { useAppStore, useUnit, type PageKey } from '../stores/appStore';
import { AuditPage } from './AuditPage';
import { VillagesPage } from './VillagesPage';

const { Sider, Header, Content } = Layout;

const MENU = [
  { key: 'villages', icon: <HomeOutlined />, label: '村（社区）' },
  { key: 'audit', icon: <HistoryOutlined />, label: '操作日志' },
];

/** Sider navigation, unit header, and the current page. */
export function MainLayout() {
  const unit = useUnit();
  const page = useAppStore((s) => s.page);
  const setPage = useAppStore((s) => s.setPage);

  return (
    <Layout style={{ height: '100%' }}>
      <Sider width={200} breakpoint="lg" collapsedWidth={64}>
        <div
          style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#fff', fontSize: 16, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden' }}
        >
          乡镇组织工作台账
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={[page]} items={MENU} onClick={(e) => setPage(e.key as PageKey)} />
      </Sider>
      <Layout>
        <Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #e8e8e8' }}>
          <Space size="middle">
            <Typography.Text strong style={{ fontSize: 16 }}>
              {unit?.unitName}
            </Typography.Text>
            {unit && <Tag color={unit.role === 'district' ? 'purple' : 'blue'}>{unit.role === 'district' ? '区县' : '乡镇'}</Tag>}
            <Typography.Text type="secondary">{unit?.unitCode}</Typography.Text>
          </Space>
          <Space>
            <UserOutlined />
            <span>操作员：{unit?.operator}</span>
          </Space>
        </Header>
        <Content style={{ margin: 16, padding: 16, background: '#fff', borderRadius: 4, overflow: 'auto' }}>
          {page === 'villages' ? <VillagesPage /> : <AuditPage />}
        </Content>
      </Layout>
    </Layout>
  );
}
