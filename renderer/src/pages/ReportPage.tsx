import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Flex, Select, Space, Spin, Typography } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { Report } from '../../../electron/api/contract';
import { periodText, reportSections, reportUnit, type ReportSection } from '../../../electron/domain/reportColumns';
import { call, showError } from '../api/client';
import { DateInput } from '../components/DateInput';
import { saveFile } from '../api/files';
import { useAppStore } from '../stores/appStore';
import { currentHalf, periodPresets, presetOf, type Period } from '../registers/reports/periods';
import { SectionTable } from '../registers/reports/SectionTable';
import { AbsentList, UncoveredList } from '../registers/reports/ReportLists';
import { DataStatus } from '../registers/reports/DataStatus';
import { Ranking } from '../registers/reports/Ranking';
import { usePendingFilter } from '../registers/dashboard/filters';
import { starsNote, ReportText } from '../registers/reports/ReportText';
import '../registers/reports/report.css';

/** What each section's figures mean, under its table, so a printed report explains itself. */
function sectionNote(r: Report, s: ReportSection): string {
  const years = r.from.slice(0, 4) === r.to.slice(0, 4) ? `${r.to.slice(0, 4)}年度` : `${r.from.slice(0, 4)}至${r.to.slice(0, 4)}年度`;
  switch (s.key) {
    case 'cadres':
      return `选派：驻村开始日期在统计期内；调整：实际结束日期在统计期内；期末在岗：统计期最后一天仍在岗（当天离岗的不计）；督查为统计期内的督查记录；季度考评、年终考核为统计期涉及的季度、${years}。`;
    case 'workLogs':
      return '统计期内填写的驻村日志：每名干部每天一条；走访农户为日志所记户数之和。';
    case 'floating':
      return `期末在册：统计期最后一天处于外出中的流动党员；有一对一联系人、间隔内已联系（最后一天前${r.contactIntervalDays}天内有联系记录）均按期末在册党员统计；返回、转出按状态变更日期统计。`;
    case 'projects':
      return `项目：${r.to.slice(0, 4)}年度及以前立项、未在统计期开始前终止的项目，按当前状态统计；收益为${years}；覆盖按${r.coverageYear}年度一村一项目规则（在建、运营或当年终止的项目）。`;
    case 'partyDev':
      return '入党积极分子库存：统计期最后一天已确定为入党积极分子、尚未确定为发展对象且未退出的人数；积极分子2名以上的村按同一口径；期内确定积极分子、发展党员（乡镇党委审批为预备党员）、转正按各步骤日期统计；排查整顿按认定日期、处置日期在统计期内统计，每种措施每人计一次。';
    case 'stars':
      return starsNote(r);
  }
}

/** Why the typed period is not used yet, or null when it is (refusals of a field are shown under it). */
function periodProblem(from: Dayjs | null, to: Dayjs | null): string | null {
  if (!from?.isValid() || !to?.isValid()) return '起止日期未填写完整或有误';
  if (from.isAfter(to)) return `结束日期 ${to.format('YYYY-MM-DD')} 早于开始日期 ${from.format('YYYY-MM-DD')}`;
  return null;
}

/**
 * The period: a quick choice (上半年, 第一季度…) or two typed dates. A typed period is used only
 * once both dates are understood and in order; until then the report stays on the period it
 * names in red, so no figure is for a period the clerk did not see.
 */
function PeriodPicker({ period, onChange }: { period: Period; onChange: (p: Period) => void }) {
  const presets = useMemo(() => periodPresets(), []);
  const [draft, setDraft] = useState<{ from: Dayjs | null; to: Dayjs | null }>(() => ({ from: dayjs(period.from), to: dayjs(period.to) }));
  // A period set from outside (a quick choice, the dashboard) replaces what was typed.
  const [seen, setSeen] = useState(period);
  if (seen !== period) {
    setSeen(period);
    setDraft({ from: dayjs(period.from), to: dayjs(period.to) });
  }
  const edit = (next: { from: Dayjs | null; to: Dayjs | null }) => {
    setDraft(next);
    if (!periodProblem(next.from, next.to)) onChange({ from: next.from!.format('YYYY-MM-DD'), to: next.to!.format('YYYY-MM-DD') });
  };
  const typed = `${draft.from?.isValid() ? draft.from.format('YYYY-MM-DD') : ''}/${draft.to?.isValid() ? draft.to.format('YYYY-MM-DD') : ''}`;
  const pending = typed !== `${period.from}/${period.to}` ? periodProblem(draft.from, draft.to) : null;
  return (
    <Space wrap align="start">
      <Select<string>
        aria-label="统计期间"
        style={{ width: 170 }}
        placeholder="自定义期间"
        value={presetOf(period)?.key}
        options={presets.map((p) => ({ value: p.key, label: p.label }))}
        onChange={(key) => {
          const p = presets.find((x) => x.key === key)!;
          onChange({ from: p.from, to: p.to });
        }}
      />
      <DateInput standalone required title="开始日期" aria-label="开始日期" style={{ width: 220 }} value={draft.from} onChange={(d) => edit({ ...draft, from: d })} />
      <Typography.Text style={{ lineHeight: '32px' }}>至</Typography.Text>
      <DateInput standalone required title="结束日期" aria-label="结束日期" style={{ width: 220 }} value={draft.to} onChange={(d) => edit({ ...draft, to: d })} />
      {pending && (
        <Typography.Text type="danger" role="alert" style={{ display: 'block', lineHeight: '32px' }}>
          {pending}，报表仍为 {periodText(period)}
        </Typography.Text>
      )}
    </Space>
  );
}

