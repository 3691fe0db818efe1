// Landed migrations never change; add a new numbered file instead.
// 评星定级: a village Party organization's rating for a year (score, stars, why it changed, its
// 公示), and for a rating below four stars the corrective items (整改事项) with their deadline,
// person responsible and result. village_years.stars stays: it holds the years rated before this
// register, and the register's figures fall back to it where a year has no rating.
export const sql = `
CREATE TABLE star_ratings (
  id               TEXT PRIMARY KEY,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  seq              INTEGER NOT NULL,
  version          INTEGER NOT NULL,
  deleted_at       TEXT,
  origin           TEXT NOT NULL,
  village_id       TEXT NOT NULL REFERENCES villages (id),
  year             INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  score            INTEGER CHECK (score BETWEEN 0 AND 100),
  stars            INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  change_reason    TEXT,
  publicity_start  TEXT,
  publicity_end    TEXT,
  note             TEXT
) STRICT;
CREATE UNIQUE INDEX star_ratings_seq ON star_ratings (seq);
CREATE UNIQUE INDEX star_ratings_live ON star_ratings (village_id, year) WHERE deleted_at IS NULL;
CREATE INDEX star_ratings_year ON star_ratings (year, stars, deleted_at);

CREATE TABLE star_rectifications (
  id           TEXT PRIMARY KEY,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  version      INTEGER NOT NULL,
  deleted_at   TEXT,
  origin       TEXT NOT NULL,
  rating_id    TEXT NOT NULL REFERENCES star_ratings (id),
  item         TEXT NOT NULL,
  deadline     TEXT,
  responsible  TEXT,
  result       TEXT,
  done_date    TEXT
) STRICT;
CREATE UNIQUE INDEX star_rectifications_seq ON star_rectifications (seq);
CREATE INDEX star_rectifications_rating ON star_rectifications (rating_id, deleted_at);
`;
