import type { Core } from '../core';
import { lockGuard } from '../services/lock';
import { ALL_ROLES, ROLE_NAMES, type ChannelMeta, type Role } from './channel';
import type { ApiError } from './contract';

/** Where a role that may not change register data says so, and where to change it instead. */
const READ_ONLY: Partial<Record<Role, string>> = {
  district: '区县模式下数据只读，请在乡镇端修改后同步。',
  village: '驻村版下数据只读，请在乡镇端修改后同步。',
};

/**
 * A channel this installation's role may not call. Register writes meant for the township read
 * as "read-only here"; anything else names who may call it.
 */
export function roleRefusal(role: Role, meta: ChannelMeta): ApiError {
  const readOnly = READ_ONLY[role];
  if (meta.writes && meta.roles.includes('township') && readOnly) return { code: 'read_only', message: readOnly };
  return { code: 'forbidden_role', message: `此操作只能由${meta.roles.map((r) => ROLE_NAMES[r]).join('或')}进行。` };
}

/**
 * Refusals that do not depend on the payload, checked before it is even parsed, from the
 * channel's declaration: a damaged store, a role the channel does not serve, and the app lock
 * (enforced here, in the core, not only by the lock screen). Before setup there is no role yet:
 * a channel for some roles only waits for it; the others reach their handler, and a write there
 * is refused as "not set up" by core.writer().
 */
export function guard(core: Core, meta: ChannelMeta): ApiError | null {
  if (core.damaged) return meta.whenDamaged ? null : { code: 'db_damaged', message: core.damaged.message };
  const role = core.role();
  if (!role && !ALL_ROLES.every((r) => meta.roles.includes(r))) return { code: 'not_setup', message: '尚未完成初始设置，请先设置本单位信息。' };
  if (role && !meta.roles.includes(role)) return roleRefusal(role, meta);
  return lockGuard(core, meta);
}
