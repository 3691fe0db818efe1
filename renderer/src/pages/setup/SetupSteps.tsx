import { Button, Descriptions, Space, Typography } from 'antd';
import type { OfficialVillage } from '../../../../electron/api/contract';
import { OfficialVillagesTable } from '../../components/OfficialVillagesTable';
import type { UnitValues } from './UnitForm';

interface ImportProps {
  unit: UnitValues;
  villages: OfficialVillage[];
  selected: string[];
  onSelect(codes: string[]): void;
  busy: boolean;
  onBack(): void;
  onComplete(codes: string[]): void;
}

/** Step 2 for a township: choose which official villages to put in the register. */
export function VillageImportStep({ unit, villages, selected, onSelect, busy, onBack, onComplete }: ImportProps) {
  return (
    <div>
      <Typography.Paragraph>
        以下是“{unit.name}”在国家统计用区划代码中的村（社区）名单。勾选后导入，登记名称和类型导入后仍可修改。
      </Typography.Paragraph>
      <Space size="large" style={{ marginBottom: 12 }}>
        <Typography.Text strong>共 {villages.length} 个村（社区）</Typography.Text>
        <Typography.Text type="secondary">已选 {selected.length} 个</Typography.Text>
      </Space>
      <OfficialVillagesTable rows={villages} selected={selected} onSelect={onSelect} />
      <Space style={{ marginTop: 24, width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={onBack} disabled={busy}>
          上一步
        </Button>
        <Button onClick={() => onComplete([])} disabled={busy}>
          跳过，稍后手工录入
        </Button>
        <Button type="primary" loading={busy} disabled={!selected.length} onClick={() => onComplete(selected)}>
          导入所选并完成
        </Button>
      </Space>
    </div>
  );
}

interface SummaryProps {
  unit: UnitValues;
  busy: boolean;
  onBack(): void;
  onComplete(): void;
}

/** Step 2 for a district: confirm. Village data arrives later from the townships. */
export function DistrictSummary({ unit, busy, onBack, onComplete }: SummaryProps) {
  return (
    <div>
      <Descriptions
        bordered
        column={1}
        size="small"
        items={[
          { key: 'role', label: '单位类型', children: '区县组织部' },
          { key: 'code', label: '区划代码', children: unit.code },
          { key: 'name', label: '单位名称', children: unit.name },
          { key: 'operator', label: '操作员姓名', children: unit.operator },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        区县模式下村（社区）数据只读，由各乡镇的同步文件汇总而来。
      </Typography.Paragraph>
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={onBack} disabled={busy}>
          上一步
        </Button>
        <Button type="primary" loading={busy} onClick={onComplete}>
          完成设置
        </Button>
      </Space>
    </div>
  );
}
