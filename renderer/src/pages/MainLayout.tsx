import { Layout, Menu, Space, Tag, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { NAV } from '../nav';
import { TownshipFilter } from '../components/TownshipFilter';
import { useAppStore, useUnit } from '../stores/appStore';

const { Sider, Header, Content } = Layout;

/** The header's tag: which kind of installation this is (a 驻村版 shows its own, not 乡镇). */
const ROLE_TAGS = { township: { color: 'blue', label: '乡镇' }, district: { color: 'purple', label: '区县' }, village: { color: 'green', label: '驻村版' } } as const;

const MENU = NAV.map(({ key, icon, label }) => ({ key, icon, label }));

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
        <Menu theme="dark" mode="inline" selectedKeys={[page]} items={MENU} onClick={(e) => setPage(e.key)} />
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
            <UserOutlined />
            <span>操作员：{unit?.operator}</span>
          </Space>
        </Header>
        <Content style={{ margin: 16, padding: 16, background: '#fff', borderRadius: 4, overflow: 'auto' }}>
          {(NAV.find((n) => n.key === page) ?? NAV[0]!).render()}
        </Content>
      </Layout>
    </Layout>
  );
}
