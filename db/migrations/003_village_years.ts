// Landed migrations never change; add a new numbered file instead.
// Star rating and collective-economy income are kept per village per year.
export const sql = `
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
CREATE UNIQUE INDEX village_years_seq ON village_years (seq);
CREATE UNIQUE INDEX village_years_live ON village_years (village_id, year) WHERE deleted_at IS NULL;
`;
