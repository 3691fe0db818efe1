import { CloseCircleFilled } from '@ant-design/icons';
import type { SelectProps } from 'antd';

/**
 * `allowClear` for a select whose clear button a screen reader names in Chinese: antd's select
 * names it "Clear" unless given a label (its `allowClear` object reaches rc-select as it is, so the
 * icon antd would add is given here too).
 */
export const CLEARABLE = { clearIcon: <CloseCircleFilled />, label: '清除' } as SelectProps['allowClear'];
