import { useCallback, useMemo, useState } from 'react';
import { Button, Select } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { Input as ApiInput, StarListItem } from '../../../electron/api/contract';
import { call } from '../api/client';
import { ImportModal } from '../components/ImportModal';
import { PrintList } from '../components/PrintList';
import { RegisterPage, useRegister, type Listed } from '../components/RegisterPage';
import type { TableQuery } from '../components/RegisterTable';
import { VillageSelect } from '../components/VillageSelect';
import { yearOptions } from '../registers/projects/years';
import { STAR_PRINT_COLUMNS, starColumns } from '../registers/stars/columns';
import { StarDrawer, type StarTarget } from '../registers/stars/StarDrawer';
import { starImport } from '../registers/stars/starImport';
import { STAR_OPTIONS } from '../registers/stars/starForm';
import { useReadOnly } from '../stores/appStore';

type StarSort = 'year' | 'village' | 'stars' | 'score' | 'updated_at';
type StarQuery = TableQuery<StarSort> & { search: string | null; villageId: string | null; year: number | null; stars: number | null; openItems: boolean | null };

const BLANK: StarQuery = { search: null, villageId: null, year: null, stars: null, openItems: null, page: 1, pageSize: 20, sort: null, order: null };
const load = (q: Listed<StarQuery>) => call('stars.list', q satisfies ApiInput<'stars.list'>);
const remove = (row: StarListItem) => call('stars.remove', { id: row.id, version: row.version });
const exportFile = ({ search, township, villageId, year, stars, openItems }: Listed<StarQuery>) => call('stars.exportXlsx', { search, township, villageId, year, stars, openItems });

/** The list's filters in words, above the printed list. */
function filterWords(q: StarQuery): string {
  return [
    q.search && `搜索“${q.search}”`,
    q.year && `${q.year}年度`,
    q.stars && `${STAR_OPTIONS.find((o) => o.value === q.stars)?.label ?? q.stars}`,
    q.openItems && '有未完成整改',
    q.villageId && '指定村（社区）',
  ].filter(Boolean).join('，');
}

/** 评星定级: each village Party organization's rating per year, last year's beside it, and its corrective items. */
export function StarsPage() {
  const readOnly = useReadOnly();
  const [target, setTarget] = useState<StarTarget>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [printing, setPrinting] = useState(false);
  const reg = useRegister({ key: 'stars', blank: BLANK, load, remove, exportFile });
  const { query, patch, remove: removeRow } = reg;
  const closeDrawer = useCallback(() => setTarget(null), []);
  const columns = useMemo(() => starColumns({ readOnly, onEdit: (r) => setTarget(r.id), onRemove: (r) => void removeRow(r) }), [readOnly, removeRow]);
  const { listQuery } = reg;
  const printPage = useCallback((page: number, pageSize: number) => load({ ...listQuery, page, pageSize }), [listQuery]);

  if (printing) return <PrintList title="村级党组织评星定级台账" filters={filterWords(query)} columns={STAR_PRINT_COLUMNS} load={printPage} onBack={() => setPrinting(false)} />;

  return (
    <RegisterPage
      register={reg}
      title="评星定级"
      searchPlaceholder="搜索村（社区）名称、区划代码、升降星原因"
      filters={
        <>
          <VillageSelect aria-label="村（社区）筛选" placeholder="全部村（社区）" allowClear style={{ width: 200 }} value={query.villageId ?? undefined} onChange={(v) => patch({ villageId: v ?? null })} />
          <Select<number> aria-label="年度筛选" placeholder="全部年度" allowClear style={{ width: 120 }} options={yearOptions()} value={query.year ?? undefined} onChange={(v) => patch({ year: v ?? null })} />
          <Select<number> aria-label="星级筛选" placeholder="全部星级" allowClear style={{ width: 110 }} options={STAR_OPTIONS} value={query.stars ?? undefined} onChange={(v) => patch({ stars: v ?? null })} />
          <Select<'open'>
            aria-label="整改筛选"
            placeholder="全部整改情况"
            allowClear
            style={{ width: 150 }}
            options={[{ value: 'open', label: '有未完成整改' }]}
            value={query.openItems ? 'open' : undefined}
            onChange={(v) => patch({ openItems: v ? true : null })}
          />
        </>
      }
      actions={<Button icon={<PrinterOutlined aria-hidden />} onClick={() => setPrinting(true)}>打印</Button>}
      exportLabel="导出Excel"
      importLabel="导入台账"
      onImport={() => setImportOpen(true)}
      onNew={() => setTarget((t) => t ?? 'new')}
      columns={columns}
      scrollX={1250}
    >
      {!readOnly && (
        <>
          <StarDrawer target={target} onClose={closeDrawer} onSaved={reg.reload} />
          <ImportModal {...starImport} open={importOpen} onClose={() => setImportOpen(false)} onImported={reg.reload} />
        </>
      )}
    </RegisterPage>
  );
}
