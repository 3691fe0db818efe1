// Landed migrations never change; add a new numbered file instead.
// Resident cadres (驻村干部): the person register, postings as history, daily work logs,
// inspections, quarterly evaluations and annual assessments.
// "In post" is a posting with status 在岗 and no actual end; the partial unique indexes make
// the two posting rules hold even against a write that bypasses the service.
export const sql = `
CREATE TABLE cadres (
  id               TEXT PRIMARY KEY,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  seq              INTEGER NOT NULL,
  version          INTEGER NOT NULL,
  deleted_at       TEXT,
  origin           TEXT NOT NULL,
  name             TEXT NOT NULL,
  id_number        TEXT NOT NULL CHECK (length(id_number) = 18),
  birth_date       TEXT NOT NULL,
  gender           TEXT NOT NULL CHECK (gender IN ('男', '女')),
  ethnicity        TEXT,
  political_status TEXT,
  education        TEXT,
  unit             TEXT NOT NULL,
  unit_level       TEXT NOT NULL,
  post_rank        TEXT,
  mobile           TEXT,
  note             TEXT
) STRICT;
CREATE UNIQUE INDEX cadres_seq ON cadres (seq);
-- Not UNIQUE: one live cadre per ID number is a rule of each township's register (the service
-- enforces it); the district holds every township's register, where a cadre who moved between
-- townships can appear twice.
CREATE INDEX cadres_id_number_live ON cadres (id_number) WHERE deleted_at IS NULL;
CREATE INDEX cadres_name ON cadres (name);
CREATE INDEX cadres_unit ON cadres (unit);
CREATE INDEX cadres_birth_date ON cadres (birth_date);
CREATE INDEX cadres_updated_at ON cadres (updated_at);

CREATE TABLE cadre_postings (
  id                   TEXT PRIMARY KEY,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  seq                  INTEGER NOT NULL,
  version              INTEGER NOT NULL,
  deleted_at           TEXT,
  origin               TEXT NOT NULL,
  cadre_id             TEXT NOT NULL REFERENCES cadres (id),
  village_id           TEXT NOT NULL REFERENCES villages (id),
  role                 TEXT NOT NULL CHECK (role IN ('第一书记', '工作队长', '工作队员')),
  start_date           TEXT NOT NULL,
  planned_end          TEXT,
  actual_end           TEXT,
  status               TEXT NOT NULL CHECK (status IN ('在岗', '期满轮换', '召回调整', '其他')),
  reason               TEXT,
  replaced_by_cadre_id TEXT REFERENCES cadres (id),
  CHECK (planned_end IS NULL OR planned_end >= start_date),
  CHECK (actual_end IS NULL OR actual_end >= start_date)
) STRICT;
CREATE UNIQUE INDEX cadre_postings_seq ON cadre_postings (seq);
CREATE INDEX cadre_postings_cadre ON cadre_postings (cadre_id, start_date);
CREATE INDEX cadre_postings_village ON cadre_postings (village_id, role);
CREATE UNIQUE INDEX cadre_postings_one_post ON cadre_postings (cadre_id)
  WHERE deleted_at IS NULL AND status = '在岗' AND actual_end IS NULL;
CREATE UNIQUE INDEX cadre_postings_one_secretary ON cadre_postings (village_id)
  WHERE deleted_at IS NULL AND status = '在岗' AND actual_end IS NULL AND role = '第一书记';

CREATE TABLE work_logs (
  id          TEXT PRIMARY KEY,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  deleted_at  TEXT,
  origin      TEXT NOT NULL,
  cadre_id    TEXT NOT NULL REFERENCES cadres (id),
  village_id  TEXT NOT NULL REFERENCES villages (id),
  log_date    TEXT NOT NULL,
  in_village  INTEGER NOT NULL CHECK (in_village IN (0, 1)),
  work_kind   TEXT NOT NULL,
  households  INTEGER NOT NULL DEFAULT 0 CHECK (households >= 0),
  content     TEXT,
  problems    TEXT,
  follow_up   TEXT
) STRICT;
CREATE UNIQUE INDEX work_logs_seq ON work_logs (seq);
CREATE UNIQUE INDEX work_logs_day_live ON work_logs (cadre_id, log_date) WHERE deleted_at IS NULL;
-- Covers attendance counts (days in the village per cadre per month) without reading rows.
CREATE INDEX work_logs_attendance ON work_logs (cadre_id, log_date, in_village) WHERE deleted_at IS NULL;

CREATE TABLE cadre_inspections (
  id           TEXT PRIMARY KEY,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  version      INTEGER NOT NULL,
  deleted_at   TEXT,
  origin       TEXT NOT NULL,
  cadre_id     TEXT NOT NULL REFERENCES cadres (id),
  inspect_date TEXT NOT NULL,
  inspector    TEXT NOT NULL,
  in_post      INTEGER NOT NULL CHECK (in_post IN (0, 1)),
  notes        TEXT
) STRICT;
CREATE UNIQUE INDEX cadre_inspections_seq ON cadre_inspections (seq);
CREATE INDEX cadre_inspections_cadre ON cadre_inspections (cadre_id, inspect_date);
CREATE INDEX cadre_inspections_date ON cadre_inspections (inspect_date);

CREATE TABLE cadre_evaluations (
  id          TEXT PRIMARY KEY,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  deleted_at  TEXT,
  origin      TEXT NOT NULL,
  cadre_id    TEXT NOT NULL REFERENCES cadres (id),
  year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  quarter     INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  result      TEXT NOT NULL CHECK (result IN ('好', '较好', '一般', '差')),
  evaluator   TEXT,
  notes       TEXT
) STRICT;
CREATE UNIQUE INDEX cadre_evaluations_seq ON cadre_evaluations (seq);
CREATE UNIQUE INDEX cadre_evaluations_live ON cadre_evaluations (cadre_id, year, quarter) WHERE deleted_at IS NULL;
CREATE INDEX cadre_evaluations_period ON cadre_evaluations (year, quarter);

CREATE TABLE cadre_assessments (
  id          TEXT PRIMARY KEY,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  deleted_at  TEXT,
  origin      TEXT NOT NULL,
  cadre_id    TEXT NOT NULL REFERENCES cadres (id),
  year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  result      TEXT NOT NULL CHECK (result IN ('优秀', '称职', '基本称职', '不称职')),
  notes       TEXT
) STRICT;
CREATE UNIQUE INDEX cadre_assessments_seq ON cadre_assessments (seq);
CREATE UNIQUE INDEX cadre_assessments_live ON cadre_assessments (cadre_id, year) WHERE deleted_at IS NULL;
CREATE INDEX cadre_assessments_year ON cadre_assessments (year);
`;
