import { Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { VillageListItem } from '../../../../electron/api/contract';
import { ActionLink } from '../../components/ActionLink';
import { ConfirmPop } from '../../components/ConfirmPop';

const dash = (v: string | null) => v || <Typography.Text type="secondary">—</Typography.Text>;

interface Actions {
  readOnly: boolean;
  onEdit(row: VillageListItem): void;
  onRemove(row: VillageListItem): void;
  /** 生成驻村版配置包 (townships only). */
  onPackage?(row: VillageListItem): void;
}

/** Columns of the 村（社区） list; `key` on sortable columns is the server's sort field. */
export function villageColumns({ readOnly, onEdit, onRemove, onPackage }: Actions): TableColumnsType<VillageListItem> {
  const cols: TableColumnsType<VillageListItem> = [
    { title: '村（社区）名称', dataIndex: 'name', key: 'name', sorter: true, width: 140, fixed: 'left' },
    { title: '区划代码', dataIndex: 'code', key: 'code', sorter: true, width: 130, render: dash },
    { title: '类型', dataIndex: 'kind', key: 'kind', sorter: true, width: 90 },
    { title: '党组织名称', dataIndex: 'partyOrgName', ellipsis: true, render: dash },
    { title: '党组织类型', dataIndex: 'partyOrgType', width: 96, render: dash },
    { title: '党组织书记', dataIndex: 'secretary', width: 96, render: dash },
    { title: '联系电话', dataIndex: 'secretaryPhone', width: 120, render: (p: string) => p || dash(null) },
    {
      title: '标记',
      key: 'flags',
      width: 140,
      render: (_, r) => (
        <Space size={4} wrap>
          {r.keyVillage && <Tag color="red">重点村</Tag>}
          {r.relocation && <Tag color="orange">安置社区</Tag>}
        </Space>
      ),
    },
  ];
  if (readOnly) return cols;
  cols.push({
    title: '操作',
    key: 'actions',
    width: onPackage ? 240 : 110,
    fixed: 'right',
    render: (_, r) => (
      <Space size="middle">
        <ActionLink onClick={() => onEdit(r)}>编辑</ActionLink>
        {onPackage && <ActionLink onClick={() => onPackage(r)}>生成驻村版配置包</ActionLink>}
        <ConfirmPop
          title={`确定删除“${r.name}”吗？删除后可在操作日志中查到记录。`}
          okText="删除"
          cancelText="取消"
          okButtonProps={{ danger: true }}
          onConfirm={() => onRemove(r)}
        >
          <ActionLink type="danger">删除</ActionLink>
        </ConfirmPop>
      </Space>
    ),
  });
  return cols;
}
