import { Card, Typography } from 'antd';
import type { Report } from '../../../../electron/api/contract';
import { reportText, reportTextPlain } from '../../../../electron/domain/reportText';

/** Under the 评星定级 table: what its figures mean. */
export function starsNote(r: Report): string {
  const year = r.to.slice(0, 4);
  return `新增：统计期涉及年度评为该星级、上一年度低于该星级或未评定的村（社区）党组织（按年度评星定级记录，无记录的年度按村（社区）登记的星级）；期末年度星级、软弱涣散（一星）、整改事项为${year}年度。`;
}

/**
 * 文字稿: the report's paragraphs in the wording of a half-year report, every figure filled from the
 * figures above (electron/domain/reportText.ts). Generated each time, never stored; the clerk
 * copies it into the office's own document.
 */
export function ReportText({ report }: { report: Report }) {
  const t = reportText(report);
  const plain = reportTextPlain(t);
  return (
    <Card
      size="small"
      className="report-section"
      style={{ marginBottom: 16 }}
      role="region"
      aria-label="文字稿"
      title={`文字稿（${t.unit}${t.period}）`}
      extra={
        <Typography.Text className="no-print" copyable={{ text: plain, tooltips: ['复制全文', '已复制'] }}>
          复制全文
        </Typography.Text>
      }
    >
      {t.notes.map((n) => (
        <Typography.Paragraph key={n} type="warning">
          注：{n}
        </Typography.Paragraph>
      ))}
      {t.paragraphs.map((p) => (
        <Typography.Paragraph key={p.key} data-paragraph={p.key} style={{ textIndent: '2em', lineHeight: 1.9 }}>
          {p.text}
        </Typography.Paragraph>
      ))}
    </Card>
  );
}
