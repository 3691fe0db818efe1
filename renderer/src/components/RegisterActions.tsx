import type { ReactNode } from 'react';
import { Button, Space } from 'antd';
import { FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';

interface Props {
  /** e.g. 导出Excel, 导出名册. */
  exportLabel: string;
  onExport(): void;
  /** e.g. 导入名册, 导入台账; a register without an Excel import yet leaves both out. */
  importLabel?: string;
  importIcon?: ReactNode;
  onImport?(): void;
  onNew(): void;
  /** A read-only installation (the district) exports only. */
  readOnly: boolean;
}

/** The right-hand toolbar of a register list: export, and unless read-only, import and 新增 (Alt+N). */
export function RegisterActions({ exportLabel, onExport, importLabel, importIcon = <UploadOutlined aria-hidden />, onImport, onNew, readOnly }: Props) {
  return (
    <Space>
      <Button icon={<FileExcelOutlined aria-hidden />} onClick={onExport}>
        {exportLabel}
      </Button>
      {!readOnly && (
        <>
          {onImport && (
            <Button icon={importIcon} onClick={onImport}>
              {importLabel}
            </Button>
          )}
          <Button type="primary" icon={<PlusOutlined aria-hidden />} title="新增（Alt+N）" onClick={onNew}>
            新增
          </Button>
        </>
      )}
    </Space>
  );
}
