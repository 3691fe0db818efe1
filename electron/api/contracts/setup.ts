import { z } from 'zod';
import { divisionDigits } from '../../domain/divisionCodes';
import * as f from '../fields';
import { empty } from './common';
import { channel, ALL_ROLES, type Role as InstallationRole } from '../channel';

/** The roles the unit form offers; the 驻村版 ('village') is set up from a village package instead. */
export type Role = 'township' | 'district';

export interface UnitInfo {
  installationId: string;
  role: InstallationRole;
  unitCode: string;
  unitName: string;
  operator: string;
  setupAt: string;
}

export interface AppStatus {
  setup: UnitInfo | null;
  dbFile: string;
  schemaVersion: number;
  appVersion: string;
  /** Set when the database failed its check at start (the clerk is offered a restore). */
  damaged?: string | null;
  /** The app lock is on and the app is locked (only lock.unlock is served). */
  locked?: boolean;
  /** The start-up check of the database file is still running: a save waits for it (core.checking). */
  checking?: boolean;
}

export interface DivisionInfo {
  code: string;
  name: string;
  path: { province: string | null; city: string | null; county: string | null; township: string | null };
}

export interface OfficialVillage {
  code: string;
  officialName: string;
  name: string;
  kind: string;
  /** Already in the register (by code), so importing it again would be skipped. */
  exists: boolean;
}

/** What a village package holds, shown before a 驻村版 is set up from it. */
export interface VillagePackageInfo {
  /** The township's key fingerprint, read back to the township by phone. */
  fingerprint: string;
  township: { code: string; name: string };
  village: { code: string | null; name: string };
  createdAt: string;
  /** Cadres in post there. */
  cadres: { name: string; role: string; startDate: string }[];
  members: number;
  projects: number;
  settings: { attendanceThresholdDays: number; contactIntervalDays: number };
}

/** A 驻村版's origin: the township and village of the package it was set up from. */
export interface VillageOriginInfo {
  township: { code: string; name: string; fingerprint: string };
  village: { code: string | null; name: string };
  packageCreatedAt: string;
}

/** A village package travels inline: it is small (bounded at 8 MB by its format). */
const villagePackage = f.upload('驻村版配置包', 8 * 1024 * 1024 + 78);

/** Township-wide settings; each register reads its own. */
export interface Settings {
  /** Days in the village a cadre must reach per month (驻村天数), default 20. */
  attendanceThresholdDays: number;
  /** Longest gap between contacts with a floating member before they are flagged, default 90. */
  contactIntervalDays: number;
  /** Automatic backups at start kept in the backups folder, default 10 (1–100). */
  backupKeep: number;
}

export const setupContract = {
  'app.status': channel<AppStatus>()({ input: empty, roles: ALL_ROLES, writes: false, lockExempt: true, passive: true, whenDamaged: true }),
  'setup.lookupDivision': channel<DivisionInfo | null>()({
    input: z.strictObject({ code: z.string({ error: () => '请填写区划代码' }).transform(divisionDigits).refine((s) => /^(\d{6}|\d{9})$/.test(s), '区划代码应为6位（区县）或9位（乡镇）数字') }),
    roles: ALL_ROLES, writes: false,
  }),
  'setup.officialVillages': channel<OfficialVillage[]>()({
    input: z.strictObject({ code: z.string({ error: () => '请填写乡镇区划代码' }).transform(divisionDigits).refine((s) => /^\d{9}$/.test(s), '乡镇区划代码应为9位数字') }),
    roles: ALL_ROLES, writes: false,
  }),
  'setup.complete': channel<AppStatus>()({
    input: z.strictObject({
      role: f.oneOf('单位类型', ['township', 'district'] as const),
      code: z.string({ error: () => '请填写区划代码' }).transform(divisionDigits),
      name: f.requiredText('单位名称', 50),
      operator: f.personName('操作员姓名'),
      importVillages: z.array(z.string().regex(/^\d{12}$/, '村（社区）区划代码应为12位数字')).max(2000).default([]),
    }),
    roles: ALL_ROLES, writes: true,
  }),
  /** Checks a village package and says whose it is; nothing is written. */
  'setup.inspectVillagePackage': channel<VillagePackageInfo>()({ input: z.strictObject({ file: villagePackage }), roles: ALL_ROLES, writes: false }),
  /** Sets this installation up as a 驻村版 from a package, once its fingerprint was confirmed. */
  'setup.completeVillage': channel<AppStatus>()({
    input: z.strictObject({
      file: villagePackage,
      fingerprint: z.string({ error: () => '请核对乡镇密钥指纹' }).min(1, '请核对乡镇密钥指纹').max(64, '指纹格式不正确'),
      operator: f.personName('操作员姓名'),
    }),
    roles: ALL_ROLES, writes: true,
  }),
  /** 驻村版: whose package set it up (null on any other installation). */
  'setup.villageOrigin': channel<VillageOriginInfo | null>()({ input: empty, roles: ALL_ROLES, writes: false }),
  'settings.get': channel<Settings>()({ input: empty, roles: ALL_ROLES, writes: false }),
  'settings.update': channel<Settings>()({
    input: z.strictObject({
      attendanceThresholdDays: f.int('每月驻村天数标准', 1, 31).optional(),
      contactIntervalDays: f.int('联系间隔天数', 7, 366).optional(),
      backupKeep: f.int('自动备份保留份数', 1, 100).optional(),
      operator: f.personName('操作员姓名').optional(),
    }),
    roles: ALL_ROLES, writes: true,
  }),
};
