import type { ReactNode } from 'react';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { Dashboard } from '../../../../electron/api/contract';
import { daysAgoText } from '../../../../electron/domain/dates';
import { useAppStore } from '../../stores/appStore';
import { useCadreView } from '../cadres/cadreStore';
import { openWithFilter, type PageFilters } from './filters';

/** A district counts a township as behind when its last bundle is older than this (or never came). */
export const STALE_DAYS = 7;

interface Figure {
  key: string;
  title: string;
  value: number | string;
  suffix?: string;
  hint: string;
  /** Red when something needs doing. */
  alert: boolean;
  /** The accessible name of the link, e.g. "联系超期 3 名". */
  label: string;
  open(): void;
}

const monthLabel = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;

function openCadres(filter: PageFilters['cadres']) {
  // The list, not a ledger left open on the cadres page.
  useCadreView.getState().closeLedger();
  openWithFilter('cadres', filter);
}

/** District with one township picked: how current that township's data is, not the district's count. */
function townshipSyncFigure(d: Dashboard, code: string, open: () => void): Figure | null {
  const t = d.townships.find((x) => x.code === code);
  if (!t) return null;
  if (!t.sent || t.daysOld === null) return { key: 'sync', title: `${t.name}数据截至`, value: '未报送', hint: '尚未收到该乡镇的同步文件', alert: true, label: `${t.name}未报送`, open };
  // 今天 and 昨天 as a clerk says them, never "0 天前".
  const ago = daysAgoText(t.daysOld);
  return {
    key: 'sync',
    title: `${t.name}数据截至`,
    value: t.daysOld > 1 ? t.daysOld : ago,
    suffix: t.daysOld > 1 ? '天前' : undefined,
    hint: `乡镇导出 ${t.asOf!.slice(0, 10)}${t.clockNote ? ' ⚠ 时钟' : ''}`,
    alert: t.daysOld > STALE_DAYS,
    label: `${t.name}数据截至 ${ago}`,
    open,
  };
}

function syncFigure(d: Dashboard, township: string | null): Figure {
  const openSync = () => useAppStore.getState().setPage('sync');
  const one = d.role === 'district' && township ? townshipSyncFigure(d, township, openSync) : null;
  if (one) return one;
  if (d.role === 'district') {
    const behind = d.townships.filter((t) => t.daysOld === null || t.daysOld > STALE_DAYS).length;
    return { key: 'sync', title: `超过${STALE_DAYS}天未报送的乡镇`, value: behind, suffix: '个', hint: `共 ${d.townships.length} 个乡镇（街道）`, alert: behind > 0, label: `未报送乡镇 ${behind} 个`, open: openSync };
  }
  if (d.daysSinceExport === null) return { key: 'sync', title: '距上次导出同步文件', value: '尚未导出', hint: '数据同步 → 导出同步文件', alert: true, label: '尚未导出同步文件', open: openSync };
  return {
    key: 'sync',
    title: '距上次导出同步文件',
    // 今天 rather than "0 天".
    value: d.daysSinceExport === 0 ? '今天' : d.daysSinceExport,
    suffix: d.daysSinceExport === 0 ? undefined : '天',
    hint: `上次导出 ${d.lastExportAt!.slice(0, 10)}`,
    alert: d.daysSinceExport > STALE_DAYS,
    label: d.daysSinceExport === 0 ? '今天已导出同步文件' : `距上次导出 ${d.daysSinceExport} 天`,
    open: openSync,
  };
}

function figures(d: Dashboard, township: string | null): Figure[] {
  const f = d.figures;
  return [
    { key: 'inPost', title: '在岗驻村干部', value: f.cadresInPost, suffix: '名', hint: `第一书记 ${f.inPostByRole['第一书记'] ?? 0} 名`, alert: false, label: `在岗驻村干部 ${f.cadresInPost} 名`, open: () => openCadres({ status: '在岗' }) },
    {
      key: 'below',
      title: '上月在村天数不足',
      value: f.belowThreshold,
      suffix: '名',
      hint: `${monthLabel(d.attendanceMonth)}，标准每月${d.attendanceThresholdDays}天`,
      alert: f.belowThreshold > 0,
      label: `在村天数不足 ${f.belowThreshold} 名`,
      open: () => openCadres({ belowOnly: true, month: d.attendanceMonth }),
    },
    { key: 'overdue', title: '联系超期', value: f.overdue, suffix: '名', hint: `外出中且超过${d.contactIntervalDays}天未联系`, alert: f.overdue > 0, label: `联系超期 ${f.overdue} 名`, open: () => openWithFilter('floating', { flag: 'overdue' }) },
    { key: 'noContact', title: '无一对一联系人', value: f.noContact, suffix: '名', hint: `外出中流动党员 ${f.floatingOut} 名`, alert: f.noContact > 0, label: `无一对一联系人 ${f.noContact} 名`, open: () => openWithFilter('floating', { flag: 'noContact' }) },
    {
      key: 'uncovered',
      title: `${d.year}年无项目村`,
      value: f.villagesWithoutProject,
      suffix: '个',
      hint: `共 ${f.villages} 个村（社区）`,
      alert: f.villagesWithoutProject > 0,
      label: `无项目村 ${f.villagesWithoutProject} 个`,
      open: () => openWithFilter('projects', { tab: 'coverage', year: d.year }),
    },
    syncFigure(d, township),
  ];
}

function FigureCard({ f }: { f: Figure }): ReactNode {
  return (
    <Card size="small" hoverable onClick={f.open} style={{ height: '100%' }}>
      {/* No href: navigation stays inside the app (the address carries the token), so it is a link by role. */}
      <Typography.Link
        role="link"
        tabIndex={0}
        aria-label={f.label}
        style={{ display: 'block' }}
        onClick={(e) => (e.stopPropagation(), f.open())}
        onKeyDown={(e) => e.key === 'Enter' && f.open()}
      >
        <Statistic title={f.title} value={f.value} suffix={f.suffix} styles={{ content: { color: f.alert ? '#cf1322' : undefined } }} />
      </Typography.Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {f.hint}
      </Typography.Text>
    </Card>
  );
}

/**
 * The morning check: each number opens the list it counts, already filtered. In district mode the
 * header's township picker narrows every card, and the list each opens is narrowed by the same picker.
 */
export function FigureCards({ data }: { data: Dashboard }) {
  const township = useAppStore((s) => s.township);
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {figures(data, township).map((f) => (
        <Col key={f.key} xs={12} md={8} xl={4}>
          <FigureCard f={f} />
        </Col>
      ))}
    </Row>
  );
}
