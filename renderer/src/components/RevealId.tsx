import { useState } from 'react';
import { Button, Space, Tooltip, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { call, showError } from '../api/client';

export type RevealChannel = 'cadres.revealId' | 'floating.revealId' | 'development.revealId' | 'rectification.revealId';

/**
 * A masked ID number (450311********1234) with an eye button. Clicking asks the core for the
 * full number of this one row, which writes an entry to 操作日志; the number stays shown only
 * in this view (closing the drawer or reloading the list masks it again).
 */
export function RevealId({ masked, rowId, channel }: { masked: string; rowId: string; channel: RevealChannel }) {
  const [full, setFull] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  if (!masked) return <Typography.Text type="secondary">—</Typography.Text>;

  const reveal = () => {
    setLoading(true);
    call(channel, { id: rowId, purpose: 'view' })
      .then((r) => setFull(r.idNumber))
      .catch(showError)
      .finally(() => setLoading(false));
  };

  return (
    <Space size={2} onClick={(e) => e.stopPropagation()}>
      <span className="id-number">{full ?? masked}</span>
      {/* One button whose label changes, not two: swapping elements would drop the focus out of
          the drawer, and Esc would no longer close it. */}
      <Tooltip title={full ? '隐藏' : '显示完整身份证号（将记入操作日志）'}>
        <Button
          type="text"
          size="small"
          aria-label={full ? '隐藏身份证号' : '显示完整身份证号'}
          loading={loading}
          icon={full ? <EyeInvisibleOutlined aria-hidden /> : <EyeOutlined aria-hidden />}
          onClick={full ? () => setFull(null) : reveal}
        />
      </Tooltip>
    </Space>
  );
}
