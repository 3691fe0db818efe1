import type { ReactNode } from 'react';
import { HistoryOutlined, HomeOutlined, SettingOutlined, SwapOutlined } from '@ant-design/icons';
import { SyncPage } from './pages/SyncPage';
import { HomePage } from './pages/HomePage';
import { DashboardOutlined } from '@ant-design/icons';
import { AuditPage } from './pages/AuditPage';
import { SettingsPage } from './pages/SettingsPage';
import { VillagesPage } from './pages/VillagesPage';
import { CadresPage } from './pages/CadresPage';
import { TeamOutlined } from '@ant-design/icons';
import { ProjectsPage } from './pages/ProjectsPage';
import { FundProjectionScreenOutlined } from '@ant-design/icons';
import { FloatingPage } from './pages/FloatingPage';
import { DevelopmentPage } from './pages/DevelopmentPage';
import { FlagOutlined } from '@ant-design/icons';
import { UserSwitchOutlined } from '@ant-design/icons';
import { ReportPage } from './pages/ReportPage';
import { BarChartOutlined } from '@ant-design/icons';
import { BackupPage } from './pages/BackupPage';
import { SaveOutlined } from '@ant-design/icons';
import { StarsPage } from './pages/StarsPage';
import { StarOutlined } from '@ant-design/icons';

/**
 * Every page of the main layout, in menu order. A register adds one entry here; the menu and
 * the page switch read this list and nothing else.
 */
export interface NavEntry {
  key: string;
  label: string;
  icon: ReactNode;
  render: () => ReactNode;
}

export const NAV: NavEntry[] = [
  { key: 'home', label: '首页', icon: <DashboardOutlined />, render: () => <HomePage /> },
  { key: 'villages', label: '村（社区）', icon: <HomeOutlined />, render: () => <VillagesPage /> },
  { key: 'cadres', label: '驻村干部', icon: <TeamOutlined />, render: () => <CadresPage /> },
  { key: 'projects', label: '一村一项目', icon: <FundProjectionScreenOutlined />, render: () => <ProjectsPage /> },
  { key: 'floating', label: '流动党员', icon: <UserSwitchOutlined />, render: () => <FloatingPage /> },
  { key: 'development', label: '发展党员', icon: <FlagOutlined />, render: () => <DevelopmentPage /> },
  { key: 'stars', label: '评星定级', icon: <StarOutlined />, render: () => <StarsPage /> },
  { key: 'report', label: '统计报表', icon: <BarChartOutlined />, render: () => <ReportPage /> },
  { key: 'sync', label: '数据同步', icon: <SwapOutlined />, render: () => <SyncPage /> },
  { key: 'audit', label: '操作日志', icon: <HistoryOutlined />, render: () => <AuditPage /> },
  { key: 'backup', label: '数据备份', icon: <SaveOutlined />, render: () => <BackupPage /> },
  { key: 'settings', label: '系统设置', icon: <SettingOutlined />, render: () => <SettingsPage /> },
];
