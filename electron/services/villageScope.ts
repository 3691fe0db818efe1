import { ConflictError } from '../../db/errors';
import { logOwner, memberOfRecord, postedVillageOn, projectOfProgress, villageOfMember, villageOfProject } from '../../db/villagePackage';
import type { Core } from '../core';
import { villageOrigin } from './villageSetup';

/**
 * What a 驻村版 may write, checked by the services its channels declare for 'village': only its
 * own village's rows: logs of cadres posted there on days of their postings, contact records of
 * its floating members, progress of its projects. At a township or district these are no-ops
 * (dispatch already decided the role may call the channel). The same rule will refuse a laptop's
 * bundle at the township.
 */

/** The village this installation is the 驻村版 of, or null when it is not one. */
function ownVillage(core: Core): { id: string; name: string } | null {
  if (core.role() !== 'village') return null;
  const o = villageOrigin(core);
  if (!o) throw new ConflictError('驻村版缺少所属村（社区）的设置，请重新用配置包设置');
  return o.village;
}

const outside = (path: string, message: string): never => {
  throw new ConflictError(message, [{ path: [path], message }]);
};

export function checkLogScope(core: Core, cadreId: string, day: string, existingLogId?: string | null): void {
  const v = ownVillage(core);
  if (!v) return;
  if (existingLogId) {
    const old = logOwner(core.db, existingLogId);
    if (old && (old.village_id !== v.id || !postedVillageOn(core.db, old.cadre_id, v.id, old.log_date))) outside('id', `该日志不属于${v.name}的驻村期间，驻村版不能修改`);
  }
  if (!postedVillageOn(core.db, cadreId, v.id, day)) outside('logDate', `${day}该干部不在${v.name}驻村期间内，驻村版只能填写本村驻村干部驻村期间的日志`);
}

/**
 * Removing one of its own village's logs is always allowed, also outside the cadre's postings: a
 * log written before the laptop learnt that a posting ended (the township refuses such a day) must
 * be removable, or the laptop could never send a bundle the township accepts again.
 */
export function checkLogRemoval(core: Core, logId: string): void {
  const v = ownVillage(core);
  if (!v) return;
  const old = logOwner(core.db, logId);
  if (old && old.village_id !== v.id) outside('id', `该日志不属于${v.name}，驻村版不能删除`);
}

export function checkMemberScope(core: Core, memberId: string, path = 'memberId'): void {
  const v = ownVillage(core);
  if (v && villageOfMember(core.db, memberId) !== v.id) outside(path, `该流动党员不属于${v.name}，驻村版不能为其登记联系记录`);
}

export function checkRecordScope(core: Core, recordId: string): void {
  if (core.role() !== 'village') return;
  const member = memberOfRecord(core.db, recordId);
  if (member) checkMemberScope(core, member, 'id');
}

export function checkProjectScope(core: Core, projectId: string, path = 'projectId'): void {
  const v = ownVillage(core);
  if (v && villageOfProject(core.db, projectId) !== v.id) outside(path, `该项目不属于${v.name}，驻村版不能填写其进展`);
}

export function checkProgressScope(core: Core, progressId: string): void {
  if (core.role() !== 'village') return;
  const project = projectOfProgress(core.db, progressId);
  if (project) checkProjectScope(core, project, 'id');
}
