import { useEffect, useState } from 'react';
import { Alert, Card, Descriptions, Typography } from 'antd';
import type { VillageOriginInfo } from '../../../../electron/api/contract';
import { call, showError } from '../../api/client';

/**
 * 数据同步 on a 驻村版: whose package set this laptop up, with the township fingerprint to check
 * again by phone. Sending the team's entries to the township comes with the village bundle.
 */
export function VillageSync() {
  const [origin, setOrigin] = useState<VillageOriginInfo | null>(null);
  useEffect(() => {
    call('setup.villageOrigin', {}).then(setOrigin, showError);
  }, []);
  if (!origin) return null;
  return (
    <Card title="驻村版" size="small">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'village', label: '村（社区）', children: origin.village.name },
          { key: 'township', label: '所属乡镇（街道）', children: `${origin.township.name}（${origin.township.code}）` },
          {
            key: 'fp',
            label: '乡镇密钥指纹',
            children: (
              <Typography.Text strong style={{ fontFamily: 'monospace' }}>
                {origin.township.fingerprint}
              </Typography.Text>
            ),
          },
          { key: 'made', label: '配置包生成日期', children: origin.packageCreatedAt.slice(0, 10) },
        ]}
      />
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 16 }}
        message="向乡镇报送驻村日志等数据的功能将在后续版本提供"
        description="目前请在本机录入本村驻村干部的驻村日志、流动党员联系记录和项目进展；其余数据只读，如需修改请联系乡镇（街道）。"
      />
    </Card>
  );
}
