import type { ReactNode } from 'react';
import { HistoryOutlined, HomeOutlined, SettingOutlined } from '@ant-design/icons';
import { AuditPage } from './pages/AuditPage';
import { SettingsPage } from './pages/SettingsPage';
import { VillagesPage } from './pages/VillagesPage';

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
  { key: 'villages', label: '村（社区）', icon: <HomeOutlined />, render: () => <VillagesPage /> },
  { key: 'audit', label: '操作日志', icon: <HistoryOutlined />, render: () => <AuditPage /> },
  { key: 'settings', label: '系统设置', icon: <SettingOutlined />, render: () => <SettingsPage /> },
];
