import { useCallback, useMemo, useState } from 'react';
import { Button, Select, Tabs, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { CaseListItem, DevListItem, Input as ApiInput } from '../../../electron/api/contract';
import { DEV_STAGES, type DevStage } from '../../../electron/domain/partyDev';
import { call } from '../api/client';
import { ImportModal } from '../components/ImportModal';
import { options } from '../components/options';
import { PrintList } from '../components/PrintList';
import type { DrawerTarget } from '../components/RecordDrawer';
import { RegisterPage, useRegister, type Listed } from '../components/RegisterPage';
import type { TableQuery } from '../components/RegisterTable';
import { CaseDrawer } from '../registers/partyDev/CaseForms';
import { MeasuresDrawer } from '../registers/partyDev/MeasuresDrawer';
import { caseColumns, DEV_PRINT_COLUMNS, devColumns } from '../registers/partyDev/columns';
import { devImport } from '../registers/partyDev/devImport';
import { PersonDrawer } from '../registers/partyDev/PersonDrawer';
import { StepsDrawer } from '../registers/partyDev/StepsDrawer';
import { AssessmentsDrawer } from '../registers/partyDev/AssessmentsDrawer';
import { useReadOnly } from '../stores/appStore';

type Exited = 'in' | 'out';
type DevQuery = TableQuery & { search: string | null; stage: DevStage | null; exited: Exited | null };
const BLANK: DevQuery = { search: null, stage: null, exited: null, page: 1, pageSize: 20, sort: null, order: null };
const filtersOf = ({ search, township, stage, exited }: Listed<DevQuery>) => ({ search, township, stage, exited: exited === null ? null : exited === 'out' });
const load = (q: Listed<DevQuery>) => call('development.list', { ...filtersOf(q), page: q.page, pageSize: q.pageSize } satisfies ApiInput<'development.list'>);
const remove = (row: DevListItem) => call('development.remove', { id: row.id, version: row.version });
const exportFile = (q: Listed<DevQuery>) => call('development.exportXlsx', filtersOf(q));

/** The list's filters in words, above the printed list. */
const filterWords = (q: DevQuery) => [q.search && `搜索“${q.search}”`, q.stage, q.exited && (q.exited === 'out' ? '已退出' : '在培养')].filter(Boolean).join('，');

/** 发展党员台账: everyone in the pipeline per village, with each step recorded in its own drawer. */
function DevList() {
  const readOnly = useReadOnly();
  const [person, setPerson] = useState<DrawerTarget>(null);
  const [steps, setSteps] = useState<DrawerTarget>(null);
  const [assessments, setAssessments] = useState<string | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [printing, setPrinting] = useState(false);
  const reg = useRegister({ key: 'partyDev', blank: BLANK, load, remove, exportFile });
  const { query, patch, remove: removeRow } = reg;
  const closePerson = useCallback(() => setPerson(null), []);
  const closeSteps = useCallback(() => setSteps(null), []);
  const closeAssessments = useCallback(() => setAssessments(null), []);
  const columns = useMemo(
    () => devColumns({ readOnly, onEdit: (r) => setPerson(r.id), onRemove: (r) => void removeRow(r), onSteps: (r) => setSteps(r.id), onAssessments: (r) => setAssessments(r.id) }),
    [readOnly, removeRow],
  );
  const { listQuery } = reg;
  const printPage = useCallback((page: number, pageSize: number) => load({ ...listQuery, page, pageSize }), [listQuery]);
  if (printing) return <PrintList title="发展党员台账" filters={filterWords(query)} columns={DEV_PRINT_COLUMNS} load={printPage} onBack={() => setPrinting(false)} />;
  return (
    <RegisterPage
      register={reg}
      searchPlaceholder="搜索姓名、身份证号、村（社区）"
      filters={
        <>
          <Select<DevStage> placeholder="全部阶段" aria-label="所处阶段" allowClear style={{ width: 140 }} options={options(DEV_STAGES)} value={query.stage ?? undefined} onChange={(v) => patch({ stage: v ?? null })} />
          <Select<Exited>
            placeholder="在培养和已退出"
            aria-label="是否退出"
            allowClear
            style={{ width: 150 }}
            options={[{ value: 'in', label: '在培养' }, { value: 'out', label: '已退出' }]}
            value={query.exited ?? undefined}
            onChange={(v) => patch({ exited: v ?? null })}
          />
        </>
      }
      actions={<Button icon={<PrinterOutlined aria-hidden />} onClick={() => setPrinting(true)}>打印</Button>}
      exportLabel="导出Excel"
      importLabel="导入台账"
      onImport={() => setImportOpen(true)}
      onNew={() => setPerson((t) => t ?? 'new')}
      columns={columns}
      scrollX={1200}
    >
      {!readOnly && (
        <>
          <PersonDrawer target={person} onClose={closePerson} onSaved={reg.reload} />
          <ImportModal {...devImport} open={importOpen} onClose={() => setImportOpen(false)} onImported={reg.reload} />
        </>
      )}
      {steps !== null && <StepsDrawer target={steps} onClose={closeSteps} onSaved={reg.reload} onAssessments={setAssessments} />}
      <AssessmentsDrawer personId={assessments} readOnly={readOnly} onClose={closeAssessments} onChanged={reg.reload} />
    </RegisterPage>
  );
}

type CaseQuery = TableQuery & { search: string | null };
const CASE_BLANK: CaseQuery = { search: null, page: 1, pageSize: 20, sort: null, order: null };
const loadCases = (q: Listed<CaseQuery>) => call('rectification.list', { search: q.search, township: q.township, page: q.page, pageSize: q.pageSize });
const removeCase = (row: CaseListItem) => call('rectification.remove', { id: row.id, version: row.version });

/** 排查整顿: cases found in the review of past developments, and the measures taken. */
function CaseList() {
  const readOnly = useReadOnly();
  const [target, setTarget] = useState<DrawerTarget>(null);
  const [measuresOf, setMeasuresOf] = useState<string | null>(null);
  const reg = useRegister({ key: 'rectification', blank: CASE_BLANK, load: loadCases, remove: removeCase, exportFile: (q) => call('rectification.exportXlsx', { search: q.search, township: q.township }) });
  const removeRow = reg.remove;
  const closeCase = useCallback(() => setTarget(null), []);
  const closeMeasures = useCallback(() => setMeasuresOf(null), []);
  const columns = useMemo(
    () => caseColumns({ readOnly, onEdit: (r) => setTarget(r.id), onRemove: (r) => void removeRow(r), onMeasure: (r) => setMeasuresOf(r.id) }),
    [readOnly, removeRow],
  );
  return (
    <RegisterPage
      register={reg}
      searchPlaceholder="搜索姓名、村（社区）、问题"
      filters={null}
      exportLabel="导出Excel"
      onNew={() => setTarget((t) => t ?? 'new')}
      columns={columns}
      scrollX={1100}
    >
      {!readOnly && <CaseDrawer target={target} onClose={closeCase} onSaved={reg.reload} />}
      <MeasuresDrawer caseId={measuresOf} readOnly={readOnly} onClose={closeMeasures} onChanged={reg.reload} />
    </RegisterPage>
  );
}

/** 发展党员: the pipeline register and the 排查整顿 review records. */
export function DevelopmentPage() {
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }} className="no-print">
        发展党员
      </Typography.Title>
      <Tabs
        items={[
          { key: 'list', label: '发展党员台账', children: <DevList /> },
          { key: 'cases', label: '排查整顿', children: <CaseList /> },
        ]}
      />
    </>
  );
}
