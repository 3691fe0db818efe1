import { auditEvent } from '../../db/audit';
import { cadresTable } from '../../db/cadres';
import { NotFoundError } from '../../db/errors';
import { floatingMembersTable } from '../../db/floating';
import type { Column } from '../../db/columns';
import { getRow, type SyncTable } from '../../db/sync';
import type { RevealedId, RevealPurpose } from '../api/contracts/reveal';
import type { Handlers } from '../api/dispatch';
import type { Core } from '../core';
import { maskIdNumber } from '../domain/idNumber';
import { writeTx } from '../../db/tx';

/** Audit actions of a reveal; the operation log labels them (查看身份证号 / 编辑时查看身份证号). */
export const REVEAL_ACTIONS: Record<RevealPurpose, string> = { view: 'reveal', edit: 'reveal:edit' };

/** The column a reveal shows, reported as the "changed field" of its audit entry. */
export const REVEALED_COLUMN = 'id_number';

/** The full ID number of one live row, with the reveal logged in the same transaction. */
/** Any table with an ID-number column (optional in some registers, e.g. 排查整顿 cases). */
export type WithIdNumber = SyncTable<{ id_number: Column<string | null> }>;

export function revealId(core: Core, table: WithIdNumber, label: string, id: string, purpose: RevealPurpose): RevealedId {
  return writeTx(core.db, () => {
    const row = getRow(core.db, table, id);
    if (!row) throw new NotFoundError(label);
    auditEvent(core.db, core.writer(), { table: table.name, rowId: id, action: REVEAL_ACTIONS[purpose] });
    return { idNumber: row.id_number ?? '' };
  });
}

/** For detail and report channels: the same object with its ID number masked like the lists. */
export function withMaskedId<T extends { idNumber: string }>(detail: T): T {
  return { ...detail, idNumber: maskIdNumber(detail.idNumber) };
}

export const revealHandlers = {
  'cadres.revealId': (core, { id, purpose }) => revealId(core, cadresTable as WithIdNumber, '驻村干部', id, purpose),
  'floating.revealId': (core, { id, purpose }) => revealId(core, floatingMembersTable as WithIdNumber, '流动党员', id, purpose),
} satisfies Partial<Handlers>;
