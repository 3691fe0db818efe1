import { z } from 'zod';
import * as f from '../fields';
import { empty } from './common';
import { channel, ALL_ROLES } from '../channel';

export interface LockStatus {
  enabled: boolean;
  idleMinutes: number;
  locked: boolean;
}

const password = (label: string) =>
  z
    .string({ error: () => `请填写${label}` })
    .min(1, `请填写${label}`)
    .max(200, `${label}不能超过200个字符`);

const newPassword = (label: string) => password(label).min(6, `${label}至少6个字符`);

export const IDLE_MIN = 5;
export const IDLE_MAX = 120;
const idle = () => f.int('无操作自动锁定时间（分钟）', IDLE_MIN, IDLE_MAX);

const twice = <T extends { password: string; confirm: string }>(v: T, ctx: z.RefinementCtx) => {
  if (v.password !== v.confirm) ctx.addIssue({ code: 'custom', path: ['confirm'], message: '两次输入的密码不一致' });
};

export const lockContract = {
  'lock.status': channel<LockStatus>()({ input: empty, roles: ALL_ROLES, writes: false, passive: true }),
  'lock.enable': channel<LockStatus>()({
    input: z.strictObject({ password: newPassword('锁定密码'), confirm: password('确认密码'), idleMinutes: idle().default(10) }).superRefine(twice),
    roles: ALL_ROLES, writes: true,
  }),
  'lock.disable': channel<LockStatus>()({
    input: z.strictObject({ password: password('当前密码') }),
    roles: ALL_ROLES, writes: true,
  }),
  'lock.change': channel<LockStatus>()({
    input: z.strictObject({ oldPassword: password('原密码'), password: newPassword('新密码'), confirm: password('确认密码') }).superRefine(twice),
    roles: ALL_ROLES, writes: true,
  }),
  'lock.setIdle': channel<LockStatus>()({
    input: z.strictObject({ idleMinutes: idle() }),
    roles: ALL_ROLES, writes: true,
  }),
  // Locking again is harmless and reveals nothing, so it is served while locked.
  'lock.lock': channel<LockStatus>()({ input: empty, roles: ALL_ROLES, writes: true, lockExempt: true, passive: true }),
  'lock.unlock': channel<LockStatus>()({
    input: z.strictObject({ password: password('密码') }),
    roles: ALL_ROLES, writes: true, lockExempt: true,
  }),
};
