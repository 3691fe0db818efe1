import { useEffect, useState } from 'react';
import { Card, List, Space, Tag, Typography } from 'antd';
import type { DevAlerts } from '../../../../electron/api/contract';
import { ALERT_LABELS, type DevAlertKind } from '../../../../electron/domain/partyDev';
import { call, showError } from '../../api/client';
import { useAppStore } from '../../stores/appStore';
import { ActionLink } from '../../components/ActionLink';

const KINDS = Object.keys(ALERT_LABELS) as DevAlertKind[];
const DATE_WORD: Record<DevAlertKind, string> = { talk_overdue: '期限', eligible: '起', approval_overdue: '期限', probation_ending: '期满' };

/**
 * 首页's 发展党员 reminders, from the time rules in force at each step's date: talks overdue,
 * activists who may be determined as 发展对象, approvals overdue, probations ending within 30 days,
 * and villages with fewer than 2 activists. `refresh` changes when the page's 刷新 is pressed.
 */
export function DevAlertsCard({ refresh }: { refresh: string }) {
  const township = useAppStore((s) => s.township);
  const setPage = useAppStore((s) => s.setPage);
  const [data, setData] = useState<DevAlerts | null>(null);
  useEffect(() => {
    let stale = false;
    call('development.alerts', { township })
      .then((d) => !stale && setData(d))
      .catch((err: unknown) => !stale && showError(err));
    return () => {
      stale = true;
    };
  }, [township, refresh]);
  if (!data) return null;
  const total = KINDS.reduce((n, k) => n + data.counts[k], 0);
  return (
    <Card
      size="small"
      title="发展党员提醒"
      style={{ marginTop: 16 }}
      extra={<ActionLink onClick={() => setPage('development')}>打开发展党员台账</ActionLink>}
      aria-label="发展党员提醒"
    >
      <Space wrap style={{ marginBottom: 8 }}>
        {KINDS.map((k) => (
          <Tag key={k} color={data.counts[k] ? (k === 'eligible' ? 'blue' : 'red') : 'default'}>
            {ALERT_LABELS[k]} {data.counts[k]}
          </Tag>
        ))}
        <Tag color={data.villagesBelow.length ? 'orange' : 'default'}>积极分子不足2名的村 {data.villagesBelow.length}</Tag>
      </Space>
      {total > 0 && (
        <List
          size="small"
          dataSource={data.items}
          renderItem={(i) => (
            <List.Item>
              {ALERT_LABELS[i.kind]}：{i.villageName} {i.name}（{DATE_WORD[i.kind] === '起' ? `${i.date}起` : `${DATE_WORD[i.kind]} ${i.date}`}）
            </List.Item>
          )}
        />
      )}
      {data.villagesBelow.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, marginTop: 8 }}>
          积极分子不足2名：{data.villagesBelow.map((v) => `${v.name}（${v.activists}名）`).join('、')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
