CREATE TABLE audit_log (
  id              INTEGER PRIMARY KEY,
  at              TEXT NOT NULL,
  operator        TEXT NOT NULL,
  installation_id TEXT NOT NULL,
  table_name      TEXT NOT NULL,
  row_id          TEXT NOT NULL,
  action          TEXT NOT NULL,
  seq             INTEGER,
  before          TEXT,
  after           TEXT
) STRICT;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE sync_clock (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL
) STRICT;

CREATE TABLE village_years (
  id          TEXT PRIMARY KEY,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  deleted_at  TEXT,
  origin      TEXT NOT NULL,
  village_id  TEXT NOT NULL REFERENCES villages (id),
  year        INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  stars       INTEGER CHECK (stars BETWEEN 1 AND 5),
  income_fen  INTEGER CHECK (income_fen >= 0)
) STRICT;

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

CREATE INDEX audit_log_at ON audit_log (at);

CREATE INDEX audit_log_row ON audit_log (table_name, row_id);

CREATE UNIQUE INDEX village_years_live ON village_years (village_id, year) WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX village_years_seq ON village_years (seq);

CREATE UNIQUE INDEX villages_code_live ON villages (code) WHERE deleted_at IS NULL AND code IS NOT NULL;

CREATE INDEX villages_name ON villages (name);

CREATE UNIQUE INDEX villages_seq ON villages (seq);
