import { describe, expect, it } from 'vitest';
import { postingMonths } from '../../electron/domain/cadres';
import { ok } from './floating.helpers';
import { cadre, coreOn, logDays, post, village, YANSHAN } from './dashboard.helpers';

describe('the cadre ledger’s monthly attendance', () => {
  it('lists every month of every posting up to today, a month without logs as 0 days and short', async () => {
    const { core } = await coreOn('2026-01-05', YANSHAN);
    const east = await village(core, '东立村');
    const west = await village(core, '西岭村');
    const li = await cadre(core, '李明');
    const first = await post(core, li, east, '工作队员', '2025-08-20');
    await ok(core, 'cadres.endPosting', { id: first.id, version: first.version, status: '期满轮换', actualEnd: '2025-09-10', reason: null, replacedByCadreId: null });
    await post(core, li, west, '第一书记', '2025-11-01');
    await logDays(core, li, '2025-11-03', 20);

    const { attendance } = await ok(core, 'cadres.ledger', { id: li });
    // October (between postings) is not listed; November has logs; the rest have none.
    expect(attendance.map((m) => [m.month, m.inVillage, m.required, m.belowThreshold])).toEqual([
      ['2025-08', 0, 8, true], // posted from the 20th: 12 of 31 days
      ['2025-09', 0, 7, true], // until the 10th
      ['2025-11', 20, 20, false],
      ['2025-12', 0, 20, true],
      ['2026-01', 0, 20, false], // this month can still be made up
    ]);
  });

  it('derives the months from the postings, an open one running to today', () => {
    expect(postingMonths([{ startDate: '2025-11-30', actualEnd: null }], '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(postingMonths([{ startDate: '2025-01-31', actualEnd: '2025-02-01' }, { startDate: '2025-02-15', actualEnd: '2025-03-01' }], '2026-01-05')).toEqual(['2025-01', '2025-02', '2025-03']);
    // A posting that starts after today (typed ahead) lists nothing yet.
    expect(postingMonths([{ startDate: '2026-03-01', actualEnd: null }], '2026-01-05')).toEqual([]);
  });
});
