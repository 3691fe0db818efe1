import { Typography } from 'antd';
import { DistrictSync } from '../registers/sync/DistrictSync';
import { TownshipSync } from '../registers/sync/TownshipSync';
import { useReadOnly } from '../stores/appStore';

/** 数据同步: townships export bundles to the district; the district imports them. */
export function SyncPage() {
  const district = useReadOnly();
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        数据同步
      </Typography.Title>
      {district ? <DistrictSync /> : <TownshipSync />}
    </>
  );
}
