import { useEffect, useState } from 'react';
import { Card, InputNumber, Segmented, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { CadreFigures } from '../../../../electron/api/contract';
import { CADRE_ROLES, EVALUATION_RESULTS, ASSESSMENT_RESULTS } from '../../../../electron/domain/cadres';
import { call, showError } from '../../api/client';
import { useAppStore } from '../../stores/appStore';

type Period = '全年' | '上半年' | '下半年';
const RANGES: Record<Period, [string, string]> = { 全年: ['01-01', '12-31'], 上半年: ['01-01', '06-30'], 下半年: ['07-01', '12-31'] };

const list = (keys: readonly string[], counts: Record<string, number>) => keys.map((k) => `${k} ${counts[k] ?? 0}`).join('，');
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The figures the district's half-year report asks for, counted from the register (of the township picked, at the district). */
export function CadreSummary({ version }: { version: string }) {
  const township = useAppStore((s) => s.township);
  const [year, setYear] = useState(dayjs().year());
  const [period, setPeriod] = useState<Period>(dayjs().month() < 6 ? '上半年' : '全年');
  const [figures, setFigures] = useState<CadreFigures | null>(null);

  useEffect(() => {
    let stale = false;
    const [a, b] = RANGES[period];
    call('cadres.summary', { from: `${year}-${a}`, to: `${year}-${b}`, township })
      .then((f) => !stale && setFigures(f))
      .catch((err: unknown) => !stale && showError(err));
    return () => {
      stale = true;
    };
  }, [year, period, version, township]);

  const f = figures;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Space>
          <span>统计</span>
          <InputNumber aria-label="统计年度" controls={false} size="small" min={2000} max={2100} precision={0} value={year} onChange={(v) => v && setYear(v)} suffix="年" style={{ width: 100 }} />
          <Segmented<Period> aria-label="统计期间" size="small" options={['全年', '上半年', '下半年']} value={period} onChange={setPeriod} />
        </Space>
      }
    >
      {f && (
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {/* One line of JSX per sentence would put a space between Chinese sentences. */}
          {`在岗：${list(CADRE_ROLES, f.inPostByRole)}。${period}新派驻 ${sum(f.sentByRole)} 名（${list(CADRE_ROLES, f.sentByRole)}；其中35岁以下 ${f.youngSent} 名），`}
          {`期满轮换 ${f.rotated} 名，召回调整 ${f.adjusted} 名。督查 ${f.inspections} 人次，发现不在岗 ${f.foundAbsent} 人次。`}
          {`季度考评：${list(EVALUATION_RESULTS, f.evaluations)}。年终考核：${list(ASSESSMENT_RESULTS, f.assessments)}。`}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
