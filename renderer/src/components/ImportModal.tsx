import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Form, Modal, Progress, Radio, Space, Table, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { ExcelProgress, FilePayload, ImportReport } from '../../../electron/api/contract';
import { call, showError } from '../api/client';
import { readUpload, saveFile } from '../api/files';
import { NO_FOCUS_RETURN, useFocusBack } from './focusBack';
import { ActionLink } from './ActionLink';

type Mode = ImportReport['mode'];
type Upload = { fileName: string; base64: string };

export interface ImportModalProps {
  open: boolean;
  onClose(): void;
  onImported(): void;
  /** Dialog title, e.g. 导入驻村干部名册. */
  title: string;
  /** The file input's accessible name, e.g. 名册文件. */
  fileLabel: string;
  /** Which headers the file needs. */
  hint: string;
  /** What one row is, for “已导入 3 名驻村干部”. */
  rowNoun: string;
  /** The import channel: checks (dryRun) or writes. */
  run(file: Upload, mode: Mode, dryRun: boolean): Promise<ImportReport>;
  template(): Promise<FilePayload>;
  /** Extra fields above the file (the floating roster's village); the import waits for `ready`. */
  children?: ReactNode;
  ready?: boolean;
  /** A report belongs to these choices; when they change the file must be checked again. */
  context?: string;
}

/** A register's import, everything but the modal's state: spread into <ImportModal {...spec} />. */
export type ImportSpec = Pick<ImportModalProps, 'title' | 'fileLabel' | 'hint' | 'rowNoun' | 'run' | 'template'>;

/**
 * Import of an existing register from .xlsx: the file is first checked (dry run) and every problem
 * listed by Excel row and column; only then does the clerk confirm. All-or-nothing writes nothing
 * while any row is wrong; valid-only writes the good rows and lists the skipped ones.
 */
