import { deleteRule, putRule, ruleById, ruleRows } from '../../db/partyDev';
import { appendAudit } from '../../db/sync';
import { writeTx } from '../../db/tx';
import type { ParsedInput, RuleItem } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import { AppError } from '../api/errors';
import type { Core } from '../core';
import { localDay } from '../domain/dates';
import { RULES, ruleAt, type RuleKey } from '../domain/partyDev';

/**
 * The development time rules (设置 › 发展党员规则): each rule a list of versions with their
 * effective date and source. A change is a new version from a date, audited like a setting; the
 * steps taken before that date keep being judged by the version then in force.
 */
export function listRules(core: Core): RuleItem[] {
  const rows = ruleRows(core.db);
  const day = localDay(core.now());
  const versions = rows.map((r) => ({ key: r.rule_key, value: r.value, effectiveFrom: r.effective_from, source: r.source }));
  return rows.map((r) => {
    const inForce = versions.filter((v) => v.key === r.rule_key && v.effectiveFrom <= day).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
    return {
      id: r.id,
      key: r.rule_key,
      label: RULES[r.rule_key].label,
      unit: RULES[r.rule_key].unit,
      value: r.value,
      effectiveFrom: r.effective_from,
      source: r.source,
      createdAt: r.created_at,
      createdBy: r.created_by,
      current: inForce ? inForce.effectiveFrom === r.effective_from : false,
    };
  });
}

function checkRange(key: RuleKey, value: number): void {
  const r = RULES[key];
  if (value < r.min || value > r.max) {
    const message = `${r.label}应在${r.min}至${r.max}${r.unit}之间`;
    throw new AppError('invalid', message, [{ path: ['value'], message }]);
  }
}

export function setRule(core: Core, input: ParsedInput<'development.setRule'>): RuleItem[] {
  return writeTx(core.db, () => {
    checkRange(input.key, input.value);
    const w = core.writer();
    const versions = ruleRows(core.db).map((r) => ({ key: r.rule_key, value: r.value, effectiveFrom: r.effective_from, source: r.source }));
    // The pair must stay ordered at the new date: a minimum above its maximum would make every extension wrong.
    const pairs: [RuleKey, RuleKey][] = [['approval_months', 'approval_max_months'], ['extension_min_months', 'extension_max_months']];
    for (const [lo, hi] of pairs) {
      if (input.key !== lo && input.key !== hi) continue;
      const loV = input.key === lo ? input.value : ruleAt(versions, lo, input.effectiveFrom);
      const hiV = input.key === hi ? input.value : ruleAt(versions, hi, input.effectiveFrom);
      if (loV > hiV) {
        const message = `${RULES[lo].label}（${loV}）不能大于${RULES[hi].label}（${hiV}）`;
        throw new AppError('invalid', message, [{ path: ['value'], message }]);
      }
    }
    const before = ruleRows(core.db).find((r) => r.rule_key === input.key && r.effective_from === input.effectiveFrom) ?? null;
    const row = putRule(core.db, { rule_key: input.key, value: input.value, effective_from: input.effectiveFrom, source: input.source, created_at: w.now(), created_by: w.operator });
    appendAudit(core.db, w, {
      table: 'dev_rules',
      rowId: String(row.id),
      action: before ? 'update' : 'insert',
      seq: null,
      before: before && { rule: input.key, value: before.value, effective_from: before.effective_from, source: before.source },
      after: { rule: input.key, value: row.value, effective_from: row.effective_from, source: row.source },
    });
    return listRules(core);
  });
}

export function removeRule(core: Core, id: number): RuleItem[] {
  return writeTx(core.db, () => {
    const row = ruleById(core.db, id);
    if (!row) throw new AppError('not_found', '该规则版本不存在或已被删除');
    if (ruleRows(core.db).filter((r) => r.rule_key === row.rule_key).length < 2) {
      throw new AppError('invalid', `“${RULES[row.rule_key].label}”只剩这一个版本，不能删除（可新增一个施行日期更晚的版本）`);
    }
    deleteRule(core.db, id);
    appendAudit(core.db, core.writer(), {
      table: 'dev_rules', rowId: String(id), action: 'delete', seq: null,
      before: { rule: row.rule_key, value: row.value, effective_from: row.effective_from, source: row.source }, after: null,
    });
    return listRules(core);
  });
}

export const partyDevRuleHandlers = {
  'development.rules': (core) => listRules(core),
  'development.setRule': (core, input) => setRule(core, input),
  'development.removeRule': (core, { id }) => removeRule(core, id),
} satisfies Partial<Handlers>;
