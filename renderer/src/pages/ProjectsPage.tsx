import { useCallback, useState } from 'react';
import { Tabs, Typography } from 'antd';
import { CoverageTab } from '../registers/projects/CoverageTab';
import { ProjectsList } from '../registers/projects/ProjectsList';
import { usePendingFilter } from '../registers/dashboard/filters';

/** 一村一项目: the project ledger and the one-village-one-project coverage by year. */
export function ProjectsPage() {
  // Bumped on every project write so the coverage tab never shows a stale gap list.
  const [refreshKey, setRefreshKey] = useState(0);
  const changed = useCallback(() => setRefreshKey((k) => k + 1), []);
  // A dashboard number (无项目村) opens the coverage tab for its year; a quality-check row, one project's drawer.
  const pending = usePendingFilter('projects');
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        一村一项目
      </Typography.Title>
      <Tabs
        defaultActiveKey={pending?.tab ?? 'list'}
        items={[
          { key: 'list', label: '项目台账', children: <ProjectsList onChanged={changed} openId={pending?.openId ?? null} /> },
          { key: 'coverage', label: '覆盖情况', children: <CoverageTab refreshKey={refreshKey} initialYear={pending?.year} /> },
        ]}
      />
    </>
  );
}
