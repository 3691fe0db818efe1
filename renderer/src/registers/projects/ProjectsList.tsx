import { useCallback, useMemo, useState } from 'react';
import { Select } from 'antd';
import type { Input as ApiInput, ProjectListItem } from '../../../../electron/api/contract';
import { PROJECT_CATEGORIES, PROJECT_STATUSES, type ProjectCategory, type ProjectStatus } from '../../../../electron/domain/projects';
import { call } from '../../api/client';
import { ImportModal } from '../../components/ImportModal';
import { options } from '../../components/options';
import { RegisterPage, useRegister, type Listed } from '../../components/RegisterPage';
import type { TableQuery } from '../../components/RegisterTable';
import { VillageSelect } from '../../components/VillageSelect';
import { useCan } from '../../stores/appStore';
import { projectColumns } from './columns';
import { CLEARABLE } from '../../components/clearable';
import { ProgressDrawer } from './ProgressDrawer';
import { ProjectDrawer, type ProjectTarget } from './ProjectDrawer';
import { projectImport } from './projectImport';
import { yearOptions } from './years';

type ProjectSort = 'year' | 'village' | 'name' | 'status' | 'total' | 'progress' | 'updated_at';
type ProjectQuery = TableQuery<ProjectSort> & {
  search: string | null;
  villageId: string | null;
  year: number | null;
  status: ProjectStatus | null;
  category: ProjectCategory | null;
};

const BLANK: ProjectQuery = { search: null, villageId: null, year: null, status: null, category: null, page: 1, pageSize: 20, sort: null, order: null };
const load = (q: Listed<ProjectQuery>) => call('projects.list', q satisfies ApiInput<'projects.list'>);
const remove = (row: ProjectListItem) => call('projects.remove', { id: row.id, version: row.version });
const exportFile = ({ search, township, villageId, year, status, category }: Listed<ProjectQuery>) =>
  call('projects.exportXlsx', { search, township, villageId, year, status, category });

/**
 * 项目台账: search, filters, server-paged list, add/edit drawer, progress drawer, delete, export.
 * `openId` (from the dashboard) opens that project's edit drawer on mount (its progress, read-only).
 */
export function ProjectsList({ onChanged, openId = null }: { onChanged(): void; openId?: string | null }) {
  const can = useCan();
  const readOnly = !can.registers;
  const [target, setTarget] = useState<ProjectTarget>(readOnly ? null : openId);
  const [progressOf, setProgressOf] = useState<string | null>(readOnly ? openId : null);
  const [importOpen, setImportOpen] = useState(false);
  const reg = useRegister({ key: 'projects', blank: BLANK, load, remove, exportFile, onChanged });
  const { query, patch, reload, remove: removeRow } = reg;

  const changed = useCallback(() => {
    reload();
    onChanged();
  }, [reload, onChanged]);
  const closeDrawer = useCallback(() => setTarget(null), []);
  const closeProgress = useCallback(() => setProgressOf(null), []);
  const columns = useMemo(
    () => projectColumns({ readOnly, onProgress: (r) => setProgressOf(r.id), onEdit: (r) => setTarget(r.id), onRemove: (r) => void removeRow(r) }),
    [readOnly, removeRow],
  );

  return (
    <RegisterPage
      register={reg}
      searchPlaceholder="搜索项目名称、村、合作主体、负责人"
      filters={
        <>
          <VillageSelect aria-label="村（社区）筛选" placeholder="全部村（社区）" allowClear={CLEARABLE} style={{ width: 200 }} value={query.villageId ?? undefined} onChange={(v) => patch({ villageId: v ?? null })} />
          <Select<number> aria-label="年度筛选" placeholder="全部年度" allowClear={CLEARABLE} style={{ width: 120 }} options={yearOptions()} value={query.year ?? undefined} onChange={(v) => patch({ year: v ?? null })} />
          <Select<ProjectStatus> aria-label="状态筛选" placeholder="全部状态" allowClear={CLEARABLE} style={{ width: 120 }} options={options(PROJECT_STATUSES)} value={query.status ?? undefined} onChange={(v) => patch({ status: v ?? null })} />
          <Select<ProjectCategory> aria-label="类别筛选" placeholder="全部类别" allowClear={CLEARABLE} style={{ width: 130 }} options={options(PROJECT_CATEGORIES)} value={query.category ?? undefined} onChange={(v) => patch({ category: v ?? null })} />
        </>
      }
      exportLabel="导出Excel"
      importLabel="导入台账"
      onImport={() => setImportOpen(true)}
      onNew={() => setTarget((t) => t ?? 'new')}
      columns={columns}
      chrome={380}
    >
      {!readOnly && <ProjectDrawer target={target} onClose={closeDrawer} onSaved={changed} />}
      {!readOnly && <ImportModal {...projectImport} open={importOpen} onClose={() => setImportOpen(false)} onImported={changed} />}
      <ProgressDrawer projectId={progressOf} readOnly={!can.progress} onClose={closeProgress} onChanged={changed} />
    </RegisterPage>
  );
}
