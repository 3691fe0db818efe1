// Landed migrations never change; add a new numbered file instead.
// Party-member development (发展党员, issue 15): the people in the pipeline with the date (and
// people) of each step, their half-yearly assessments, the time rules as data, and the review
// of past developments (排查整顿): cases and their measures.
//
// dev_people.stage is derived by the service from the step dates on every write (never typed), so
// the lists, the alerts and the report filter by it in SQL.
// dev_rules is this installation's own table (not synced, like settings): a province's rules are
// entered where they apply; each edit is a new row with its effective date, so a step is always
// judged by the rule in force on its own date. The 2014 defaults are rows like any other.
export const sql = `
CREATE TABLE dev_people (
  id                  TEXT PRIMARY KEY,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  seq                 INTEGER NOT NULL,
  version             INTEGER NOT NULL,
  deleted_at          TEXT,
  origin              TEXT NOT NULL,
  village_id          TEXT NOT NULL REFERENCES villages (id),
  name                TEXT NOT NULL,
  id_number           TEXT NOT NULL,
  birth_date          TEXT NOT NULL,
  gender              TEXT NOT NULL CHECK (gender IN ('男', '女')),
  ethnicity           TEXT,
  education           TEXT,
  stage               TEXT NOT NULL CHECK (stage IN ('入党申请人', '入党积极分子', '发展对象', '预备党员', '正式党员')),
  application_date    TEXT NOT NULL,
  talk_date           TEXT,
  talk_by             TEXT,
  activist_date       TEXT,
  activist_way        TEXT CHECK (activist_way IN ('党员推荐', '群团组织推优')),
  contact1            TEXT,
  contact2            TEXT,
  candidate_date      TEXT,
  introducer1         TEXT,
  introducer2         TEXT,
  review_date         TEXT,
  training_date       TEXT,
  publicity_start     TEXT,
  publicity_end       TEXT,
  accept_date         TEXT,
  votes_for           INTEGER CHECK (votes_for >= 0),
  votes_against       INTEGER CHECK (votes_against >= 0),
  votes_abstain       INTEGER CHECK (votes_abstain >= 0),
  approval_date       TEXT,
  oath_date           TEXT,
  extension_date      TEXT,
  extension_months    INTEGER CHECK (extension_months BETWEEN 1 AND 24),
  full_apply_date     TEXT,
  full_meeting_date   TEXT,
  full_approval_date  TEXT,
  exit_date           TEXT,
  exit_kind           TEXT CHECK (exit_kind IN ('本人撤回申请', '不予接收', '取消预备党员资格', '其他')),
  exit_reason         TEXT,
  note                TEXT
) STRICT;
CREATE UNIQUE INDEX dev_people_seq ON dev_people (seq);
CREATE INDEX dev_people_village ON dev_people (village_id, stage, deleted_at) WHERE deleted_at IS NULL;
CREATE INDEX dev_people_stage ON dev_people (stage, deleted_at) WHERE deleted_at IS NULL;
CREATE INDEX dev_people_id_live ON dev_people (id_number, deleted_at) WHERE deleted_at IS NULL;
CREATE INDEX dev_people_name ON dev_people (name) WHERE deleted_at IS NULL;

CREATE TABLE dev_assessments (
  id          TEXT PRIMARY KEY,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  deleted_at  TEXT,
  origin      TEXT NOT NULL,
  person_id   TEXT NOT NULL REFERENCES dev_people (id),
  kind        TEXT NOT NULL CHECK (kind IN ('培训', '考察')),
  date        TEXT NOT NULL,
  content     TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX dev_assessments_seq ON dev_assessments (seq);
CREATE INDEX dev_assessments_person ON dev_assessments (person_id, date) WHERE deleted_at IS NULL;

CREATE TABLE dev_rules (
  id             INTEGER PRIMARY KEY,
  rule_key       TEXT NOT NULL,
  value          INTEGER NOT NULL CHECK (value BETWEEN 0 AND 120),
  effective_from TEXT NOT NULL,
  source         TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  created_by     TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX dev_rules_key ON dev_rules (rule_key, effective_from);

INSERT INTO dev_rules (rule_key, value, effective_from, source, created_at, created_by) VALUES
  ('talk_months', 1, '2014-05-28', '《中国共产党发展党员工作细则》（2014年）（默认值）', '2014-05-28T00:00:00.000Z', '系统默认'),
  ('activist_months', 12, '2014-05-28', '《中国共产党发展党员工作细则》（2014年）（默认值）', '2014-05-28T00:00:00.000Z', '系统默认'),
  ('publicity_workdays', 5, '2014-05-28', '地方规定常见要求（默认值，不要求公示的填0）', '2014-05-28T00:00:00.000Z', '系统默认'),
  ('approval_months', 3, '2014-05-28', '《中国共产党发展党员工作细则》（2014年）（默认值）', '2014-05-28T00:00:00.000Z', '系统默认'),
  ('approval_max_months', 6, '2014-05-28', '《中国共产党发展党员工作细则》（2014年）（默认值）', '2014-05-28T00:00:00.000Z', '系统默认'),
  ('probation_months', 12, '2014-05-28', '《中国共产党发展党员工作细则》（2014年）（默认值）', '2014-05-28T00:00:00.000Z', '系统默认'),
  ('extension_min_months', 6, '2014-05-28', '《中国共产党发展党员工作细则》（2014年）（默认值）', '2014-05-28T00:00:00.000Z', '系统默认'),
  ('extension_max_months', 12, '2014-05-28', '《中国共产党发展党员工作细则》（2014年）（默认值）', '2014-05-28T00:00:00.000Z', '系统默认');

CREATE TABLE rectification_cases (
  id           TEXT PRIMARY KEY,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  version      INTEGER NOT NULL,
  deleted_at   TEXT,
  origin       TEXT NOT NULL,
  village_id   TEXT NOT NULL REFERENCES villages (id),
  name         TEXT NOT NULL,
  id_number    TEXT,
  joined_date  TEXT,
  finding_date TEXT NOT NULL,
  finding      TEXT NOT NULL,
  note         TEXT
) STRICT;
CREATE UNIQUE INDEX rectification_cases_seq ON rectification_cases (seq);
CREATE INDEX rectification_cases_village ON rectification_cases (village_id, finding_date) WHERE deleted_at IS NULL;
CREATE INDEX rectification_cases_found ON rectification_cases (finding_date, deleted_at) WHERE deleted_at IS NULL;

CREATE TABLE rectification_measures (
  id           TEXT PRIMARY KEY,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  version      INTEGER NOT NULL,
  deleted_at   TEXT,
  origin       TEXT NOT NULL,
  case_id      TEXT NOT NULL REFERENCES rectification_cases (id),
  measure      TEXT NOT NULL CHECK (measure IN ('重新履行入党手续', '重新讨论预备党员转正', '提醒谈话', '警示谈话', '严重警告', '撤销党内职务')),
  measure_date TEXT NOT NULL,
  note         TEXT
) STRICT;
CREATE UNIQUE INDEX rectification_measures_seq ON rectification_measures (seq);
CREATE INDEX rectification_measures_case ON rectification_measures (case_id, measure_date) WHERE deleted_at IS NULL;
`;
