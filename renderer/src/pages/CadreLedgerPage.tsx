import { useCallback, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { App, Button, Flex, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined, FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import type { CadreLedger, Posting } from '../../../electron/api/contract';
import { call, showError } from '../api/client';
import { saveFile } from '../api/files';
import { CadreDrawer, type CadreTarget } from '../registers/cadres/CadreDrawer';
import { useCadreView } from '../registers/cadres/cadreStore';
import { AttendanceSection, LogsSection, PostingsSection, ProfileSection, ReviewsSection } from '../registers/cadres/LedgerSections';
import { LogEntryDrawer, type LogTarget } from '../registers/cadres/LogEntryDrawer';
import { EditPostingModal, EndPostingModal, PostModal } from '../registers/cadres/PostingModals';
import { ReviewModal, type ReviewKind } from '../registers/cadres/ReviewModals';
import '../registers/cadres/ledger.css';
import { useCan } from '../stores/appStore';

const REMOVE = { inspection: 'cadres.removeInspection', evaluation: 'cadres.removeEvaluation', assessment: 'cadres.removeAssessment' } as const;

/** 驻村干部台账: one cadre's whole record on one page, printable and exportable. */
export function CadreLedgerPage({ id }: { id: string }) {
  const { message } = App.useApp();
  const can = useCan();
  const readOnly = !can.registers;
  const close = useCadreView((s) => s.closeLedger);
  const [ledger, setLedger] = useState<CadreLedger | null>(null);
  const [nonce, setNonce] = useState(0);
  const [printing, setPrinting] = useState(false);
  const [edit, setEdit] = useState<CadreTarget>(null);
  const [postOpen, setPostOpen] = useState(false);
  const [ending, setEnding] = useState<Posting | null>(null);
  const [editing, setEditing] = useState<Posting | null>(null);
  const [review, setReview] = useState<ReviewKind | null>(null);
  const [logTarget, setLogTarget] = useState<LogTarget>(null);
  const reload = useCallback(() => setNonce((n) => n + 1), []);

  useEffect(() => {
    let stale = false;
    call('cadres.ledger', { id })
      .then((l) => !stale && setLedger(l))
      .catch((err: unknown) => {
        if (stale) return;
        showError(err);
        close();
      });
    return () => {
      stale = true;
    };
  }, [id, nonce, close]);

  // Every log row is rendered before the print dialog opens (打印 or Ctrl+P), then paging comes back.
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);

  const exportXlsx = async () => {
    try {
      saveFile(await call('cadres.exportLedger', { id }));
    } catch (err) {
      showError(err);
    }
  };

  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      void message.success('已删除');
      reload();
    } catch (err) {
      showError(err);
    }
  };

  if (!ledger) return <Spin description="正在读取…"><div style={{ height: 200 }} /></Spin>;
  const c = ledger.cadre;
  return (
    <div className="ledger-page">
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          驻村干部台账：{c.name}
        </Typography.Title>
        <Space wrap className="no-print">
          <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={close}>
            返回列表
          </Button>
          {!readOnly && (
            <>
              <Button onClick={() => setEdit(c.id)}>编辑信息</Button>
              <Button onClick={() => setPostOpen(true)}>派驻</Button>
            </>
          )}
          {can.logs && <Button onClick={() => setLogTarget({ id: c.id, name: c.name })}>填写日志</Button>}
          {!readOnly && (
            <>
              <Button onClick={() => setReview('inspection')}>登记督查</Button>
              <Button onClick={() => setReview('evaluation')}>季度考评</Button>
              <Button onClick={() => setReview('assessment')}>年终考核</Button>
            </>
          )}
          <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
            打印
          </Button>
          <Button type="primary" icon={<FileExcelOutlined aria-hidden />} onClick={() => void exportXlsx()}>
            导出Excel
          </Button>
        </Space>
      </Flex>
      <ProfileSection ledger={ledger} />
      <PostingsSection
        postings={ledger.postings}
        readOnly={readOnly}
        onEdit={setEditing}
        onEnd={setEnding}
        onRemove={(p) => void act(() => call('cadres.removePosting', { id: p.id, version: p.version }))}
      />
      <AttendanceSection attendance={ledger.attendance} threshold={ledger.threshold} />
      <ReviewsSection
        inspections={ledger.inspections}
        evaluations={ledger.evaluations}
        assessments={ledger.assessments}
        readOnly={readOnly}
        onRemove={(kind, r) => void act(() => call(REMOVE[kind], { id: r.id, version: r.version }))}
      />
      <LogsSection logs={ledger.logs} printing={printing} />
      {!readOnly && (
        <>
          <CadreDrawer target={edit} onClose={() => setEdit(null)} onSaved={reload} />
          {/* Mounted only while open: a closed (force-rendered) modal stays on antd's Escape stack
              above the drawers, so Esc would no longer close 编辑信息 or 填写日志. */}
          {postOpen && <PostModal cadreId={c.id} open onClose={() => setPostOpen(false)} onSaved={reload} />}
          {ending && <EndPostingModal cadreId={c.id} posting={ending} onClose={() => setEnding(null)} onSaved={reload} />}
          {editing && <EditPostingModal posting={editing} onClose={() => setEditing(null)} onSaved={reload} />}
          {review && <ReviewModal cadreId={c.id} kind={review} recorded={review === 'evaluation' ? ledger.evaluations : ledger.assessments} servedFrom={ledger.postings.map((p) => p.startDate).sort()[0]} onClose={() => setReview(null)} onSaved={reload} />}
        </>
      )}
      {can.logs && <LogEntryDrawer target={logTarget} onClose={() => setLogTarget(null)} onSaved={reload} />}
    </div>
  );
}
