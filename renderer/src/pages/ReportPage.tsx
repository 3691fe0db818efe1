import { useEffect, useMemo, useState } from 'react';
import { Button, Card, DatePicker, Flex, Select, Space, Spin, Typography } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Report } from '../../../electron/api/contract';
import { periodText, reportSections, reportUnit, type ReportSection } from '../../../electron/domain/reportColumns';
import { call, showError } from '../api/client';
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
    case 'stars':
      return starsNote(r);
  }
}

function PeriodPicker({ period, onChange }: { period: Period; onChange: (p: Period) => void }) {
  const presets = useMemo(() => periodPresets(), []);
  return (
    <Space wrap>
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
      <DatePicker.RangePicker
        aria-label="起止日期"
        allowClear={false}
        placeholder={['开始日期', '结束日期']}
        value={[dayjs(period.from), dayjs(period.to)]}
        onChange={(v) => v?.[0] && v[1] && onChange({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
      />
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
