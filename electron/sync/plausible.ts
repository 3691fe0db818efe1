import type { Database } from 'better-sqlite3';
import { memberContactsTable } from '../../db/floating';
import { stmt } from '../../db/sync';
import { stagedRef } from '../../db/syncStage';
import { refuse } from './format';

/**
 * Bounds on what a bundle may make of one record, beyond each row's own rules: where a figure
 * kept row by row costs more the more rows share a parent, a validly signed but hostile bundle
 * must not be able to make the district's (or the township's) import take minutes.
 */

/**
 * The most one-to-one contact cadres (live rows, past ones included) one floating member may
 * have once an import is applied. A real member has a few over the years; the roster's kept
 * figures (migration 021) judge a member's days over all of its cadres, so a member planted with
 * thousands of them made each of its contact records' writes take tens of milliseconds.
 */
export const MAX_MEMBER_CONTACTS = 500;

/** Refuses the staged bundle when a member would end with more than MAX_MEMBER_CONTACTS contact cadres. */
export function checkPlausible(db: Database): void {
  const over = stmt(
    db,
    `WITH staged AS (SELECT s.id, s.deleted, ${stagedRef(memberContactsTable, 'member_id')} AS member FROM temp.sync_stage s WHERE s.tbl = 'member_contacts')
     SELECT member, count(*) AS n FROM (
       SELECT member FROM staged WHERE deleted = 0
       UNION ALL
       SELECT c.member_id FROM main.member_contacts c
        WHERE c.deleted_at IS NULL AND c.member_id IN (SELECT member FROM staged)
          AND NOT EXISTS (SELECT 1 FROM temp.sync_stage s WHERE s.tbl = 'member_contacts' AND s.id = c.id)
     ) GROUP BY member HAVING count(*) > ? ORDER BY member LIMIT 1`,
  ).get(MAX_MEMBER_CONTACTS) as { member: string; n: number } | undefined;
  if (over) {
    throw refuse(
      'bad_row',
      `流动党员 ${over.member} 导入后将有 ${over.n} 名一对一联系人，超过每人 ${MAX_MEMBER_CONTACTS} 名的上限：文件内容不合常理，未导入任何数据`,
    );
  }
}
