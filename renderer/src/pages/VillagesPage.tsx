import { useCallback, useMemo, useState } from 'react';
import { App, Select, Typography } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import type { Input as ApiInput, VillageListItem } from '../../../electron/api/contract';
import { VILLAGE_KINDS, type VillageKind } from '../../../electron/domain/divisionCodes';
import { call, callEarly, showError } from '../api/client';
import { downloadOffered } from '../api/files';
import { options } from '../components/options';
import { openingQuery, RegisterPage, useRegister, type Listed } from '../components/RegisterPage';
import type { TableQuery } from '../components/RegisterTable';
import { villageColumns } from '../registers/villages/columns';
import { ImportOfficialModal } from '../registers/villages/ImportOfficialModal';
import { VillageDrawer, type VillageTarget } from '../registers/villages/VillageDrawer';
import { FLAG_OPTIONS } from '../registers/villages/villageForm';
import { useCan, useUnit } from '../stores/appStore';

type VillageSort = 'name' | 'code' | 'kind' | 'updated_at';
type Flag = (typeof FLAG_OPTIONS)[number]['value'];
type VillageQuery = TableQuery<VillageSort> & { search: string | null; kind: VillageKind | null; flag: Flag | null };

const BLANK: VillageQuery = { search: null, kind: null, flag: null, page: 1, pageSize: 20, sort: null, order: null };
const load = (q: Listed<VillageQuery>) => call('villages.list', q satisfies ApiInput<'villages.list'>);
const remove = (row: VillageListItem) => call('villages.remove', { id: row.id, version: row.version });
const exportFile = ({ search, township, kind, flag }: Listed<VillageQuery>) => call('villages.exportXlsx', { search, township, kind, flag });

/** At the menu click (nav.tsx): the list's first page is asked for while the page renders. */
export const early = () => callEarly('villages.list', openingQuery('villages', BLANK) satisfies ApiInput<'villages.list'>);

/**
 * 生成驻村版配置包: the township writes the village's package (kept beside the database), hands it
 * to the browser's save dialog, and shows the fingerprint the team will read back by phone.
 */
async function makePackage(r: VillageListItem, modal: ReturnType<typeof App.useApp>['modal']) {
  try {
    const made = await call('villages.makePackage', { id: r.id });
    downloadOffered(made);
    modal.success({
      title: `已生成${r.name}的驻村版配置包`,
      width: 520,
      content: (
        <>
          <Typography.Paragraph>
            含在岗驻村干部 {made.cadres} 名。请用U盘交给驻村工作队，在驻村版首次启动时选择此文件。
          </Typography.Paragraph>
          <Typography.Paragraph>
            工作队设置时会显示乡镇密钥指纹，请电话核对是否为：
            <br />
            <Typography.Text strong copyable data-testid="package-fingerprint">
              {made.fingerprint}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">本机另存于：{made.savedPath}</Typography.Paragraph>
        </>
      ),
    });
  } catch (err) {
    showError(err);
  }
}

/** 村（社区） register: search, type and flag filters, server-paged list, add/edit drawer, import. */
export function VillagesPage() {
  const unit = useUnit();
  const readOnly = !useCan().registers;
  const [target, setTarget] = useState<VillageTarget>(null);
  const [importOpen, setImportOpen] = useState(false);
  const reg = useRegister({ key: 'villages', blank: BLANK, load, remove, exportFile });
  const { query, patch, remove: removeRow } = reg;
  const closeDrawer = useCallback(() => setTarget(null), []);
  const { modal } = App.useApp();
  const township = unit?.role === 'township';
  const columns = useMemo(
    () =>
      villageColumns({
        readOnly,
        onEdit: (r) => setTarget(r.id),
        onRemove: (r) => void removeRow(r),
        onPackage: township ? (r) => void makePackage(r, modal) : undefined,
      }),
    [readOnly, removeRow, township, modal],
  );

  return (
    <RegisterPage
      register={reg}
      title="村（社区）"
      searchPlaceholder="搜索名称、区划代码、书记"
      filters={
        <>
          <Select<VillageKind> placeholder="全部类型" aria-label="类型" allowClear style={{ width: 140 }} options={options(VILLAGE_KINDS)} value={query.kind ?? undefined} onChange={(v) => patch({ kind: v ?? null })} />
          <Select<Flag> placeholder="全部标记" aria-label="标记" allowClear style={{ width: 200 }} options={[...FLAG_OPTIONS]} value={query.flag ?? undefined} onChange={(v) => patch({ flag: v ?? null })} />
        </>
      }
      exportLabel="导出Excel"
      importLabel="导入官方名单"
      importIcon={<CloudDownloadOutlined aria-hidden />}
      onImport={() => setImportOpen(true)}
      onNew={() => setTarget((t) => t ?? 'new')}
      columns={columns}
      scrollX={1150}
    >
      {!readOnly && (
        <>
          <VillageDrawer target={target} onClose={closeDrawer} onSaved={reg.reload} />
          <ImportOfficialModal open={importOpen} townshipCode={unit?.unitCode ?? ''} onClose={() => setImportOpen(false)} onImported={reg.reload} />
        </>
      )}
    </RegisterPage>
  );
}
