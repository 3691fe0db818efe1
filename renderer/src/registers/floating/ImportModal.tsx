import { useRef, useState } from 'react';
import { Alert, App, Button, Form, Modal, Radio, Space, Table, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { ImportReport } from '../../../../electron/api/contract';
import { call, showError } from '../../api/client';
import { readUpload, saveFile } from '../../api/files';
import { VillageSelect } from '../../components/VillageSelect';

type Mode = ImportReport['mode'];

interface Props {
  open: boolean;
  onClose(): void;
  onImported(): void;
}

/**
 * Import of an existing roster: the file is first checked (dry run) and every problem listed by
 * Excel row and column; only then does the clerk confirm. All-or-nothing writes nothing while
 * any row is wrong; valid-only writes the good rows and lists the skipped ones.
 */
export function ImportModal({ open, onClose, onImported }: Props) {
  const { message } = App.useApp();
  const fileInput = useRef<HTMLInputElement>(null);
  const [villageId, setVillageId] = useState<string | undefined>();
  const [file, setFile] = useState<{ fileName: string; base64: string } | null>(null);
  const [mode, setMode] = useState<Mode>('all-or-nothing');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setFile(null);
    setReport(null);
    if (fileInput.current) fileInput.current.value = '';
  };

  const run = async (dryRun: boolean) => {
    if (!file || !villageId) return;
    setBusy(true);
    try {
      const r = await call('floating.importXlsx', { file, villageId, mode, dryRun });
      setReport(r);
      if (!dryRun && r.written > 0) {
        void message.success(`已导入 ${r.written} 名流动党员`);
        onImported();
      }
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const canWrite = report?.dryRun && report.valid > 0 && (mode === 'valid-only' || report.problems.length === 0);
  const close = () => {
    reset();
    onClose();
  };

  return (
    <Modal open={open} title="导入流动党员名册" width={760} onCancel={close} footer={null} destroyOnHidden>
      <Form layout="vertical">
        <Form.Item label="导入到村（社区）" required htmlFor="floatingImportVillage">
          <VillageSelect id="floatingImportVillage" value={villageId} onChange={(v) => { setVillageId(v); setReport(null); }} />
        </Form.Item>
        <Form.Item label="名册文件（.xlsx）" required extra="表头需包含姓名、身份证号、流出时间、流入地；可先下载模板对照填写。">
          <Space>
            <input
              ref={fileInput}
              type="file"
              accept=".xlsx"
              aria-label="名册文件"
              style={{ display: 'none' }}
              onChange={(e) => {
                const f = e.target.files?.[0];
                setReport(null);
                if (f) readUpload(f).then(setFile).catch(showError);
              }}
            />
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => fileInput.current?.click()}>
              选择文件
            </Button>
            <Typography.Text>{file?.fileName ?? '未选择'}</Typography.Text>
            <Typography.Link onClick={() => void call('floating.template', {}).then(saveFile).catch(showError)}>下载模板</Typography.Link>
          </Space>
        </Form.Item>
        <Form.Item label="导入方式">
          <Radio.Group value={mode} onChange={(e) => { setMode(e.target.value as Mode); setReport(null); }}>
            <Radio value="all-or-nothing">全部正确才导入</Radio>
            <Radio value="valid-only">只导入正确的行，跳过有误的行</Radio>
          </Radio.Group>
        </Form.Item>
      </Form>
      <Space style={{ marginBottom: 12 }}>
        <Button onClick={() => void run(true)} loading={busy && !report} disabled={!file || !villageId}>
          检查文件
        </Button>
        <Button type="primary" onClick={() => void run(false)} loading={busy && Boolean(report)} disabled={!canWrite}>
          确认导入
        </Button>
      </Space>
      {report && <ReportView report={report} />}
    </Modal>
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
      {report.problems.length > 0 && (
        <Table
          size="small"
          bordered
          rowKey={(p) => `${p.row}|${p.field}|${p.message}`}
          dataSource={report.problems}
          pagination={report.problems.length > 10 ? { pageSize: 10, size: 'small' } : false}
          columns={[
            { title: '行号', dataIndex: 'row', width: 70 },
            { title: '字段', dataIndex: 'field', width: 120 },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      )}
    </>
  );
}