function Signature() {
  return (
    <div className="report-signature">
      <span>填表人：__________</span>
      <span>审核人：__________</span>
      <span>填报日期：______年____月____日</span>
    </div>
  );
}

/** 统计报表: every figure of the half-year report for any period, on screen, in Excel and on paper. */
export function ReportPage() {
  const township = useAppStore((s) => s.township);
  // The dashboard's 本半年统计报表 link hands over the period to open on.
  const pending = usePendingFilter('report');
  // The period chosen last stays (navigation, F5) unless the dashboard hands over another.
  const saved = useAppStore((s) => s.reportPeriod);
  const setSaved = useAppStore((s) => s.setReportPeriod);
  const [period, setPeriodState] = useState<Period>(() => {
    const { from, to } = pending?.period ?? saved ?? currentHalf();
    return { from, to };
  });
  const setPeriod = (p: Period) => {
    setPeriodState(p);
    setSaved(p);
  };
  // The figures shown belong to the query they were read for; a changed period shows the spinner.
  const [loaded, setLoaded] = useState<{ key: string; report: Report } | null>(null);
  const [exporting, setExporting] = useState(false);
  const key = `${period.from}/${period.to}/${township ?? ''}`;
  const report = loaded?.key === key ? loaded.report : null;

  useEffect(() => {
    let stale = false;
    call('reports.get', { from: period.from, to: period.to, township })
      .then((r) => !stale && setLoaded({ key, report: r }))
      .catch((err: unknown) => !stale && showError(err));
    return () => {
      stale = true;
    };
  }, [period, township, key]);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      saveFile(await call('reports.exportXlsx', { from: period.from, to: period.to, township }));
    } catch (err) {
      showError(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="report-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {report ? `${reportUnit(report)}统计报表` : '统计报表'}
      </Typography.Title>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }} className="no-print">
        <PeriodPicker period={period} onChange={setPeriod} />
        <Space>
          <Button icon={<FileExcelOutlined aria-hidden />} loading={exporting} disabled={!report} onClick={() => void exportXlsx()}>
            导出Excel
          </Button>
          <Button icon={<PrinterOutlined aria-hidden />} disabled={!report} onClick={() => window.print()}>
            打印
          </Button>
        </Space>
      </Flex>
      <Typography.Paragraph>统计期间：{periodText(period)}</Typography.Paragraph>
      {!report ? (
        <Spin tip="正在统计…">
          <div style={{ height: 120 }} />
        </Spin>
      ) : (
        [
          report.role === 'district' && (
            <Card key="data" size="small" className="report-section" style={{ marginBottom: 16 }} role="region" aria-label="各乡镇（街道）数据情况">
              <DataStatus report={report} />
            </Card>
          ),
          report.role === 'district' && report.scopes.length > 2 && (
            <Card key="ranking" size="small" className="report-section" style={{ marginBottom: 16 }} role="region" aria-label="各乡镇（街道）主要指标排名">
              <Ranking report={report} />
            </Card>
          ),
          <ReportText key="text" report={report} />,
          ...reportSections(report).map((s, i, all) => (
          <Card key={s.key} size="small" className="report-section" style={{ marginBottom: 16 }} role="region" aria-label={s.title}>
            <SectionTable report={report} section={s} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
              {sectionNote(report, s)}
            </Typography.Paragraph>
            {s.key === 'cadres' && <AbsentList report={report} />}
            {/* The signature line goes to paper with the last list, never alone on a page. */}
            <div className={i === all.length - 1 ? 'report-tail' : undefined}>
              {s.key === 'projects' && <UncoveredList report={report} />}
              {i === all.length - 1 && <Signature />}
            </div>
          </Card>
          )),
        ]
      )}
    </div>
  );
}
