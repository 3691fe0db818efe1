// Landed migrations never change; add a new numbered file instead.
export const sql = `
CREATE TABLE villages (
  id              TEXT PRIMARY KEY,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  seq             INTEGER NOT NULL,
  version         INTEGER NOT NULL,
  deleted_at      TEXT,
  origin          TEXT NOT NULL,
  code            TEXT,
  name            TEXT NOT NULL,
  kind            TEXT NOT NULL,
  party_org_name  TEXT,
  party_org_type  TEXT,
  secretary       TEXT,
  secretary_phone TEXT,
  key_village     INTEGER NOT NULL DEFAULT 0,
  relocation      INTEGER NOT NULL DEFAULT 0,
  note            TEXT
) STRICT;
CREATE UNIQUE INDEX villages_seq ON villages (seq);
CREATE UNIQUE INDEX villages_code_live ON villages (code) WHERE deleted_at IS NULL AND code IS NOT NULL;
CREATE INDEX villages_name ON villages (name);
`;
