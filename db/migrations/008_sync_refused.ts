// Landed migrations never change; add a new numbered file instead.
// District side: bundles that were read and refused, so the import history shows every attempt.
export const sql = `
CREATE TABLE sync_refused (
  id            INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  operator      TEXT NOT NULL,
  file_name     TEXT NOT NULL,
  township_code TEXT,
  township_name TEXT,
  bundle_seq    INTEGER,
  code          TEXT NOT NULL,
  message       TEXT NOT NULL
) STRICT;
CREATE INDEX sync_refused_at ON sync_refused (at);
`;