export function ImportModal(props: ImportModalProps) {
  const { open, onClose, onImported, title, fileLabel, hint, rowNoun, run, template, children, ready = true, context = '' } = props;
  const { message } = App.useApp();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<Upload | null>(null);
  const [mode, setMode] = useState<Mode>('all-or-nothing');
  const [checked, setChecked] = useState<{ report: ImportReport; context: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const progress = useImportProgress(busy);
  const report = checked && checked.context === context ? checked.report : null;

  const go = async (dryRun: boolean) => {
    if (!file || !ready) return;
    setBusy(true);
    try {
      const r = await run(file, mode, dryRun);
      setChecked({ report: r, context });
      if (!dryRun && r.written > 0) {
        void message.success(`已导入 ${r.written} ${rowNoun}`);
        onImported();
      }
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const canWrite = report?.dryRun && report.valid > 0 && (mode === 'valid-only' || report.problems.length === 0);
  const back = useFocusBack(open);
  const close = () => {
    setFile(null);
    setChecked(null);
    if (fileInput.current) fileInput.current.value = '';
    onClose();
  };

  return (
    <Modal open={open} title={title} width={760} onCancel={close} footer={null} destroyOnHidden focusable={NO_FOCUS_RETURN} afterOpenChange={(o) => o || back.closed()}>
      <Form layout="vertical">
        {children}
        <Form.Item label={`${fileLabel}（.xlsx）`} required extra={`${hint}可先下载模板对照填写。`}>
          <Space>
            <input
              ref={fileInput}
              type="file"
              accept=".xlsx"
              aria-label={fileLabel}
              style={{ display: 'none' }}
              onChange={(e) => {
                const f = e.target.files?.[0];
                // Emptied at once: the same file picked again (corrected in Excel meanwhile) must
                // be read again, and the browser sends no change for a name already chosen.
                e.target.value = '';
                setChecked(null);
                setFile(null);
                if (f) readUpload(f).then((u) => { setChecked(null); setFile(u); }).catch(showError);
              }}
            />
            {/* Not while a check or an import runs: its report would then show beside another file. */}
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => fileInput.current?.click()} disabled={busy}>
              选择文件
            </Button>
            <Typography.Text>{file?.fileName ?? '未选择'}</Typography.Text>
            <ActionLink onClick={() => void template().then(saveFile).catch(showError)}>下载模板</ActionLink>
          </Space>
        </Form.Item>
        <Form.Item label="导入方式">
          <Radio.Group value={mode} onChange={(e) => { setMode(e.target.value as Mode); setChecked(null); }}>
            <Radio value="all-or-nothing">全部正确才导入</Radio>
            <Radio value="valid-only">仅导入有效行（跳过有误的行）</Radio>
          </Radio.Group>
        </Form.Item>
      </Form>
      <Space style={{ marginBottom: 12 }}>
        <Button onClick={() => void go(true)} loading={busy && !report} disabled={!file || !ready}>
          检查文件
        </Button>
        <Button type="primary" onClick={() => void go(false)} loading={busy && Boolean(report)} disabled={!canWrite}>
          确认导入
        </Button>
      </Space>
      {busy && progress && <ProgressView progress={progress} dryRun={!report} />}
      {!busy && report && <ReportView report={report} />}
    </Modal>
  );
}

/** How often a running check or import is asked how far it got. */
const POLL_MS = 300;

/** The host's progress of the running check or import, asked for while `busy`. */
function useImportProgress(busy: boolean): ExcelProgress | null {
  const [progress, setProgress] = useState<ExcelProgress | null>(null);
  useEffect(() => {
    if (!busy) return;
    let live = true;
    const ask = () => void call('excel.progress', {}).then((p) => live && p && setProgress(p), () => undefined);
    const timer = setInterval(ask, POLL_MS);
    ask();
    return () => {
      live = false;
      clearInterval(timer);
      setProgress(null);
    };
  }, [busy]);
  return progress;
}

/**
 * One bar over the whole run: reading the file to 20%, checking its rows to 30%, then writing
 * them (checking them against the register in a check) up to 100%, the longest part; the host
 * reports rows done in each phase.
 */
function ProgressView({ progress, dryRun }: { progress: ExcelProgress; dryRun: boolean }) {
  const { phase, done, total } = progress;
  const part = total ? done / total : 0;
  const percent = Math.floor(phase === 'read' ? part * 20 : phase === 'check' ? 20 + part * 10 : 30 + part * 70);
  const rows = total ? `（${done} / ${total} 行）` : '';
  const text = phase === 'read' ? '正在读取文件' : phase === 'check' ? '正在检查各行' : dryRun ? '正在按名册核对' : '正在写入';
  return (
    <div role="status" aria-label="导入进度" style={{ marginBottom: 12 }}>
      <Progress percent={percent} status="active" />
      <Typography.Text type="secondary">{text + rows}</Typography.Text>
    </div>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  const bad = report.skippedRows.length;
  const summary = report.dryRun
    ? `共 ${report.total} 行，正确 ${report.valid} 行，有误 ${bad} 行。` +
      (bad === 0 ? '可以导入。' : report.mode === 'all-or-nothing' ? '有误的行未改正前不会导入任何记录。' : `确认后将导入 ${report.valid} 行，跳过第 ${report.skippedRows.join('、')} 行。`)
    : report.written > 0
      ? `已导入 ${report.written} 行${bad ? `，跳过第 ${report.skippedRows.join('、')} 行` : ''}。`
      : '未导入任何记录。';
  return (
    <>
      <Alert type={bad ? 'warning' : 'success'} showIcon title={summary} style={{ marginBottom: 12 }} />
      {report.notes?.map((n) => <Alert key={n} type="info" showIcon title={n} style={{ marginBottom: 12 }} />)}
      {report.problems.length > 0 && (
        <Table
          size="small"
          bordered
          rowKey={(p) => `${p.row}|${p.field}|${p.message}`}
          dataSource={report.problems}
          pagination={report.problems.length > 10 ? { pageSize: 10, size: 'small' } : false}
          columns={[
            { title: '行号', dataIndex: 'row', width: 70 },
            ...(report.problems.some((p) => p.name) ? [{ title: '姓名', dataIndex: 'name', width: 90 }] : []),
            { title: '字段', dataIndex: 'field', width: 120 },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      )}
    </>
  );
}
