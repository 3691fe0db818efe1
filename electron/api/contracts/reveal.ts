import { z } from 'zod';
import * as f from '../fields';
import { channel, ALL_ROLES } from '../channel';

/**
 * Lists, details and reports show ID numbers masked (450311********1234). The full number leaves
 * the core only through these channels, one row at a time, and every call is written to the
 * operation log (操作日志) with who, when and which row, never the number itself.
 * `purpose: 'edit'` is what the edit form asks for when it opens: editing needs the number,
 * so opening the form is a reveal too, logged under its own action.
 */
export const REVEAL_PURPOSES = ['view', 'edit'] as const;
export type RevealPurpose = (typeof REVEAL_PURPOSES)[number];

export interface RevealedId {
  idNumber: string;
}

const revealInput = z.strictObject({ id: f.id(), purpose: f.oneOf('用途', REVEAL_PURPOSES).default('view') });

// Writing channels: each call adds its operation-log entry (so, like any write, it waits for the
// start-up check of the file; the connection is read-only until then).
export const revealContract = {
  'cadres.revealId': channel<RevealedId>()({ input: revealInput, roles: ALL_ROLES, writes: true }),
  'floating.revealId': channel<RevealedId>()({ input: revealInput, roles: ALL_ROLES, writes: true }),
};
