import { useState } from 'react';
import { Button } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import type { FilePayload } from '../../../../electron/api/contract';
import { showError } from '../../api/client';
import { saveFile } from '../../api/files';

/** A button that asks the core for a workbook and saves it, busy while it is being made. */
export function ExportButton({ label, make, size, disabled }: { label: string; make: () => Promise<FilePayload>; size?: 'small'; disabled?: boolean }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      saveFile(await make());
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size={size} icon={<FileExcelOutlined aria-hidden />} loading={busy} disabled={disabled} onClick={() => void run()}>
      {label}
    </Button>
  );
}
