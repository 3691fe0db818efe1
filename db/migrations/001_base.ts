// Landed migrations never change; add a new numbered file instead.
export const sql = `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- One row: the installation's change sequence. Every insert, update and delete of a domain
-- row takes the next number, so "changed since N" is one indexed range query.
CREATE TABLE sync_clock (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL
) STRICT;
INSERT INTO sync_clock (id, seq) VALUES (1, 0);

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
CREATE INDEX audit_log_row ON audit_log (table_name, row_id);
CREATE INDEX audit_log_at ON audit_log (at);
`;
