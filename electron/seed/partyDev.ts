import { allLiveVillages } from '../../db/villages';
import type { Core } from '../core';
import { addDays, localDay } from '../domain/dates';
import { addMonths, MEASURES } from '../domain/partyDev';
import { createDevPerson, recordSteps } from '../services/partyDev';
import { addMeasure, createCase } from '../services/rectification';
import { idNumber, personName, type Rng } from './random';

/**
 * The development pipeline through the services: every village gets 2 to 6 people at a random
 * point between application and full membership (a few left the pipeline), with dates that keep
 * the 2014 rules mostly and miss one now and then, so the 首页 alerts have something to show; and
 * about one village in six has a 排查整顿 case with one or two measures.
 */
export function seedPartyDev(core: Core, rng: Rng): { people: number; cases: number } {
  const today = localDay(core.now());
  const seen = new Set<string>();
  let people = 0;
  let cases = 0;
  const before = (d: string) => (d > today ? today : d);
  for (const v of allLiveVillages(core.db)) {
    for (let n = rng.int(2, 6); n > 0; n--) {
      const id = idNumber(rng, '450311', 1975, 2004);
      if (seen.has(id)) continue;
      seen.add(id);
      const applied = addDays(today, -rng.int(20, 1300));
      const p = createDevPerson(core, { villageId: v.id, name: personName(rng), idNumber: id, ethnicity: null, education: null, applicationDate: applied, note: null });
      people++;
      const steps: Record<string, string | number | null> = {};
      const reached = rng.int(0, 4);
      const talk = addDays(applied, rng.chance(0.9) ? rng.int(3, 28) : rng.int(32, 50));
      if (talk <= today && rng.chance(0.85)) steps.talkDate = talk;
      let last = (steps.talkDate as string | undefined) ?? null;
      const take = (key: string, day: string) => {
        if (!last || day > today || day < last) return false;
        steps[key] = day;
        last = day;
        return true;
      };
      if (reached >= 1 && take('activistDate', addDays(last ?? applied, rng.int(30, 120)))) {
        steps.contact1 = personName(rng);
        steps.contact2 = personName(rng);
        if (reached >= 2 && take('candidateDate', addMonths(last!, rng.int(12, 16)))) {
          if (reached >= 3 && take('acceptDate', addDays(last!, rng.int(30, 90)))) {
            steps.votesFor = rng.int(15, 40);
            steps.votesAgainst = 0;
            steps.votesAbstain = rng.int(0, 2);
            if (take('approvalDate', addDays(last!, rng.int(20, 100)))) {
              steps.oathDate = before(addDays(last!, 10));
              if (reached >= 4) take('fullApprovalDate', addDays(addMonths(steps.acceptDate as string, 12), rng.int(0, 20)));
            }
          }
        }
      } else if (steps.talkDate && rng.chance(0.08)) {
        steps.exitDate = before(addDays(steps.talkDate as string, 60));
        steps.exitKind = '本人撤回申请';
        steps.exitReason = '外出务工';
      }
      if (Object.keys(steps).length) recordSteps(core, { id: p.id, version: p.version, ...nullSteps, ...steps } as Parameters<typeof recordSteps>[1]);
    }
    if (rng.chance(1 / 6)) {
      const found = addDays(today, -rng.int(30, 900));
      const c = createCase(core, { villageId: v.id, name: personName(rng), idNumber: null, joinedDate: null, findingDate: found, finding: '培养考察时间不足一年即确定为发展对象', note: null });
      for (const m of rng.chance(0.5) ? [rng.pick(MEASURES)] : [MEASURES[0], MEASURES[2]]) {
        addMeasure(core, { caseId: c.id, measure: m, date: before(addDays(found, rng.int(5, 60))), note: null });
      }
      cases++;
    }
  }
  return { people, cases };
}

const nullSteps = {
  talkDate: null, talkBy: null, activistDate: null, activistWay: null, contact1: null, contact2: null, candidateDate: null, introducer1: null,
  introducer2: null, reviewDate: null, trainingDate: null, publicityStart: null, publicityEnd: null, acceptDate: null, votesFor: null,
  votesAgainst: null, votesAbstain: null, approvalDate: null, oathDate: null, extensionDate: null, extensionMonths: null, fullApplyDate: null,
  fullMeetingDate: null, fullApprovalDate: null, exitDate: null, exitKind: null, exitReason: null,
};
