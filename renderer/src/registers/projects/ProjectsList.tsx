import { useCallback, useMemo, useState } from 'react';
import { App, Flex, Select, Space } from 'antd';
import type { Input as ApiInput, ProjectListItem } from '../../../../electron/api/contract';
import { PROJECT_CATEGORIES, PROJECT_STATUSES, type ProjectCategory, type ProjectStatus } from '../../../../electron/domain/projects';
import { call, showError } from '../../api/client';
import { saveFile } from '../../api/files';
import { RegisterTable, type TableQuery } from '../../components/RegisterTable';
import { useServerList } from '../../components/useServerList';
import { VillageSelect } from '../../components/VillageSelect';
import { useReadOnly, useTownshipQuery } from '../../stores/appStore';
import { projectColumns } from './columns';
import { ProgressDrawer } from './ProgressDrawer';
import { ProjectDrawer, type ProjectTarget } from './ProjectDrawer';
import { ImportModal } from '../../components/ImportModal';
import { projectImport } from './projectImport';
import { yearOptions } from './years';
import { useNewShortcut } from '../../components/useNewShortcut';
import { SearchBox } from '../../components/SearchBox';
import { RegisterActions } from '../../components/RegisterActions';

type ProjectSort = 'year' | 'village' | 'name' | 'status' | 'total' | 'progress' | 'updated_at';
type ProjectQuery = TableQuery<ProjectSort> & {
  search: string | null;
  villageId: string | null;
  year: number | null;
  status: ProjectStatus | null;
  category: ProjectCategory | null;
};

const loadProjects = (q: ProjectQuery) => call('projects.list', q satisfies ApiInput<'projects.list'>);
const options = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));

/**
 * 项目台账: search, filters, server-paged list, add/edit drawer, progress drawer, delete, export.
 * `openId` (from the dashboard) opens that project's edit drawer on mount (its progress, read-only).
 */
export function ProjectsList({ onChanged, openId = null }: { onChanged(): void; openId?: string | null }) {
  const { message } = App.useApp();
  const readOnly = useReadOnly();
  const [query, setQuery] = useState<ProjectQuery>({ search: null, villageId: null, year: null, status: null, category: null, page: 1, pageSize: 20, sort: null, order: null });
  const [target, setTarget] = useState<ProjectTarget>(readOnly ? null : openId);
  const [progressOf, setProgressOf] = useState<string | null>(readOnly ? openId : null);
  const [importOpen, setImportOpen] = useState(false);
  const listQuery = useTownshipQuery(query);
  const { data, loading, reload } = useServerList(loadProjects, listQuery);

  const patch = (p: Partial<ProjectQuery>) => setQuery((q) => ({ ...q, page: 1, ...p }));
  const changed = useCallback(() => {
    reload();
    onChanged();
  }, [reload, onChanged]);
  const closeDrawer = useCallback(() => setTarget(null), []);
  const closeProgress = useCallback(() => setProgressOf(null), []);

  const exportXlsx = async () => {
    try {
      const { search, villageId, year, status, category } = query;
      saveFile(await call('projects.exportXlsx', { search, township: listQuery.township, villageId, year, status, category }));
    } catch (err) {
      showError(err);
    }
  };

  const remove = useCallback(
    async (row: ProjectListItem) => {
      try {
        await call('projects.remove', { id: row.id, version: row.version });
        void message.success('已删除');
        if (data?.rows.length === 1 && query.page > 1) setQuery((q) => ({ ...q, page: q.page - 1 }));
        else reload();
        onChanged();
      } catch (err) {
        showError(err);
      }
    },
    [data, query.page, reload, message, onChanged],
  );

  const columns = useMemo(
    () => projectColumns({ readOnly, onProgress: (r) => setProgressOf(r.id), onEdit: (r) => setTarget(r.id), onRemove: (r) => void remove(r) }),
    [readOnly, remove],
  );

  useNewShortcut(!readOnly, () => setTarget((t) => t ?? 'new'));

  return (
    <>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Space wrap>
          <SearchBox placeholder="搜索项目名称、村、合作主体、负责人" onSearch={(search) => patch({ search })} />
          <VillageSelect aria-label="村（社区）筛选" placeholder="全部村（社区）" allowClear style={{ width: 200 }} value={query.villageId ?? undefined} onChange={(v) => patch({ villageId: v ?? null })} />
          <Select<number> aria-label="年度筛选" placeholder="全部年度" allowClear style={{ width: 120 }} options={yearOptions()} value={query.year ?? undefined} onChange={(v) => patch({ year: v ?? null })} />
          <Select<ProjectStatus> aria-label="状态筛选" placeholder="全部状态" allowClear style={{ width: 120 }} options={options(PROJECT_STATUSES)} value={query.status ?? undefined} onChange={(v) => patch({ status: v ?? null })} />
          <Select<ProjectCategory> aria-label="类别筛选" placeholder="全部类别" allowClear style={{ width: 130 }} options={options(PROJECT_CATEGORIES)} value={query.category ?? undefined} onChange={(v) => patch({ category: v ?? null })} />
        </Space>
        <RegisterActions
          exportLabel="导出Excel"
          onExport={() => void exportXlsx()}
          importLabel="导入台账"
          onImport={() => setImportOpen(true)}
          onNew={() => setTarget('new')}
          readOnly={readOnly}
        />
      </Flex>
      <RegisterTable<ProjectListItem, ProjectSort>
        rowKey="id"
        serial
        columns={columns}
        data={data}
        loading={loading}
        query={query}
        onQueryChange={(q) => setQuery((prev) => ({ ...prev, ...q }))}
        chrome={380}
      />
      {!readOnly && <ProjectDrawer target={target} onClose={closeDrawer} onSaved={changed} />}
      {!readOnly && <ImportModal {...projectImport} open={importOpen} onClose={() => setImportOpen(false)} onImported={changed} />}
      <ProgressDrawer projectId={progressOf} readOnly={readOnly} onClose={closeProgress} onChanged={changed} />
    </>
  );
}
