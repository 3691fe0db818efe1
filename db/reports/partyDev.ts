import type { Database } from 'better-sqlite3';
import { MEASURES, MIN_ACTIVISTS } from '../../electron/domain/partyDev';
import { ACTIVIST_ON } from '../partyDev';
import { inScope, queries, type ReportParams } from './period';

/** 发展党员 and 排查整顿 figures for one period and scope. */
export interface PartyDevReport {
  /**
   * 入党积极分子库存: live people in the pipeline who are 入党积极分子 on the period's last day:
   * determined as activist on or before it, not determined as 发展对象 on or before it, and not
   * left the pipeline on or before it (db/partyDev ACTIVIST_ON, the rule the 首页 uses too).
   */
  activists: number;
  /** Live villages (communities) in scope. */
  villages: number;
  /** 至少培养2名入党积极分子的村: live villages with at least 2 such activists on the last day. */
  villagesWithTwo: number;
  /** The villages below 2 activists on the last day, by code. */
  villagesBelowList: { name: string; code: string | null; activists: number }[];
  /** 新确定入党积极分子: people determined as activist during the period (both days included). */
  newActivists: number;
  /** 新发展党员: people approved as 预备党员 by the township committee during the period. */
  newProbationers: number;
  /** 按期转正: 预备党员 approved as full members during the period. */
  newFullMembers: number;
  /**
   * 认定存在违规违纪问题 N 人: live 排查整顿 cases (one per person) whose 认定日期 falls in the
   * period.
   */
  casesFound: number;
  /**
   * Each measure (重新履行入党手续 … 撤销党内职务): live cases with a live measure of that kind
   * dated in the period (a person counts once per measure; one case may have several measures).
   */
  measures: Record<string, number>;
}

export function partyDevReport(db: Database, params: ReportParams): PartyDevReport {
  const q = queries(db, params);
  const D = inScope(params, 'd.');
  const V = inScope(params, 'v.');
  const R = inScope(params, 'r.');
  const at = { ...params, day: params.to };
  const villages = db
    .prepare(`SELECT v.name, v.code, (SELECT count(*) FROM dev_people d WHERE d.village_id = v.id AND ${ACTIVIST_ON}) AS activists
      FROM villages v WHERE v.deleted_at IS NULL AND ${V} ORDER BY v.code IS NULL, v.code, v.name`)
    .all(at) as { name: string; code: string | null; activists: number }[];
  const during = (col: string) => q.one(`SELECT count(*) AS n FROM dev_people d WHERE d.deleted_at IS NULL AND ${D} AND d.${col} BETWEEN @from AND @to`);
  const measured = q.grouped(`SELECT m.measure AS k, count(DISTINCT r.id) AS n FROM rectification_measures m JOIN rectification_cases r ON r.id = m.case_id
    WHERE m.deleted_at IS NULL AND r.deleted_at IS NULL AND ${R} AND m.measure_date BETWEEN @from AND @to GROUP BY m.measure`);
  return {
    activists: (db.prepare(`SELECT count(*) AS n FROM dev_people d WHERE ${ACTIVIST_ON} AND ${D}`).get(at) as { n: number }).n,
    villages: villages.length,
    villagesWithTwo: villages.filter((v) => v.activists >= MIN_ACTIVISTS).length,
    villagesBelowList: villages.filter((v) => v.activists < MIN_ACTIVISTS),
    newActivists: during('activist_date'),
    newProbationers: during('approval_date'),
    newFullMembers: during('full_approval_date'),
    casesFound: q.one(`SELECT count(*) AS n FROM rectification_cases r WHERE r.deleted_at IS NULL AND ${R} AND r.finding_date BETWEEN @from AND @to`),
    measures: Object.fromEntries(MEASURES.map((m) => [m, measured[m] ?? 0])),
  };
}
