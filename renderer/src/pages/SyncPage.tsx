import { Typography } from 'antd';
import { DistrictSync } from '../registers/sync/DistrictSync';
import { TownshipSync } from '../registers/sync/TownshipSync';
import { VillageSync } from '../registers/sync/VillageSync';
import { useReadOnly, useUnit } from '../stores/appStore';

/** 数据同步: townships export bundles to the district; the district imports them; a 驻村版 shows its origin. */
export function SyncPage() {
  const district = useReadOnly();
  const village = useUnit()?.role === 'village';
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        数据同步
      </Typography.Title>
      {village ? <VillageSync /> : district ? <DistrictSync /> : <TownshipSync />}
    </>
  );
}
