import { describe, expect, it } from 'vitest';
import type { Input, Report } from '../../electron/api/contract';
import type { Core } from '../../electron/core';
import { periodWords, reportText, reportTextPlain } from '../../electron/domain/reportText';
import { cli } from '../helpers/cli';
import { district, exported, imported } from '../helpers/trust';
import { ok } from './floating.helpers';
import { caseInput, devInput } from './fuzz.fixtures';
import { buildTownshipA, ratedTownship, buildTownshipB, FROM, TO } from './stars.helpers';

const report = (core: Core, township: string | null = null): Promise<Report> => ok(core, 'reports.get', { from: FROM, to: TO, township });

/** Every whole number the text says, in order. */
const numbers = (s: string) => [...s.matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0]);

describe('文字稿', () => {
  it('names the period as such reports do', () => {
    expect(periodWords('2026-01-01', '2026-06-30')).toEqual({ period: '2026年上半年', when: '上半年' });
    expect(periodWords('2026-07-01', '2026-12-31')).toEqual({ period: '2026年下半年', when: '下半年' });
    expect(periodWords('2026-04-01', '2026-06-30')).toEqual({ period: '2026年第二季度', when: '二季度' });
    expect(periodWords('2026-01-01', '2026-12-31')).toEqual({ period: '2026年', when: '今年以来' });
    expect(periodWords('2026-01-01', '2026-03-15')).toEqual({ period: '2026年1月1日至3月15日', when: '统计期内' });
    expect(periodWords('2025-12-01', '2026-01-31')).toEqual({ period: '2025年12月1日至2026年1月31日', when: '统计期内' });
  });

  it('fills every figure of a township’s report into the paragraphs, none left as **', async () => {
    const t = await ratedTownship('450311100', '雁山镇', 'aa');
    await buildTownshipA(t, '450311100');
    const r = await report(t);
    const text = reportText(r);
    expect(text).toMatchObject({ period: '2026年上半年', unit: '雁山镇', notes: [] });
    expect(text.paragraphs.map((p) => p.key)).toEqual(['cadres', 'floating', 'projects', 'partyDev', 'stars']);
    const [cadres, floating, projects, partyDev, stars] = text.paragraphs.map((p) => p.text) as [string, string, string, string, string];
    expect(partyDev).toContain('全镇10个村（社区）中0个已培养2名以上入党积极分子、10个尚不足2名，截至6月30日入党积极分子库存0名。');
    // The issue's own sentence, with the figures worked out in stars.helpers.ts.
    expect(cadres).toContain('上半年，选派6名干部到村任第一书记、驻村工作队队员（第一书记2名、工作队长1名、工作队员3名，其中35岁以下年轻干部0名），其中增派乡村振兴重点村驻村第一书记1名、易地安置社区工作队员2名；');
    expect(cadres).toContain('截至6月30日，在岗驻村干部7名，其中第一书记3名、工作队长1名、工作队员3名；按派出单位层级，中直0名、区直0名、市直0名、县区直7名、乡镇0名。');
    expect(stars).toBe(
      '深入实施基层党组织星级化管理，推动后进赶先进、中间争先进、先进更前进，全面提升农村基层党建工作质量，新增五星级农村党组织2个、四星级1个、三星级1个。' +
        '2026年度评定星级的村（社区）党组织8个，其中五星级3个、四星级2个、三星级2个、二星级0个、一星级1个，一星级1个按软弱涣散党组织整顿；三星级及以下党组织列出整改事项4项，已完成1项。',
    );
    expect(floating).toContain('截至6月30日，在册流动党员0名，分布在0个村（社区）');
    expect(projects).toContain('全镇在册村级集体经济项目0个');
    expect(projects).toContain('按2026年度统计，10个村（社区）中0个已有项目，10个尚无项目。');
    const all = text.paragraphs.map((p) => p.text).join('');
    expect(all).not.toMatch(/\*|undefined|NaN|null/);
    // Every figure of the four sections is said: as many numbers as the tables have columns
    // (less the province breakdown, which lists only the provinces that occur), plus the dates and years the text names.
    expect(numbers(all).length).toBeGreaterThanOrEqual(80);
  });

  it('says the 发展党员 and 排查整顿 figures as the report counts them', async () => {
    const t = await ratedTownship('450311100', '雁山镇', 'aa');
    await buildTownshipA(t, '450311100');
    const village = (t.db.prepare("SELECT id FROM villages WHERE deleted_at IS NULL ORDER BY code LIMIT 1").get() as { id: string }).id;
    // Two activists (the village then has its two), one determined in the period; the test clock is 2026-01-05.
    const a = await ok(t, 'development.create', devInput(village, { name: '黄丽', applicationDate: '2025-09-01' }) as Input<'development.create'>);
    await ok(t, 'development.steps', { id: a.id, version: a.version, talkDate: '2025-09-10', activistDate: '2026-01-03' });
    const b = await ok(t, 'development.create', devInput(village, { name: '蒙山', idNumber: '450311199909091119'.slice(0, 17) + 'X', applicationDate: '2025-01-01' }) as Input<'development.create'>);
    await ok(t, 'development.steps', { id: b.id, version: b.version, talkDate: '2025-01-10', activistDate: '2025-03-01' });
    const c = await ok(t, 'rectification.create', caseInput(village, { findingDate: '2026-01-02' }));
    await ok(t, 'rectification.addMeasure', { caseId: c.id, measure: '警示谈话', date: '2026-01-04' });
    const text = reportText(await report(t)).paragraphs.find((p) => p.key === 'partyDev')!.text;
    expect(text).toBe(
      '聚焦重点群体和薄弱领域发展党员工作，上半年确定入党积极分子1名，发展党员0名，预备党员转正0名；全镇10个村（社区）中1个已培养2名以上入党积极分子、9个尚不足2名，截至6月30日入党积极分子库存2名。' +
        '强化农村发展党员管理，开展农村发展党员违规违纪问题排查整顿，认定存在违规违纪问题1人。' +
        '对存在违规违纪问题发展入党对象从确定为发展对象起重新履行入党手续0人，重新讨论预备党员转正事宜0人，提醒谈话0人，警示谈话1人，严重警告0人，撤销党内职务0人。',
    );
  });

  it('speaks for 合计 at the district and says which townships sent nothing', async () => {
    const d = await district();
    const a = await ratedTownship('450311100', '雁山镇', 'aa');
    const b = await ratedTownship('450311101', '柘木镇', 'bb');
    await buildTownshipA(a, '450311100');
    await buildTownshipB(b, '450311101');
    await imported(d, await exported(a));
    await imported(d, await exported(b));
    const text = reportText(await report(d));
    expect(text.unit).toBe('雁山区委组织部');
    expect(text.notes).toEqual(['良丰街道、大埠乡、草坪回族乡尚未报送数据，按 0 计入。']);
    const stars = text.paragraphs.find((p) => p.key === 'stars')!.text;
    expect(stars).toContain('新增五星级农村党组织3个、四星级1个、三星级2个。');
    expect(text.paragraphs.find((p) => p.key === 'cadres')!.text).toContain('其中增派乡村振兴重点村驻村第一书记2名、易地安置社区工作队员4名；');
    expect(text.paragraphs.find((p) => p.key === 'projects')!.text).toContain('全区在册村级集体经济项目0个');
    const one = reportText(await report(d, '450311101'));
    expect(one.unit).toBe('雁山区委组织部（柘木镇）');
    expect(one.paragraphs.find((p) => p.key === 'stars')!.text).toContain('新增五星级农村党组织1个、四星级0个、三星级1个。');
  });

  it('`report --text` prints the 文字稿; with --json the same figures come as numbers beside it', async () => {
    const t = await ratedTownship('450311100', '雁山镇', 'aa');
    await buildTownshipA(t, '450311100');
    const expected = await report(t);
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    const text = cli('report', '--db', t.file, '--from', FROM, '--to', TO, '--text');
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(reportTextPlain(reportText(expected)) + '\n');
    expect(text.stdout.split('\n')[0]).toBe('雁山镇2026年上半年工作情况（文字稿）');
    expect(text.stdout).toContain('新增五星级农村党组织2个、四星级1个、三星级1个。');
    expect(text.stdout).not.toContain('*');
    const both = cli('report', '--db', t.file, '--from', FROM, '--to', TO, '--json', '--text');
    expect(both.code).toBe(0);
    const parsed = JSON.parse(both.stdout) as Report & { text: unknown };
    expect(parsed.scopes[0]!.figures.stars).toEqual({ ...expected.scopes[0]!.figures.stars });
    expect(parsed.scopes[0]!.figures.stars.newFive).toBe(2);
    expect(parsed.scopes[0]!.figures.cadres.keyVillageFirstSecretaries).toBe(1);
    expect(parsed.text).toEqual(reportText(expected));
  });
});
