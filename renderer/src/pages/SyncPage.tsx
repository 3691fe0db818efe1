import { Tabs, Typography } from 'antd';
import { DistrictSync } from '../registers/sync/DistrictSync';
import { TownshipSync } from '../registers/sync/TownshipSync';
import { TownshipVillages } from '../registers/sync/TownshipVillages';
import { VillageSync } from '../registers/sync/VillageSync';
import { useReadOnly, useUnit } from '../stores/appStore';

/**
 * 数据同步: townships export bundles to the district and import their 驻村版 laptops' files; the
 * district imports the townships' bundles; a 驻村版 sends its entries to its township.
 */
export function SyncPage() {
  const district = useReadOnly();
  const village = useUnit()?.role === 'village';
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        数据同步
      </Typography.Title>
      {village ? (
        <VillageSync />
      ) : district ? (
        <DistrictSync />
      ) : (
        <Tabs
          items={[
            { key: 'district', label: '报送区县', children: <TownshipSync /> },
            { key: 'village', label: '驻村版数据', children: <TownshipVillages /> },
          ]}
        />
      )}
    </>
  );
}
