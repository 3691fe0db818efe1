// Landed migrations never change; add a new numbered file instead.
// 一村一项目: collective-economy projects, their yearly income and progress updates.
// Money is integer fen; the CHECK on projects is the last line of defence behind the service's
// field message ("各来源合计 … 与总投资 … 不一致").
export const sql = `
CREATE TABLE projects (
  id            TEXT PRIMARY KEY,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  seq           INTEGER NOT NULL,
  version       INTEGER NOT NULL,
  deleted_at    TEXT,
  origin        TEXT NOT NULL,
  village_id    TEXT NOT NULL REFERENCES villages (id),
  year          INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  name          TEXT NOT NULL,
  category      TEXT NOT NULL,
  model         TEXT NOT NULL,
  partner       TEXT,
  responsible   TEXT,
  planned_start TEXT,
  planned_end   TEXT,
  actual_start  TEXT,
  actual_end    TEXT,
  status        TEXT NOT NULL CHECK (status IN ('谋划', '在建', '运营', '停滞', '终止')),
  total_fen     INTEGER NOT NULL CHECK (total_fen >= 0),
  fiscal_fen    INTEGER NOT NULL DEFAULT 0 CHECK (fiscal_fen >= 0),
  aid_fen       INTEGER NOT NULL DEFAULT 0 CHECK (aid_fen >= 0),
  village_fen   INTEGER NOT NULL DEFAULT 0 CHECK (village_fen >= 0),
  social_fen    INTEGER NOT NULL DEFAULT 0 CHECK (social_fen >= 0),
  other_fen     INTEGER NOT NULL DEFAULT 0 CHECK (other_fen >= 0),
  households    INTEGER CHECK (households >= 0),
  note          TEXT,
  CHECK (total_fen = fiscal_fen + aid_fen + village_fen + social_fen + other_fen)
) STRICT;
CREATE UNIQUE INDEX projects_seq ON projects (seq);
CREATE INDEX projects_village_year ON projects (village_id, year);
CREATE INDEX projects_year ON projects (year, status);
CREATE INDEX projects_status ON projects (status);
CREATE INDEX projects_category ON projects (category);
CREATE INDEX projects_updated ON projects (updated_at);

CREATE TABLE project_incomes (
  id          TEXT PRIMARY KEY,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  deleted_at  TEXT,
  origin      TEXT NOT NULL,
  project_id  TEXT NOT NULL REFERENCES projects (id),
  year        INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  income_fen  INTEGER NOT NULL CHECK (income_fen >= 0)
) STRICT;
CREATE UNIQUE INDEX project_incomes_seq ON project_incomes (seq);
CREATE UNIQUE INDEX project_incomes_live ON project_incomes (project_id, year) WHERE deleted_at IS NULL;
CREATE INDEX project_incomes_year ON project_incomes (year, project_id);

CREATE TABLE project_progress (
  id           TEXT PRIMARY KEY,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  version      INTEGER NOT NULL,
  deleted_at   TEXT,
  origin       TEXT NOT NULL,
  project_id   TEXT NOT NULL REFERENCES projects (id),
  report_date  TEXT NOT NULL,
  percent      INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
  note         TEXT,
  problems     TEXT
) STRICT;
CREATE UNIQUE INDEX project_progress_seq ON project_progress (seq);
-- The current progress is the latest live update: this index answers it with one seek per project.
CREATE INDEX project_progress_latest ON project_progress (project_id, report_date DESC, created_at DESC) WHERE deleted_at IS NULL;
`;
