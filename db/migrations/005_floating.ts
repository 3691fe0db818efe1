// Landed migrations never change; add a new numbered file instead.
// Floating Party members (流动党员): the roster, one-to-one contacts (history kept by end_date),
// contact records and status history. last_contact_date is derived from contact_records by the
// service on every record write (never typed), so the overdue filter can page in SQL.
export const sql = `
CREATE TABLE floating_members (
  id                 TEXT PRIMARY KEY,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  seq                INTEGER NOT NULL,
  version            INTEGER NOT NULL,
  deleted_at         TEXT,
  origin             TEXT NOT NULL,
  village_id         TEXT NOT NULL REFERENCES villages (id),
  name               TEXT NOT NULL,
  id_number          TEXT NOT NULL,
  birth_date         TEXT NOT NULL,
  gender             TEXT NOT NULL CHECK (gender IN ('男', '女')),
  ethnicity          TEXT,
  education          TEXT,
  joined_party_date  TEXT,
  member_type        TEXT NOT NULL CHECK (member_type IN ('正式党员', '预备党员')),
  left_date          TEXT NOT NULL,
  dest_province_code TEXT NOT NULL,
  dest_city_code     TEXT,
  dest_county_code   TEXT,
  dest_text          TEXT NOT NULL,
  workplace          TEXT,
  reason             TEXT NOT NULL CHECK (reason IN ('务工', '经商', '学习', '其他')),
  occupation         TEXT,
  mobile             TEXT,
  wechat             TEXT,
  activity_card_no   TEXT,
  dest_org_joined    INTEGER NOT NULL DEFAULT 0 CHECK (dest_org_joined IN (0, 1)),
  dest_org_name      TEXT,
  status             TEXT NOT NULL CHECK (status IN ('外出中', '已返回', '组织关系转出')),
  status_date        TEXT,
  transfer_to        TEXT,
  note               TEXT,
  last_contact_date  TEXT
) STRICT;
CREATE UNIQUE INDEX floating_members_seq ON floating_members (seq);
-- Not UNIQUE: one ID number per live member is a rule of each township's roster (the service
-- enforces it); the district holds every township's roster, where a member who moved between
-- townships can appear twice.
CREATE INDEX floating_members_id_live ON floating_members (id_number) WHERE deleted_at IS NULL;
CREATE INDEX floating_members_name ON floating_members (name) WHERE deleted_at IS NULL;
CREATE INDEX floating_members_village ON floating_members (village_id, name) WHERE deleted_at IS NULL;
CREATE INDEX floating_members_status ON floating_members (status, name) WHERE deleted_at IS NULL;
CREATE INDEX floating_members_mobile ON floating_members (mobile) WHERE deleted_at IS NULL;
CREATE INDEX floating_members_due ON floating_members (coalesce(last_contact_date, left_date)) WHERE deleted_at IS NULL AND status = '外出中';

CREATE TABLE member_contacts (
  id          TEXT PRIMARY KEY,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  deleted_at  TEXT,
  origin      TEXT NOT NULL,
  member_id   TEXT NOT NULL REFERENCES floating_members (id),
  cadre_name  TEXT NOT NULL,
  cadre_phone TEXT,
  cadre_role  TEXT,
  start_date  TEXT NOT NULL,
  end_date    TEXT
) STRICT;
CREATE UNIQUE INDEX member_contacts_seq ON member_contacts (seq);
CREATE UNIQUE INDEX member_contacts_current ON member_contacts (member_id) WHERE deleted_at IS NULL AND end_date IS NULL;
CREATE INDEX member_contacts_member ON member_contacts (member_id, start_date) WHERE deleted_at IS NULL;

CREATE TABLE contact_records (
  id           TEXT PRIMARY KEY,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  version      INTEGER NOT NULL,
  deleted_at   TEXT,
  origin       TEXT NOT NULL,
  member_id    TEXT NOT NULL REFERENCES floating_members (id),
  contact_date TEXT NOT NULL,
  way          TEXT NOT NULL CHECK (way IN ('电话', '微信', '视频', '走访', '信函')),
  made_by      TEXT NOT NULL,
  content      TEXT NOT NULL,
  needs        TEXT
) STRICT;
CREATE UNIQUE INDEX contact_records_seq ON contact_records (seq);
CREATE INDEX contact_records_member ON contact_records (member_id, contact_date) WHERE deleted_at IS NULL;

CREATE TABLE member_status_history (
  id          TEXT PRIMARY KEY,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  deleted_at  TEXT,
  origin      TEXT NOT NULL,
  member_id   TEXT NOT NULL REFERENCES floating_members (id),
  status      TEXT NOT NULL CHECK (status IN ('外出中', '已返回', '组织关系转出')),
  date        TEXT NOT NULL,
  transfer_to TEXT,
  note        TEXT
) STRICT;
CREATE UNIQUE INDEX member_status_history_seq ON member_status_history (seq);
CREATE INDEX member_status_history_member ON member_status_history (member_id, date) WHERE deleted_at IS NULL;
`;
