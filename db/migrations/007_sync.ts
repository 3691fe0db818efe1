// Landed migrations never change; add a new numbered file instead.
// Bookkeeping of the sneakernet sync (not synced itself).
export const sql = `
-- Township side: every bundle this installation wrote, and whether the district confirmed it.
CREATE TABLE sync_out (
  bundle_seq   INTEGER PRIMARY KEY,
  hash         TEXT NOT NULL UNIQUE,
  prev_hash    TEXT,
  seq_from     INTEGER NOT NULL,
  seq_to       INTEGER NOT NULL,
  full         INTEGER NOT NULL,
  counts       TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  file_name    TEXT NOT NULL,
  acked_at     TEXT,
  receipt_hash TEXT
) STRICT;

-- District side: each township installation's signing key, pinned at first sight.
CREATE TABLE sync_pins (
  installation_id TEXT PRIMARY KEY,
  township_code   TEXT NOT NULL,
  township_name   TEXT NOT NULL,
  public_key      TEXT NOT NULL,
  fingerprint     TEXT NOT NULL,
  pinned_at       TEXT NOT NULL,
  pinned_by       TEXT NOT NULL
) STRICT;
CREATE INDEX sync_pins_township ON sync_pins (township_code);

-- District side: every bundle imported (or refused after it was read), for history and for
-- telling re-imports, gaps and forks apart.
CREATE TABLE sync_in (
  id              INTEGER PRIMARY KEY,
  hash            TEXT NOT NULL,
  installation_id TEXT NOT NULL,
  township_code   TEXT NOT NULL,
  township_name   TEXT NOT NULL,
  bundle_seq      INTEGER NOT NULL,
  prev_hash       TEXT,
  seq_from        INTEGER NOT NULL,
  seq_to          INTEGER NOT NULL,
  full            INTEGER NOT NULL,
  created_at      TEXT NOT NULL,
  imported_at     TEXT NOT NULL,
  imported_by     TEXT NOT NULL,
  file_name       TEXT NOT NULL,
  counts          TEXT NOT NULL,
  notes           TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX sync_in_hash ON sync_in (hash);
CREATE INDEX sync_in_installation ON sync_in (installation_id, bundle_seq);
CREATE INDEX sync_in_township ON sync_in (township_code, imported_at);
`;
