import { createHash, randomBytes } from 'node:crypto';

/**
 * Row ids bound to the installation that made them (FORMAT.md, "Row ids").
 *
 * A district records a row for the township whose installation first sends it, and refuses that
 * row from anyone else for good. Row ids travel in plain text (a village package, a header's
 * vouched villages), so while they were random a township that read another's could create a
 * row under one of its ids, reach the district first, and have every later bundle of the other
 * township that carried the row refused (red team, session 39). A row made by an installation with
 * a key-bound id (boundIds.ts) takes an id whose first 60 bits come from that id: the district
 * takes a row new to it with an id of that form only from a township one of whose key-bound
 * installations has that prefix. An installation with a random id keeps making random ids: its
 * id was chosen freely, so trying ids until one's prefix matched another's would cost only
 * hashes, where a key-bound id costs a key pair per try. Random (version-4) ids keep the rules
 * they had.
 */

const ROW_DOMAIN = 'township-ledger row id v1\0';

/** The first 18 characters (60 bits) every row id made by installation `installationId` shares. */
export function rowIdPrefix(installationId: string): string {
  const h = createHash('sha256').update(ROW_DOMAIN).update(installationId, 'utf8').digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}`;
}

/**
 * A maker of row ids for installation `installationId`: its prefix, then 62 random bits, as a
 * version-8 UUID (byte 8's high bits 10). One installation making a million rows meets a
 * repeated id about once in nine million such installations; the primary key refuses it.
 */
export function boundRowIds(installationId: string): () => string {
  const prefix = rowIdPrefix(installationId);
  return () => {
    const r = randomBytes(8);
    r[0] = (r[0]! & 0x3f) | 0x80;
    const x = r.toString('hex');
    return `${prefix}-${x.slice(0, 4)}-${x.slice(4)}`;
  };
}

/** SQLite GLOB for ids of the bound form (and of key-bound installation ids, the same shape). */
export const BOUND_ROW_GLOB = '????????-????-8???-????-????????????';
