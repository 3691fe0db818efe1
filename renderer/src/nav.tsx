import type { ReactNode } from 'react';
import {
  BarChartOutlined,
  DashboardOutlined,
  FlagOutlined,
  FundProjectionScreenOutlined,
  HistoryOutlined,
  HomeOutlined,
  SaveOutlined,
  SettingOutlined,
  StarOutlined,
  SwapOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { lazyPage, type LazyPage } from './lazyPage';

/**
 * Every page of the main layout, in menu order. A register adds one entry here; the menu and
 * the page switch read this list and nothing else.
 */
export interface NavEntry {
  key: string;
  label: string;
  icon: ReactNode;
  /** The page, loaded on first show (lazyPage): MainLayout renders it under Suspense. */
  page: LazyPage;
}

export const NAV: NavEntry[] = [
  { key: 'home', label: '首页', icon: <DashboardOutlined aria-hidden />, page: lazyPage(() => import('./pages/HomePage'), 'HomePage') },
  { key: 'villages', label: '村（社区）', icon: <HomeOutlined aria-hidden />, page: lazyPage(() => import('./pages/VillagesPage'), 'VillagesPage') },
  { key: 'cadres', label: '驻村干部', icon: <TeamOutlined aria-hidden />, page: lazyPage(() => import('./pages/CadresPage'), 'CadresPage') },
  { key: 'projects', label: '一村一项目', icon: <FundProjectionScreenOutlined aria-hidden />, page: lazyPage(() => import('./pages/ProjectsPage'), 'ProjectsPage') },
  { key: 'floating', label: '流动党员', icon: <UserSwitchOutlined aria-hidden />, page: lazyPage(() => import('./pages/FloatingPage'), 'FloatingPage') },
  { key: 'development', label: '发展党员', icon: <FlagOutlined aria-hidden />, page: lazyPage(() => import('./pages/DevelopmentPage'), 'DevelopmentPage') },
  { key: 'stars', label: '评星定级', icon: <StarOutlined aria-hidden />, page: lazyPage(() => import('./pages/StarsPage'), 'StarsPage') },
  { key: 'report', label: '统计报表', icon: <BarChartOutlined aria-hidden />, page: lazyPage(() => import('./pages/ReportPage'), 'ReportPage') },
  { key: 'sync', label: '数据同步', icon: <SwapOutlined aria-hidden />, page: lazyPage(() => import('./pages/SyncPage'), 'SyncPage') },
  { key: 'audit', label: '操作日志', icon: <HistoryOutlined aria-hidden />, page: lazyPage(() => import('./pages/AuditPage'), 'AuditPage') },
  { key: 'backup', label: '数据备份', icon: <SaveOutlined aria-hidden />, page: lazyPage(() => import('./pages/BackupPage'), 'BackupPage') },
  { key: 'settings', label: '系统设置', icon: <SettingOutlined aria-hidden />, page: lazyPage(() => import('./pages/SettingsPage'), 'SettingsPage') },
];
