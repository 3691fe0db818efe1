import { Alert, Form, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { ASSESSMENT_RESULTS, EVALUATION_RESULTS, quarterDays, quarterOf } from '../../../../electron/domain/cadres';
import { call } from '../../api/client';
import { DateItem } from '../../components/DateInput';
import { SelectItem, TextItem } from '../../components/fields';
import { opt, toDay } from './cadreForm';
import { ModalForm } from '../../components/ModalForm';
import { WholeNumber } from '../../components/WholeNumber';

export type ReviewKind = 'inspection' | 'evaluation' | 'assessment';

interface Props {
  cadreId: string;
  kind: ReviewKind | null;
  /** The cadre's results already recorded (a save for the same year or quarter replaces one). */
  recorded: { year: number; quarter?: number; result: string }[];
  /** The cadre's first day in a village (the earliest posting's start), if posted at all. */
  servedFrom?: string;
  onClose(): void;
  onSaved(): void;
}

interface ReviewValues {
  inspectDate?: Dayjs;
  inspector?: string;
  inPost?: boolean;
  year?: number;
  quarter?: number;
  result?: string;
  evaluator?: string | null;
  notes?: string | null;
}

const TITLES: Record<ReviewKind, string> = { inspection: '登记督查', evaluation: '季度考评', assessment: '年终考核' };

/**
 * The last completed quarter: what is usually being evaluated; the current one for a cadre
 * posted since that quarter ended (a 考评 is only for time served, cadreReviews.ts).
 */
function quarterToRate(servedFrom: string | undefined): { year: number; quarter: number } {
  const current = { year: dayjs().year(), quarter: quarterOf(dayjs().format('YYYY-MM-DD')) };
  const last = current.quarter === 1 ? { year: current.year - 1, quarter: 4 } : { year: current.year, quarter: current.quarter - 1 };
  return servedFrom && servedFrom > quarterDays(last.year, last.quarter)[1] ? current : last;
}

/** Last year, usually; this year for a cadre posted only this year. */
const yearToRate = (servedFrom: string | undefined) => (servedFrom && servedFrom > `${dayjs().year() - 1}-12-31` ? dayjs().year() : dayjs().year() - 1);

async function submit(cadreId: string, kind: ReviewKind, v: ReviewValues): Promise<void> {
  if (kind === 'inspection') {
    await call('cadres.addInspection', { cadreId, inspectDate: toDay(v.inspectDate) ?? '', inspector: v.inspector ?? '', inPost: Boolean(v.inPost), notes: opt(v.notes) });
  } else if (kind === 'evaluation') {
    await call('cadres.saveEvaluation', {
      cadreId,
      year: Number(v.year),
      quarter: Number(v.quarter),
      result: v.result as (typeof EVALUATION_RESULTS)[number],
      evaluator: opt(v.evaluator),
      notes: opt(v.notes),
    });
  } else {
    await call('cadres.saveAssessment', { cadreId, year: Number(v.year), result: v.result as (typeof ASSESSMENT_RESULTS)[number], notes: opt(v.notes) });
  }
}

/**
 * Says so when the year (and quarter) picked already has a result: the save replaces it, which
 * the clerk, given the last quarter by default, may not mean (and was told only 已保存).
 */
function Replaces({ kind, recorded }: { kind: 'evaluation' | 'assessment'; recorded: Props['recorded'] }) {
  const year = Form.useWatch<number | undefined>('year');
  const quarter = Form.useWatch<number | undefined>('quarter');
  const old = recorded.find((r) => r.year === Number(year) && (kind === 'assessment' || r.quarter === Number(quarter)));
  if (!old) return null;
  const when = kind === 'evaluation' ? `${year}年第${quarter}季度已考评` : `${year}年度已考核`;
  return <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`${when}为“${old.result}”，保存将改为本次填写的结果。`} />;
}

/** 督查 / 季度考评 / 年终考核 entry for one cadre. */
export function ReviewModal({ cadreId, kind, recorded, servedFrom, onClose, onSaved }: Props) {
  const k = kind ?? 'inspection';
  const initial: ReviewValues =
    k === 'inspection' ? { inspectDate: dayjs(), inPost: true } : k === 'evaluation' ? { ...quarterToRate(servedFrom) } : { year: yearToRate(servedFrom) };
  const required = (label: string) => [{ required: true, message: `请填写${label}` }];
  return (
    <ModalForm<ReviewValues>
      key={k}
      open={kind !== null}
      title={TITLES[k]}
      name={`cadre-${k}`}
      initialValues={initial}
      onClose={onClose}
      onSaved={onSaved}
      onSubmit={(v) => submit(cadreId, k, v)}
    >
      {k === 'inspection' && (
        <>
          <DateItem title="督查日期" name="inspectDate" required notAfterToday />
          <TextItem label="督查人" name="inspector" required max={30} />
          <Form.Item label="是否在岗" name="inPost" valuePropName="checked">
            <Switch checkedChildren="在岗" unCheckedChildren="不在岗" />
          </Form.Item>
          <TextItem label="督查情况" name="notes" max={500} rows={3} />
        </>
      )}
      {k !== 'inspection' && (
        <Form.Item label={k === 'evaluation' ? '考评年度' : '考核年度'} name="year" rules={required('年度')}>
          <WholeNumber controls={false} style={{ width: '100%' }} />
        </Form.Item>
      )}
      {k === 'evaluation' && (
        <>
          <SelectItem label="季度" name="quarter" required options={[1, 2, 3, 4].map((q) => ({ value: q, label: `第${q}季度` }))} />
          <Replaces kind="evaluation" recorded={recorded} />
          <SelectItem label="考评结果" name="result" required values={EVALUATION_RESULTS} />
          <TextItem label="考评人" name="evaluator" max={30} />
          <TextItem label="考评意见" name="notes" max={500} rows={3} />
        </>
      )}
      {k === 'assessment' && (
        <>
          <Replaces kind="assessment" recorded={recorded} />
          <SelectItem label="考核结果" name="result" required values={ASSESSMENT_RESULTS} />
          <TextItem label="考核意见" name="notes" max={500} rows={3} />
        </>
      )}
    </ModalForm>
  );
}
