CREATE TRIGGER attendance_days_delete AFTER DELETE ON work_log_month_days BEGIN
  INSERT INTO attendance_pairs (month, origin, posted, days, n) SELECT month, origin, posted, days, n FROM (SELECT OLD.month AS month, origin, posted, OLD.days AS days, -1 AS n FROM (SELECT origin, e - s + 1 AS posted, d FROM (
    SELECT origin, d,
      CASE WHEN start_date > f THEN CAST(substr(start_date, 9) AS INTEGER) ELSE 1 END AS s,
      CASE WHEN actual_end IS NOT NULL AND actual_end <= l THEN CAST(substr(actual_end, 9) AS INTEGER) - 1 ELSE d END AS e
    FROM (SELECT OLD.month || '-01' AS f, date(OLD.month || '-01', '+1 months', '-1 days') AS l, CAST(strftime('%d', OLD.month || '-01', '+1 months', '-1 days') AS INTEGER) AS d)
    JOIN cadre_postings ON cadre_id = OLD.cadre_id AND deleted_at IS NULL AND start_date <= l AND (actual_end IS NULL OR actual_end > f)
  ) WHERE e >= s)
    UNION ALL SELECT OLD.month, origin, posted, 0, 1 FROM (SELECT origin, e - s + 1 AS posted, d FROM (
    SELECT origin, d,
      CASE WHEN start_date > f THEN CAST(substr(start_date, 9) AS INTEGER) ELSE 1 END AS s,
      CASE WHEN actual_end IS NOT NULL AND actual_end <= l THEN CAST(substr(actual_end, 9) AS INTEGER) - 1 ELSE d END AS e
    FROM (SELECT OLD.month || '-01' AS f, date(OLD.month || '-01', '+1 months', '-1 days') AS l, CAST(strftime('%d', OLD.month || '-01', '+1 months', '-1 days') AS INTEGER) AS d)
    JOIN cadre_postings ON cadre_id = OLD.cadre_id AND deleted_at IS NULL AND start_date <= l AND (actual_end IS NULL OR actual_end > f)
  ) WHERE e >= s) WHERE posted < d) WHERE true
    ON CONFLICT (month, origin, posted, days) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER attendance_days_insert AFTER INSERT ON work_log_month_days BEGIN
  INSERT INTO attendance_pairs (month, origin, posted, days, n) SELECT month, origin, posted, days, n FROM (SELECT NEW.month AS month, origin, posted, NEW.days AS days, 1 AS n FROM (SELECT origin, e - s + 1 AS posted, d FROM (
    SELECT origin, d,
      CASE WHEN start_date > f THEN CAST(substr(start_date, 9) AS INTEGER) ELSE 1 END AS s,
      CASE WHEN actual_end IS NOT NULL AND actual_end <= l THEN CAST(substr(actual_end, 9) AS INTEGER) - 1 ELSE d END AS e
    FROM (SELECT NEW.month || '-01' AS f, date(NEW.month || '-01', '+1 months', '-1 days') AS l, CAST(strftime('%d', NEW.month || '-01', '+1 months', '-1 days') AS INTEGER) AS d)
    JOIN cadre_postings ON cadre_id = NEW.cadre_id AND deleted_at IS NULL AND start_date <= l AND (actual_end IS NULL OR actual_end > f)
  ) WHERE e >= s)
    UNION ALL SELECT NEW.month, origin, posted, 0, -1 FROM (SELECT origin, e - s + 1 AS posted, d FROM (
    SELECT origin, d,
      CASE WHEN start_date > f THEN CAST(substr(start_date, 9) AS INTEGER) ELSE 1 END AS s,
      CASE WHEN actual_end IS NOT NULL AND actual_end <= l THEN CAST(substr(actual_end, 9) AS INTEGER) - 1 ELSE d END AS e
    FROM (SELECT NEW.month || '-01' AS f, date(NEW.month || '-01', '+1 months', '-1 days') AS l, CAST(strftime('%d', NEW.month || '-01', '+1 months', '-1 days') AS INTEGER) AS d)
    JOIN cadre_postings ON cadre_id = NEW.cadre_id AND deleted_at IS NULL AND start_date <= l AND (actual_end IS NULL OR actual_end > f)
  ) WHERE e >= s) WHERE posted < d) WHERE true
    ON CONFLICT (month, origin, posted, days) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER attendance_days_rekey AFTER UPDATE OF cadre_id, month ON work_log_month_days
WHEN OLD.cadre_id <> NEW.cadre_id OR OLD.month <> NEW.month BEGIN
  INSERT INTO attendance_pairs (month, origin, posted, days, n) SELECT month, origin, posted, days, n FROM (SELECT OLD.month AS month, origin, posted, OLD.days AS days, -1 AS n FROM (SELECT origin, e - s + 1 AS posted, d FROM (
    SELECT origin, d,
      CASE WHEN start_date > f THEN CAST(substr(start_date, 9) AS INTEGER) ELSE 1 END AS s,
      CASE WHEN actual_end IS NOT NULL AND actual_end <= l THEN CAST(substr(actual_end, 9) AS INTEGER) - 1 ELSE d END AS e
    FROM (SELECT OLD.month || '-01' AS f, date(OLD.month || '-01', '+1 months', '-1 days') AS l, CAST(strftime('%d', OLD.month || '-01', '+1 months', '-1 days') AS INTEGER) AS d)
    JOIN cadre_postings ON cadre_id = OLD.cadre_id AND deleted_at IS NULL AND start_date <= l AND (actual_end IS NULL OR actual_end > f)
  ) WHERE e >= s)
    UNION ALL SELECT OLD.month, origin, posted, 0, 1 FROM (SELECT origin, e - s + 1 AS posted, d FROM (
    SELECT origin, d,
      CASE WHEN start_date > f THEN CAST(substr(start_date, 9) AS INTEGER) ELSE 1 END AS s,
      CASE WHEN actual_end IS NOT NULL AND actual_end <= l THEN CAST(substr(actual_end, 9) AS INTEGER) - 1 ELSE d END AS e
    FROM (SELECT OLD.month || '-01' AS f, date(OLD.month || '-01', '+1 months', '-1 days') AS l, CAST(strftime('%d', OLD.month || '-01', '+1 months', '-1 days') AS INTEGER) AS d)
    JOIN cadre_postings ON cadre_id = OLD.cadre_id AND deleted_at IS NULL AND start_date <= l AND (actual_end IS NULL OR actual_end > f)
  ) WHERE e >= s) WHERE posted < d) WHERE true
    ON CONFLICT (month, origin, posted, days) DO UPDATE SET n = n + excluded.n;
  INSERT INTO attendance_pairs (month, origin, posted, days, n) SELECT month, origin, posted, days, n FROM (SELECT NEW.month AS month, origin, posted, NEW.days AS days, 1 AS n FROM (SELECT origin, e - s + 1 AS posted, d FROM (
    SELECT origin, d,
      CASE WHEN start_date > f THEN CAST(substr(start_date, 9) AS INTEGER) ELSE 1 END AS s,
      CASE WHEN actual_end IS NOT NULL AND actual_end <= l THEN CAST(substr(actual_end, 9) AS INTEGER) - 1 ELSE d END AS e
    FROM (SELECT NEW.month || '-01' AS f, date(NEW.month || '-01', '+1 months', '-1 days') AS l, CAST(strftime('%d', NEW.month || '-01', '+1 months', '-1 days') AS INTEGER) AS d)
    JOIN cadre_postings ON cadre_id = NEW.cadre_id AND deleted_at IS NULL AND start_date <= l AND (actual_end IS NULL OR actual_end > f)
  ) WHERE e >= s)
    UNION ALL SELECT NEW.month, origin, posted, 0, -1 FROM (SELECT origin, e - s + 1 AS posted, d FROM (
    SELECT origin, d,
      CASE WHEN start_date > f THEN CAST(substr(start_date, 9) AS INTEGER) ELSE 1 END AS s,
      CASE WHEN actual_end IS NOT NULL AND actual_end <= l THEN CAST(substr(actual_end, 9) AS INTEGER) - 1 ELSE d END AS e
    FROM (SELECT NEW.month || '-01' AS f, date(NEW.month || '-01', '+1 months', '-1 days') AS l, CAST(strftime('%d', NEW.month || '-01', '+1 months', '-1 days') AS INTEGER) AS d)
    JOIN cadre_postings ON cadre_id = NEW.cadre_id AND deleted_at IS NULL AND start_date <= l AND (actual_end IS NULL OR actual_end > f)
  ) WHERE e >= s) WHERE posted < d) WHERE true
    ON CONFLICT (month, origin, posted, days) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER attendance_days_update AFTER UPDATE OF days ON work_log_month_days
WHEN OLD.cadre_id = NEW.cadre_id AND OLD.month = NEW.month BEGIN
  INSERT INTO attendance_pairs (month, origin, posted, days, n) SELECT month, origin, posted, days, n FROM (SELECT NEW.month AS month, origin, posted, CASE WHEN k < 0 THEN OLD.days ELSE NEW.days END AS days, k AS n
    FROM (SELECT origin, e - s + 1 AS posted, d FROM (
    SELECT origin, d,
      CASE WHEN start_date > f THEN CAST(substr(start_date, 9) AS INTEGER) ELSE 1 END AS s,
      CASE WHEN actual_end IS NOT NULL AND actual_end <= l THEN CAST(substr(actual_end, 9) AS INTEGER) - 1 ELSE d END AS e
    FROM (SELECT NEW.month || '-01' AS f, date(NEW.month || '-01', '+1 months', '-1 days') AS l, CAST(strftime('%d', NEW.month || '-01', '+1 months', '-1 days') AS INTEGER) AS d)
    JOIN cadre_postings ON cadre_id = NEW.cadre_id AND deleted_at IS NULL AND start_date <= l AND (actual_end IS NULL OR actual_end > f)
  ) WHERE e >= s) JOIN (SELECT -1 AS k UNION ALL SELECT 1)) WHERE true
    ON CONFLICT (month, origin, posted, days) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER attendance_posting_delete AFTER DELETE ON cadre_postings WHEN OLD.deleted_at IS NULL BEGIN
  INSERT INTO attendance_pairs (month, origin, posted, days, n) SELECT month, origin, posted, days, n FROM (SELECT month, origin, posted, days, -1 AS n FROM (SELECT x.month, x.origin, x.posted, ifnull(w.days, 0) AS days FROM (
    SELECT cadre_id, origin, sm AS month, CASE WHEN em = sm THEN ed - 1 ELSE sdim END - sd + 1 AS posted FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT OLD.cadre_id AS cadre_id, OLD.origin AS origin, OLD.start_date AS start_date, OLD.actual_end AS actual_end WHERE OLD.deleted_at IS NULL)) WHERE sd > 1
    UNION ALL
    SELECT cadre_id, origin, em, ed - 1 FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT OLD.cadre_id AS cadre_id, OLD.origin AS origin, OLD.start_date AS start_date, OLD.actual_end AS actual_end WHERE OLD.deleted_at IS NULL)) WHERE ed > 1 AND (em > sm OR sd = 1)
  ) x LEFT JOIN work_log_month_days w ON w.cadre_id = x.cadre_id AND w.month = x.month
  WHERE x.posted >= 1
  UNION ALL
  SELECT w.month, p.origin, CAST(strftime('%d', w.month || '-01', '+1 months', '-1 days') AS INTEGER), w.days FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT OLD.cadre_id AS cadre_id, OLD.origin AS origin, OLD.start_date AS start_date, OLD.actual_end AS actual_end WHERE OLD.deleted_at IS NULL)) p
    JOIN work_log_month_days w ON w.cadre_id = p.cadre_id AND w.month >= p.fw AND (p.actual_end IS NULL OR w.month < p.em))) WHERE true
    ON CONFLICT (month, origin, posted, days) DO UPDATE SET n = n + excluded.n;
  INSERT INTO attendance_whole (month, origin, n) SELECT month, origin, n FROM (SELECT month, origin, n * -1 AS n FROM (SELECT fw AS month, origin, 1 AS n FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT OLD.cadre_id AS cadre_id, OLD.origin AS origin, OLD.start_date AS start_date, OLD.actual_end AS actual_end WHERE OLD.deleted_at IS NULL)) WHERE actual_end IS NULL OR fw < em
  UNION ALL SELECT em, origin, -1 FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT OLD.cadre_id AS cadre_id, OLD.origin AS origin, OLD.start_date AS start_date, OLD.actual_end AS actual_end WHERE OLD.deleted_at IS NULL)) WHERE actual_end IS NOT NULL AND fw < em)) WHERE true
    ON CONFLICT (month, origin) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER attendance_posting_insert AFTER INSERT ON cadre_postings WHEN NEW.deleted_at IS NULL BEGIN
  INSERT INTO attendance_pairs (month, origin, posted, days, n) SELECT month, origin, posted, days, n FROM (SELECT month, origin, posted, days, 1 AS n FROM (SELECT x.month, x.origin, x.posted, ifnull(w.days, 0) AS days FROM (
    SELECT cadre_id, origin, sm AS month, CASE WHEN em = sm THEN ed - 1 ELSE sdim END - sd + 1 AS posted FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT NEW.cadre_id AS cadre_id, NEW.origin AS origin, NEW.start_date AS start_date, NEW.actual_end AS actual_end WHERE NEW.deleted_at IS NULL)) WHERE sd > 1
    UNION ALL
    SELECT cadre_id, origin, em, ed - 1 FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT NEW.cadre_id AS cadre_id, NEW.origin AS origin, NEW.start_date AS start_date, NEW.actual_end AS actual_end WHERE NEW.deleted_at IS NULL)) WHERE ed > 1 AND (em > sm OR sd = 1)
  ) x LEFT JOIN work_log_month_days w ON w.cadre_id = x.cadre_id AND w.month = x.month
  WHERE x.posted >= 1
  UNION ALL
  SELECT w.month, p.origin, CAST(strftime('%d', w.month || '-01', '+1 months', '-1 days') AS INTEGER), w.days FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT NEW.cadre_id AS cadre_id, NEW.origin AS origin, NEW.start_date AS start_date, NEW.actual_end AS actual_end WHERE NEW.deleted_at IS NULL)) p
    JOIN work_log_month_days w ON w.cadre_id = p.cadre_id AND w.month >= p.fw AND (p.actual_end IS NULL OR w.month < p.em))) WHERE true
    ON CONFLICT (month, origin, posted, days) DO UPDATE SET n = n + excluded.n;
  INSERT INTO attendance_whole (month, origin, n) SELECT month, origin, n FROM (SELECT month, origin, n * 1 AS n FROM (SELECT fw AS month, origin, 1 AS n FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT NEW.cadre_id AS cadre_id, NEW.origin AS origin, NEW.start_date AS start_date, NEW.actual_end AS actual_end WHERE NEW.deleted_at IS NULL)) WHERE actual_end IS NULL OR fw < em
  UNION ALL SELECT em, origin, -1 FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT NEW.cadre_id AS cadre_id, NEW.origin AS origin, NEW.start_date AS start_date, NEW.actual_end AS actual_end WHERE NEW.deleted_at IS NULL)) WHERE actual_end IS NOT NULL AND fw < em)) WHERE true
    ON CONFLICT (month, origin) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER attendance_posting_update AFTER UPDATE OF cadre_id, origin, start_date, actual_end, deleted_at ON cadre_postings
WHEN OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL BEGIN
  INSERT INTO attendance_pairs (month, origin, posted, days, n) SELECT month, origin, posted, days, n FROM (SELECT month, origin, posted, days, -1 AS n FROM (SELECT x.month, x.origin, x.posted, ifnull(w.days, 0) AS days FROM (
    SELECT cadre_id, origin, sm AS month, CASE WHEN em = sm THEN ed - 1 ELSE sdim END - sd + 1 AS posted FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT OLD.cadre_id AS cadre_id, OLD.origin AS origin, OLD.start_date AS start_date, OLD.actual_end AS actual_end WHERE OLD.deleted_at IS NULL)) WHERE sd > 1
    UNION ALL
    SELECT cadre_id, origin, em, ed - 1 FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT OLD.cadre_id AS cadre_id, OLD.origin AS origin, OLD.start_date AS start_date, OLD.actual_end AS actual_end WHERE OLD.deleted_at IS NULL)) WHERE ed > 1 AND (em > sm OR sd = 1)
  ) x LEFT JOIN work_log_month_days w ON w.cadre_id = x.cadre_id AND w.month = x.month
  WHERE x.posted >= 1
  UNION ALL
  SELECT w.month, p.origin, CAST(strftime('%d', w.month || '-01', '+1 months', '-1 days') AS INTEGER), w.days FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT OLD.cadre_id AS cadre_id, OLD.origin AS origin, OLD.start_date AS start_date, OLD.actual_end AS actual_end WHERE OLD.deleted_at IS NULL)) p
    JOIN work_log_month_days w ON w.cadre_id = p.cadre_id AND w.month >= p.fw AND (p.actual_end IS NULL OR w.month < p.em))) WHERE true
    ON CONFLICT (month, origin, posted, days) DO UPDATE SET n = n + excluded.n;
  INSERT INTO attendance_whole (month, origin, n) SELECT month, origin, n FROM (SELECT month, origin, n * -1 AS n FROM (SELECT fw AS month, origin, 1 AS n FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT OLD.cadre_id AS cadre_id, OLD.origin AS origin, OLD.start_date AS start_date, OLD.actual_end AS actual_end WHERE OLD.deleted_at IS NULL)) WHERE actual_end IS NULL OR fw < em
  UNION ALL SELECT em, origin, -1 FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT OLD.cadre_id AS cadre_id, OLD.origin AS origin, OLD.start_date AS start_date, OLD.actual_end AS actual_end WHERE OLD.deleted_at IS NULL)) WHERE actual_end IS NOT NULL AND fw < em)) WHERE true
    ON CONFLICT (month, origin) DO UPDATE SET n = n + excluded.n;
  INSERT INTO attendance_pairs (month, origin, posted, days, n) SELECT month, origin, posted, days, n FROM (SELECT month, origin, posted, days, 1 AS n FROM (SELECT x.month, x.origin, x.posted, ifnull(w.days, 0) AS days FROM (
    SELECT cadre_id, origin, sm AS month, CASE WHEN em = sm THEN ed - 1 ELSE sdim END - sd + 1 AS posted FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT NEW.cadre_id AS cadre_id, NEW.origin AS origin, NEW.start_date AS start_date, NEW.actual_end AS actual_end WHERE NEW.deleted_at IS NULL)) WHERE sd > 1
    UNION ALL
    SELECT cadre_id, origin, em, ed - 1 FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT NEW.cadre_id AS cadre_id, NEW.origin AS origin, NEW.start_date AS start_date, NEW.actual_end AS actual_end WHERE NEW.deleted_at IS NULL)) WHERE ed > 1 AND (em > sm OR sd = 1)
  ) x LEFT JOIN work_log_month_days w ON w.cadre_id = x.cadre_id AND w.month = x.month
  WHERE x.posted >= 1
  UNION ALL
  SELECT w.month, p.origin, CAST(strftime('%d', w.month || '-01', '+1 months', '-1 days') AS INTEGER), w.days FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT NEW.cadre_id AS cadre_id, NEW.origin AS origin, NEW.start_date AS start_date, NEW.actual_end AS actual_end WHERE NEW.deleted_at IS NULL)) p
    JOIN work_log_month_days w ON w.cadre_id = p.cadre_id AND w.month >= p.fw AND (p.actual_end IS NULL OR w.month < p.em))) WHERE true
    ON CONFLICT (month, origin, posted, days) DO UPDATE SET n = n + excluded.n;
  INSERT INTO attendance_whole (month, origin, n) SELECT month, origin, n FROM (SELECT month, origin, n * 1 AS n FROM (SELECT fw AS month, origin, 1 AS n FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT NEW.cadre_id AS cadre_id, NEW.origin AS origin, NEW.start_date AS start_date, NEW.actual_end AS actual_end WHERE NEW.deleted_at IS NULL)) WHERE actual_end IS NULL OR fw < em
  UNION ALL SELECT em, origin, -1 FROM (SELECT cadre_id, origin, start_date, actual_end,
    substr(start_date, 1, 7) AS sm, CAST(substr(start_date, 9) AS INTEGER) AS sd,
    substr(actual_end, 1, 7) AS em, CAST(substr(actual_end, 9) AS INTEGER) AS ed,
    CAST(strftime('%d', substr(start_date, 1, 7) || '-01', '+1 months', '-1 days') AS INTEGER) AS sdim,
    CASE WHEN substr(start_date, 9) = '01' THEN substr(start_date, 1, 7) ELSE strftime('%Y-%m', start_date, 'start of month', '+1 months') END AS fw
  FROM (SELECT NEW.cadre_id AS cadre_id, NEW.origin AS origin, NEW.start_date AS start_date, NEW.actual_end AS actual_end WHERE NEW.deleted_at IS NULL)) WHERE actual_end IS NOT NULL AND fw < em)) WHERE true
    ON CONFLICT (month, origin) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER cadre_post_counts_cadre_delete AFTER DELETE ON cadres BEGIN
  INSERT INTO cadre_post_starts (day, origin, role, young, n)
    SELECT start_date, origin, role, ifnull(start_date < date(birth, '+35 years'), 0), -1 FROM (SELECT start_date, actual_end, status, role, origin,
    1 AS has, OLD.unit_level AS lvl, OLD.birth_date AS birth
    FROM cadre_postings WHERE cadre_id = OLD.id AND deleted_at IS NULL) WHERE true
    ON CONFLICT (origin, day, role, young) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_spans (day, origin, role, cadre, unit_level, n)
    SELECT day, origin, role, has, lvl, n FROM (
      SELECT start_date AS day, origin, role, has, lvl, -1 AS n FROM (SELECT start_date, actual_end, status, role, origin,
    1 AS has, OLD.unit_level AS lvl, OLD.birth_date AS birth
    FROM cadre_postings WHERE cadre_id = OLD.id AND deleted_at IS NULL) WHERE actual_end IS NOT NULL OR status = '在岗'
      UNION ALL SELECT actual_end, origin, role, has, lvl, 1 FROM (SELECT start_date, actual_end, status, role, origin,
    1 AS has, OLD.unit_level AS lvl, OLD.birth_date AS birth
    FROM cadre_postings WHERE cadre_id = OLD.id AND deleted_at IS NULL) WHERE actual_end IS NOT NULL
    ) WHERE true
    ON CONFLICT (origin, day, role, cadre, unit_level) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_starts (day, origin, role, young, n)
    SELECT start_date, origin, role, ifnull(start_date < date(birth, '+35 years'), 0), 1 FROM (SELECT start_date, actual_end, status, role, origin,
    0 AS has, '' AS lvl, NULL AS birth
    FROM cadre_postings WHERE cadre_id = OLD.id AND deleted_at IS NULL) WHERE true
    ON CONFLICT (origin, day, role, young) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_spans (day, origin, role, cadre, unit_level, n)
    SELECT day, origin, role, has, lvl, n FROM (
      SELECT start_date AS day, origin, role, has, lvl, 1 AS n FROM (SELECT start_date, actual_end, status, role, origin,
    0 AS has, '' AS lvl, NULL AS birth
    FROM cadre_postings WHERE cadre_id = OLD.id AND deleted_at IS NULL) WHERE actual_end IS NOT NULL OR status = '在岗'
      UNION ALL SELECT actual_end, origin, role, has, lvl, -1 FROM (SELECT start_date, actual_end, status, role, origin,
    0 AS has, '' AS lvl, NULL AS birth
    FROM cadre_postings WHERE cadre_id = OLD.id AND deleted_at IS NULL) WHERE actual_end IS NOT NULL
    ) WHERE true
    ON CONFLICT (origin, day, role, cadre, unit_level) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER cadre_post_counts_cadre_insert AFTER INSERT ON cadres BEGIN
  INSERT INTO cadre_post_starts (day, origin, role, young, n)
    SELECT start_date, origin, role, ifnull(start_date < date(birth, '+35 years'), 0), -1 FROM (SELECT start_date, actual_end, status, role, origin,
    0 AS has, '' AS lvl, NULL AS birth
    FROM cadre_postings WHERE cadre_id = NEW.id AND deleted_at IS NULL) WHERE true
    ON CONFLICT (origin, day, role, young) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_spans (day, origin, role, cadre, unit_level, n)
    SELECT day, origin, role, has, lvl, n FROM (
      SELECT start_date AS day, origin, role, has, lvl, -1 AS n FROM (SELECT start_date, actual_end, status, role, origin,
    0 AS has, '' AS lvl, NULL AS birth
    FROM cadre_postings WHERE cadre_id = NEW.id AND deleted_at IS NULL) WHERE actual_end IS NOT NULL OR status = '在岗'
      UNION ALL SELECT actual_end, origin, role, has, lvl, 1 FROM (SELECT start_date, actual_end, status, role, origin,
    0 AS has, '' AS lvl, NULL AS birth
    FROM cadre_postings WHERE cadre_id = NEW.id AND deleted_at IS NULL) WHERE actual_end IS NOT NULL
    ) WHERE true
    ON CONFLICT (origin, day, role, cadre, unit_level) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_starts (day, origin, role, young, n)
    SELECT start_date, origin, role, ifnull(start_date < date(birth, '+35 years'), 0), 1 FROM (SELECT start_date, actual_end, status, role, origin,
    1 AS has, NEW.unit_level AS lvl, NEW.birth_date AS birth
    FROM cadre_postings WHERE cadre_id = NEW.id AND deleted_at IS NULL) WHERE true
    ON CONFLICT (origin, day, role, young) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_spans (day, origin, role, cadre, unit_level, n)
    SELECT day, origin, role, has, lvl, n FROM (
      SELECT start_date AS day, origin, role, has, lvl, 1 AS n FROM (SELECT start_date, actual_end, status, role, origin,
    1 AS has, NEW.unit_level AS lvl, NEW.birth_date AS birth
    FROM cadre_postings WHERE cadre_id = NEW.id AND deleted_at IS NULL) WHERE actual_end IS NOT NULL OR status = '在岗'
      UNION ALL SELECT actual_end, origin, role, has, lvl, -1 FROM (SELECT start_date, actual_end, status, role, origin,
    1 AS has, NEW.unit_level AS lvl, NEW.birth_date AS birth
    FROM cadre_postings WHERE cadre_id = NEW.id AND deleted_at IS NULL) WHERE actual_end IS NOT NULL
    ) WHERE true
    ON CONFLICT (origin, day, role, cadre, unit_level) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER cadre_post_counts_cadre_update AFTER UPDATE OF id, birth_date, unit_level ON cadres
WHEN OLD.id IS NOT NEW.id OR OLD.birth_date IS NOT NEW.birth_date OR OLD.unit_level IS NOT NEW.unit_level BEGIN
  INSERT INTO cadre_post_starts (day, origin, role, young, n)
    SELECT start_date, origin, role, ifnull(start_date < date(birth, '+35 years'), 0), -1 FROM (SELECT start_date, actual_end, status, role, origin,
    1 AS has, OLD.unit_level AS lvl, OLD.birth_date AS birth
    FROM cadre_postings WHERE cadre_id = OLD.id AND deleted_at IS NULL) WHERE true
    ON CONFLICT (origin, day, role, young) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_spans (day, origin, role, cadre, unit_level, n)
    SELECT day, origin, role, has, lvl, n FROM (
      SELECT start_date AS day, origin, role, has, lvl, -1 AS n FROM (SELECT start_date, actual_end, status, role, origin,
    1 AS has, OLD.unit_level AS lvl, OLD.birth_date AS birth
    FROM cadre_postings WHERE cadre_id = OLD.id AND deleted_at IS NULL) WHERE actual_end IS NOT NULL OR status = '在岗'
      UNION ALL SELECT actual_end, origin, role, has, lvl, 1 FROM (SELECT start_date, actual_end, status, role, origin,
    1 AS has, OLD.unit_level AS lvl, OLD.birth_date AS birth
    FROM cadre_postings WHERE cadre_id = OLD.id AND deleted_at IS NULL) WHERE actual_end IS NOT NULL
    ) WHERE true
    ON CONFLICT (origin, day, role, cadre, unit_level) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_starts (day, origin, role, young, n)
    SELECT start_date, origin, role, ifnull(start_date < date(birth, '+35 years'), 0), 1 FROM (SELECT start_date, actual_end, status, role, origin,
    0 AS has, '' AS lvl, NULL AS birth
    FROM cadre_postings WHERE cadre_id = OLD.id AND deleted_at IS NULL) WHERE true
    ON CONFLICT (origin, day, role, young) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_spans (day, origin, role, cadre, unit_level, n)
    SELECT day, origin, role, has, lvl, n FROM (
      SELECT start_date AS day, origin, role, has, lvl, 1 AS n FROM (SELECT start_date, actual_end, status, role, origin,
    0 AS has, '' AS lvl, NULL AS birth
    FROM cadre_postings WHERE cadre_id = OLD.id AND deleted_at IS NULL) WHERE actual_end IS NOT NULL OR status = '在岗'
      UNION ALL SELECT actual_end, origin, role, has, lvl, -1 FROM (SELECT start_date, actual_end, status, role, origin,
    0 AS has, '' AS lvl, NULL AS birth
    FROM cadre_postings WHERE cadre_id = OLD.id AND deleted_at IS NULL) WHERE actual_end IS NOT NULL
    ) WHERE true
    ON CONFLICT (origin, day, role, cadre, unit_level) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_starts (day, origin, role, young, n)
    SELECT start_date, origin, role, ifnull(start_date < date(birth, '+35 years'), 0), -1 FROM (SELECT start_date, actual_end, status, role, origin,
    0 AS has, '' AS lvl, NULL AS birth
    FROM cadre_postings WHERE cadre_id = NEW.id AND deleted_at IS NULL) WHERE true
    ON CONFLICT (origin, day, role, young) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_spans (day, origin, role, cadre, unit_level, n)
    SELECT day, origin, role, has, lvl, n FROM (
      SELECT start_date AS day, origin, role, has, lvl, -1 AS n FROM (SELECT start_date, actual_end, status, role, origin,
    0 AS has, '' AS lvl, NULL AS birth
    FROM cadre_postings WHERE cadre_id = NEW.id AND deleted_at IS NULL) WHERE actual_end IS NOT NULL OR status = '在岗'
      UNION ALL SELECT actual_end, origin, role, has, lvl, 1 FROM (SELECT start_date, actual_end, status, role, origin,
    0 AS has, '' AS lvl, NULL AS birth
    FROM cadre_postings WHERE cadre_id = NEW.id AND deleted_at IS NULL) WHERE actual_end IS NOT NULL
    ) WHERE true
    ON CONFLICT (origin, day, role, cadre, unit_level) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_starts (day, origin, role, young, n)
    SELECT start_date, origin, role, ifnull(start_date < date(birth, '+35 years'), 0), 1 FROM (SELECT start_date, actual_end, status, role, origin,
    1 AS has, NEW.unit_level AS lvl, NEW.birth_date AS birth
    FROM cadre_postings WHERE cadre_id = NEW.id AND deleted_at IS NULL) WHERE true
    ON CONFLICT (origin, day, role, young) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_spans (day, origin, role, cadre, unit_level, n)
    SELECT day, origin, role, has, lvl, n FROM (
      SELECT start_date AS day, origin, role, has, lvl, 1 AS n FROM (SELECT start_date, actual_end, status, role, origin,
    1 AS has, NEW.unit_level AS lvl, NEW.birth_date AS birth
    FROM cadre_postings WHERE cadre_id = NEW.id AND deleted_at IS NULL) WHERE actual_end IS NOT NULL OR status = '在岗'
      UNION ALL SELECT actual_end, origin, role, has, lvl, -1 FROM (SELECT start_date, actual_end, status, role, origin,
    1 AS has, NEW.unit_level AS lvl, NEW.birth_date AS birth
    FROM cadre_postings WHERE cadre_id = NEW.id AND deleted_at IS NULL) WHERE actual_end IS NOT NULL
    ) WHERE true
    ON CONFLICT (origin, day, role, cadre, unit_level) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER cadre_post_counts_delete AFTER DELETE ON cadre_postings WHEN OLD.deleted_at IS NULL BEGIN
  INSERT INTO cadre_post_starts (day, origin, role, young, n)
    SELECT start_date, origin, role, ifnull(start_date < date(birth, '+35 years'), 0), -1 FROM (SELECT OLD.start_date AS start_date, OLD.actual_end AS actual_end, OLD.status AS status, OLD.role AS role,
    OLD.origin AS origin, c.id IS NOT NULL AS has, ifnull(c.unit_level, '') AS lvl, c.birth_date AS birth
    FROM (SELECT 1) LEFT JOIN cadres c ON c.id = OLD.cadre_id WHERE OLD.deleted_at IS NULL) WHERE true
    ON CONFLICT (origin, day, role, young) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_spans (day, origin, role, cadre, unit_level, n)
    SELECT day, origin, role, has, lvl, n FROM (
      SELECT start_date AS day, origin, role, has, lvl, -1 AS n FROM (SELECT OLD.start_date AS start_date, OLD.actual_end AS actual_end, OLD.status AS status, OLD.role AS role,
    OLD.origin AS origin, c.id IS NOT NULL AS has, ifnull(c.unit_level, '') AS lvl, c.birth_date AS birth
    FROM (SELECT 1) LEFT JOIN cadres c ON c.id = OLD.cadre_id WHERE OLD.deleted_at IS NULL) WHERE actual_end IS NOT NULL OR status = '在岗'
      UNION ALL SELECT actual_end, origin, role, has, lvl, 1 FROM (SELECT OLD.start_date AS start_date, OLD.actual_end AS actual_end, OLD.status AS status, OLD.role AS role,
    OLD.origin AS origin, c.id IS NOT NULL AS has, ifnull(c.unit_level, '') AS lvl, c.birth_date AS birth
    FROM (SELECT 1) LEFT JOIN cadres c ON c.id = OLD.cadre_id WHERE OLD.deleted_at IS NULL) WHERE actual_end IS NOT NULL
    ) WHERE true
    ON CONFLICT (origin, day, role, cadre, unit_level) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER cadre_post_counts_insert AFTER INSERT ON cadre_postings WHEN NEW.deleted_at IS NULL BEGIN
  INSERT INTO cadre_post_starts (day, origin, role, young, n)
    SELECT start_date, origin, role, ifnull(start_date < date(birth, '+35 years'), 0), 1 FROM (SELECT NEW.start_date AS start_date, NEW.actual_end AS actual_end, NEW.status AS status, NEW.role AS role,
    NEW.origin AS origin, c.id IS NOT NULL AS has, ifnull(c.unit_level, '') AS lvl, c.birth_date AS birth
    FROM (SELECT 1) LEFT JOIN cadres c ON c.id = NEW.cadre_id WHERE NEW.deleted_at IS NULL) WHERE true
    ON CONFLICT (origin, day, role, young) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_spans (day, origin, role, cadre, unit_level, n)
    SELECT day, origin, role, has, lvl, n FROM (
      SELECT start_date AS day, origin, role, has, lvl, 1 AS n FROM (SELECT NEW.start_date AS start_date, NEW.actual_end AS actual_end, NEW.status AS status, NEW.role AS role,
    NEW.origin AS origin, c.id IS NOT NULL AS has, ifnull(c.unit_level, '') AS lvl, c.birth_date AS birth
    FROM (SELECT 1) LEFT JOIN cadres c ON c.id = NEW.cadre_id WHERE NEW.deleted_at IS NULL) WHERE actual_end IS NOT NULL OR status = '在岗'
      UNION ALL SELECT actual_end, origin, role, has, lvl, -1 FROM (SELECT NEW.start_date AS start_date, NEW.actual_end AS actual_end, NEW.status AS status, NEW.role AS role,
    NEW.origin AS origin, c.id IS NOT NULL AS has, ifnull(c.unit_level, '') AS lvl, c.birth_date AS birth
    FROM (SELECT 1) LEFT JOIN cadres c ON c.id = NEW.cadre_id WHERE NEW.deleted_at IS NULL) WHERE actual_end IS NOT NULL
    ) WHERE true
    ON CONFLICT (origin, day, role, cadre, unit_level) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER cadre_post_counts_update AFTER UPDATE OF cadre_id, origin, role, start_date, actual_end, status, deleted_at ON cadre_postings
WHEN OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL BEGIN
  INSERT INTO cadre_post_starts (day, origin, role, young, n)
    SELECT start_date, origin, role, ifnull(start_date < date(birth, '+35 years'), 0), -1 FROM (SELECT OLD.start_date AS start_date, OLD.actual_end AS actual_end, OLD.status AS status, OLD.role AS role,
    OLD.origin AS origin, c.id IS NOT NULL AS has, ifnull(c.unit_level, '') AS lvl, c.birth_date AS birth
    FROM (SELECT 1) LEFT JOIN cadres c ON c.id = OLD.cadre_id WHERE OLD.deleted_at IS NULL) WHERE true
    ON CONFLICT (origin, day, role, young) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_spans (day, origin, role, cadre, unit_level, n)
    SELECT day, origin, role, has, lvl, n FROM (
      SELECT start_date AS day, origin, role, has, lvl, -1 AS n FROM (SELECT OLD.start_date AS start_date, OLD.actual_end AS actual_end, OLD.status AS status, OLD.role AS role,
    OLD.origin AS origin, c.id IS NOT NULL AS has, ifnull(c.unit_level, '') AS lvl, c.birth_date AS birth
    FROM (SELECT 1) LEFT JOIN cadres c ON c.id = OLD.cadre_id WHERE OLD.deleted_at IS NULL) WHERE actual_end IS NOT NULL OR status = '在岗'
      UNION ALL SELECT actual_end, origin, role, has, lvl, 1 FROM (SELECT OLD.start_date AS start_date, OLD.actual_end AS actual_end, OLD.status AS status, OLD.role AS role,
    OLD.origin AS origin, c.id IS NOT NULL AS has, ifnull(c.unit_level, '') AS lvl, c.birth_date AS birth
    FROM (SELECT 1) LEFT JOIN cadres c ON c.id = OLD.cadre_id WHERE OLD.deleted_at IS NULL) WHERE actual_end IS NOT NULL
    ) WHERE true
    ON CONFLICT (origin, day, role, cadre, unit_level) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_starts (day, origin, role, young, n)
    SELECT start_date, origin, role, ifnull(start_date < date(birth, '+35 years'), 0), 1 FROM (SELECT NEW.start_date AS start_date, NEW.actual_end AS actual_end, NEW.status AS status, NEW.role AS role,
    NEW.origin AS origin, c.id IS NOT NULL AS has, ifnull(c.unit_level, '') AS lvl, c.birth_date AS birth
    FROM (SELECT 1) LEFT JOIN cadres c ON c.id = NEW.cadre_id WHERE NEW.deleted_at IS NULL) WHERE true
    ON CONFLICT (origin, day, role, young) DO UPDATE SET n = n + excluded.n;
  INSERT INTO cadre_post_spans (day, origin, role, cadre, unit_level, n)
    SELECT day, origin, role, has, lvl, n FROM (
      SELECT start_date AS day, origin, role, has, lvl, 1 AS n FROM (SELECT NEW.start_date AS start_date, NEW.actual_end AS actual_end, NEW.status AS status, NEW.role AS role,
    NEW.origin AS origin, c.id IS NOT NULL AS has, ifnull(c.unit_level, '') AS lvl, c.birth_date AS birth
    FROM (SELECT 1) LEFT JOIN cadres c ON c.id = NEW.cadre_id WHERE NEW.deleted_at IS NULL) WHERE actual_end IS NOT NULL OR status = '在岗'
      UNION ALL SELECT actual_end, origin, role, has, lvl, -1 FROM (SELECT NEW.start_date AS start_date, NEW.actual_end AS actual_end, NEW.status AS status, NEW.role AS role,
    NEW.origin AS origin, c.id IS NOT NULL AS has, ifnull(c.unit_level, '') AS lvl, c.birth_date AS birth
    FROM (SELECT 1) LEFT JOIN cadres c ON c.id = NEW.cadre_id WHERE NEW.deleted_at IS NULL) WHERE actual_end IS NOT NULL
    ) WHERE true
    ON CONFLICT (origin, day, role, cadre, unit_level) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER cadres_shared_id_delete AFTER DELETE ON cadres WHEN OLD.deleted_at IS NULL BEGIN
  DELETE FROM shared_id_numbers WHERE id_number = OLD.id_number AND (SELECT count(*) FROM cadres WHERE id_number = OLD.id_number AND deleted_at IS NULL)
      + (SELECT count(*) FROM floating_members WHERE id_number = OLD.id_number AND deleted_at IS NULL) < 2;
END;

CREATE TRIGGER cadres_shared_id_insert AFTER INSERT ON cadres WHEN NEW.deleted_at IS NULL BEGIN
  INSERT INTO shared_id_numbers (id_number) SELECT NEW.id_number WHERE (SELECT count(*) FROM cadres WHERE id_number = NEW.id_number AND deleted_at IS NULL)
      + (SELECT count(*) FROM floating_members WHERE id_number = NEW.id_number AND deleted_at IS NULL) > 1
    ON CONFLICT (id_number) DO NOTHING;
END;

CREATE TRIGGER cadres_shared_id_update AFTER UPDATE OF id_number, deleted_at ON cadres
WHEN OLD.id_number IS NOT NEW.id_number OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN
  DELETE FROM shared_id_numbers WHERE id_number = OLD.id_number AND (SELECT count(*) FROM cadres WHERE id_number = OLD.id_number AND deleted_at IS NULL)
      + (SELECT count(*) FROM floating_members WHERE id_number = OLD.id_number AND deleted_at IS NULL) < 2;
  INSERT INTO shared_id_numbers (id_number) SELECT NEW.id_number WHERE (SELECT count(*) FROM cadres WHERE id_number = NEW.id_number AND deleted_at IS NULL)
      + (SELECT count(*) FROM floating_members WHERE id_number = NEW.id_number AND deleted_at IS NULL) > 1
    ON CONFLICT (id_number) DO NOTHING;
END;

CREATE TRIGGER contact_record_days_delete AFTER DELETE ON contact_records WHEN OLD.deleted_at IS NULL BEGIN
  UPDATE contact_record_days SET n = n - 1 WHERE OLD.deleted_at IS NULL AND day = OLD.contact_date AND origin = OLD.origin
    AND EXISTS (SELECT 1 FROM floating_members m WHERE m.id = OLD.member_id AND m.deleted_at IS NULL);
END;

CREATE TRIGGER contact_record_days_insert AFTER INSERT ON contact_records WHEN NEW.deleted_at IS NULL BEGIN
  INSERT INTO contact_record_days (day, origin, n)
    SELECT NEW.contact_date, NEW.origin, 1 WHERE NEW.deleted_at IS NULL
      AND EXISTS (SELECT 1 FROM floating_members m WHERE m.id = NEW.member_id AND m.deleted_at IS NULL)
    ON CONFLICT (day, origin) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER contact_record_days_member_delete AFTER DELETE ON floating_members WHEN OLD.deleted_at IS NULL BEGIN
  UPDATE contact_record_days SET n = n - (SELECT count(*) FROM contact_records c
      WHERE c.member_id = OLD.id AND c.deleted_at IS NULL AND c.contact_date = contact_record_days.day AND c.origin = contact_record_days.origin)
    WHERE OLD.deleted_at IS NULL AND (day, origin) IN (SELECT contact_date, origin FROM contact_records WHERE member_id = OLD.id AND deleted_at IS NULL);
END;

CREATE TRIGGER contact_record_days_member_insert AFTER INSERT ON floating_members WHEN NEW.deleted_at IS NULL BEGIN
  INSERT INTO contact_record_days (day, origin, n)
    SELECT contact_date, origin, count(*) FROM contact_records WHERE member_id = NEW.id AND deleted_at IS NULL GROUP BY contact_date, origin
    ON CONFLICT (day, origin) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER contact_record_days_member_update AFTER UPDATE OF id, deleted_at ON floating_members
WHEN OLD.id IS NOT NEW.id OR (OLD.deleted_at IS NULL) IS NOT (NEW.deleted_at IS NULL) BEGIN
  UPDATE contact_record_days SET n = n - (SELECT count(*) FROM contact_records c
      WHERE c.member_id = OLD.id AND c.deleted_at IS NULL AND c.contact_date = contact_record_days.day AND c.origin = contact_record_days.origin)
    WHERE OLD.deleted_at IS NULL AND (day, origin) IN (SELECT contact_date, origin FROM contact_records WHERE member_id = OLD.id AND deleted_at IS NULL);
  INSERT INTO contact_record_days (day, origin, n)
    SELECT contact_date, origin, count(*) FROM contact_records WHERE NEW.deleted_at IS NULL AND member_id = NEW.id AND deleted_at IS NULL
    GROUP BY contact_date, origin
    ON CONFLICT (day, origin) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER contact_record_days_update AFTER UPDATE OF member_id, contact_date, origin, deleted_at ON contact_records
WHEN OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL BEGIN
  UPDATE contact_record_days SET n = n - 1 WHERE OLD.deleted_at IS NULL AND day = OLD.contact_date AND origin = OLD.origin
    AND EXISTS (SELECT 1 FROM floating_members m WHERE m.id = OLD.member_id AND m.deleted_at IS NULL);
  INSERT INTO contact_record_days (day, origin, n)
    SELECT NEW.contact_date, NEW.origin, 1 WHERE NEW.deleted_at IS NULL
      AND EXISTS (SELECT 1 FROM floating_members m WHERE m.id = NEW.member_id AND m.deleted_at IS NULL)
    ON CONFLICT (day, origin) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER floating_members_shared_id_delete AFTER DELETE ON floating_members WHEN OLD.deleted_at IS NULL BEGIN
  DELETE FROM shared_id_numbers WHERE id_number = OLD.id_number AND (SELECT count(*) FROM cadres WHERE id_number = OLD.id_number AND deleted_at IS NULL)
      + (SELECT count(*) FROM floating_members WHERE id_number = OLD.id_number AND deleted_at IS NULL) < 2;
END;

CREATE TRIGGER floating_members_shared_id_insert AFTER INSERT ON floating_members WHEN NEW.deleted_at IS NULL BEGIN
  INSERT INTO shared_id_numbers (id_number) SELECT NEW.id_number WHERE (SELECT count(*) FROM cadres WHERE id_number = NEW.id_number AND deleted_at IS NULL)
      + (SELECT count(*) FROM floating_members WHERE id_number = NEW.id_number AND deleted_at IS NULL) > 1
    ON CONFLICT (id_number) DO NOTHING;
END;

CREATE TRIGGER floating_members_shared_id_update AFTER UPDATE OF id_number, deleted_at ON floating_members
WHEN OLD.id_number IS NOT NEW.id_number OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN
  DELETE FROM shared_id_numbers WHERE id_number = OLD.id_number AND (SELECT count(*) FROM cadres WHERE id_number = OLD.id_number AND deleted_at IS NULL)
      + (SELECT count(*) FROM floating_members WHERE id_number = OLD.id_number AND deleted_at IS NULL) < 2;
  INSERT INTO shared_id_numbers (id_number) SELECT NEW.id_number WHERE (SELECT count(*) FROM cadres WHERE id_number = NEW.id_number AND deleted_at IS NULL)
      + (SELECT count(*) FROM floating_members WHERE id_number = NEW.id_number AND deleted_at IS NULL) > 1
    ON CONFLICT (id_number) DO NOTHING;
END;

CREATE TRIGGER floating_no_contact_contact_delete AFTER DELETE ON member_contacts BEGIN
  DELETE FROM floating_no_contact WHERE member_id = OLD.member_id;
  INSERT INTO floating_no_contact (member_id) SELECT m.id FROM floating_members m
    WHERE m.id = OLD.member_id AND m.deleted_at IS NULL AND m.status = '外出中'
      AND NOT EXISTS (SELECT 1 FROM member_contacts c WHERE c.member_id = m.id AND c.deleted_at IS NULL AND c.end_date IS NULL);
END;

CREATE TRIGGER floating_no_contact_contact_insert AFTER INSERT ON member_contacts BEGIN
  DELETE FROM floating_no_contact WHERE member_id = NEW.member_id;
  INSERT INTO floating_no_contact (member_id) SELECT m.id FROM floating_members m
    WHERE m.id = NEW.member_id AND m.deleted_at IS NULL AND m.status = '外出中'
      AND NOT EXISTS (SELECT 1 FROM member_contacts c WHERE c.member_id = m.id AND c.deleted_at IS NULL AND c.end_date IS NULL);
END;

CREATE TRIGGER floating_no_contact_contact_update AFTER UPDATE OF member_id, deleted_at, end_date ON member_contacts BEGIN
  DELETE FROM floating_no_contact WHERE member_id = OLD.member_id;
  INSERT INTO floating_no_contact (member_id) SELECT m.id FROM floating_members m
    WHERE m.id = OLD.member_id AND m.deleted_at IS NULL AND m.status = '外出中'
      AND NOT EXISTS (SELECT 1 FROM member_contacts c WHERE c.member_id = m.id AND c.deleted_at IS NULL AND c.end_date IS NULL);
  DELETE FROM floating_no_contact WHERE member_id = NEW.member_id;
  INSERT INTO floating_no_contact (member_id) SELECT m.id FROM floating_members m
    WHERE m.id = NEW.member_id AND m.deleted_at IS NULL AND m.status = '外出中'
      AND NOT EXISTS (SELECT 1 FROM member_contacts c WHERE c.member_id = m.id AND c.deleted_at IS NULL AND c.end_date IS NULL);
END;

CREATE TRIGGER floating_no_contact_member_delete AFTER DELETE ON floating_members BEGIN
  DELETE FROM floating_no_contact WHERE member_id = OLD.id;
END;

CREATE TRIGGER floating_no_contact_member_insert AFTER INSERT ON floating_members BEGIN
  DELETE FROM floating_no_contact WHERE member_id = NEW.id;
  INSERT INTO floating_no_contact (member_id) SELECT m.id FROM floating_members m
    WHERE m.id = NEW.id AND m.deleted_at IS NULL AND m.status = '外出中'
      AND NOT EXISTS (SELECT 1 FROM member_contacts c WHERE c.member_id = m.id AND c.deleted_at IS NULL AND c.end_date IS NULL);
END;

CREATE TRIGGER floating_no_contact_member_update AFTER UPDATE OF id, status, deleted_at ON floating_members BEGIN
  DELETE FROM floating_no_contact WHERE member_id = OLD.id;
  INSERT INTO floating_no_contact (member_id) SELECT m.id FROM floating_members m
    WHERE m.id = OLD.id AND m.deleted_at IS NULL AND m.status = '外出中'
      AND NOT EXISTS (SELECT 1 FROM member_contacts c WHERE c.member_id = m.id AND c.deleted_at IS NULL AND c.end_date IS NULL);
  DELETE FROM floating_no_contact WHERE member_id = NEW.id;
  INSERT INTO floating_no_contact (member_id) SELECT m.id FROM floating_members m
    WHERE m.id = NEW.id AND m.deleted_at IS NULL AND m.status = '外出中'
      AND NOT EXISTS (SELECT 1 FROM member_contacts c WHERE c.member_id = m.id AND c.deleted_at IS NULL AND c.end_date IS NULL);
END;

CREATE TRIGGER floating_roster_cadre_delete AFTER DELETE ON member_contacts WHEN OLD.deleted_at IS NULL BEGIN
  INSERT INTO floating_roster_days (day, origin, dim, key, n)
  SELECT day, origin, dim, key, n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, m.id, m.deleted_at, m.origin, m.village_id, m.dest_province_code, m.reason, m.left_date, m.status, m.status_date, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.start_date <= p.day AND (t.end_date IS NULL OR t.end_date > p.day))) AS b1, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.start_date <= date(p.day, '-1 day') AND (t.end_date IS NULL OR t.end_date > date(p.day, '-1 day')))) AS b0
      FROM floating_members m, (SELECT left_date AS day FROM floating_members WHERE id = OLD.member_id UNION SELECT coalesce(status_date, left_date) FROM floating_members WHERE id = OLD.member_id UNION SELECT date FROM member_status_history WHERE member_id = OLD.member_id AND deleted_at IS NULL UNION SELECT start_date FROM member_contacts WHERE member_id = OLD.member_id AND deleted_at IS NULL
   UNION SELECT end_date FROM member_contacts WHERE member_id = OLD.member_id AND deleted_at IS NULL UNION SELECT OLD.start_date UNION SELECT OLD.end_date) p WHERE m.id = OLD.member_id AND m.deleted_at IS NULL AND p.day IS NOT NULL),
    s AS (SELECT e.day, e.origin, CASE WHEN (e.b1 OR 0) = (e.b1 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.start_date <= e.day AND (OLD.end_date IS NULL OR OLD.end_date > e.day))) AND (e.b0 OR 0) = (e.b0 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.start_date <= date(e.day, '-1 day') AND (OLD.end_date IS NULL OR OLD.end_date > date(e.day, '-1 day')))) THEN 0
      ELSE (e.deleted_at IS NULL AND e.left_date <= e.day AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= e.day ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= e.day THEN e.status ELSE '外出中' END) = '外出中') * ((e.b1 OR 0) - (e.b1 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.start_date <= e.day AND (OLD.end_date IS NULL OR OLD.end_date > e.day)))) - (e.deleted_at IS NULL AND e.left_date <= date(e.day, '-1 day') AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= date(e.day, '-1 day') ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= date(e.day, '-1 day') THEN e.status ELSE '外出中' END) = '外出中') * ((e.b0 OR 0) - (e.b0 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.start_date <= date(e.day, '-1 day') AND (OLD.end_date IS NULL OR OLD.end_date > date(e.day, '-1 day'))))) END AS c FROM e)
    SELECT day, origin, 'c' AS dim, '' AS key, c AS n FROM s WHERE c <> 0) WHERE true
  ON CONFLICT (day, origin, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER floating_roster_cadre_insert AFTER INSERT ON member_contacts WHEN NEW.deleted_at IS NULL BEGIN
  INSERT INTO floating_roster_days (day, origin, dim, key, n)
  SELECT day, origin, dim, key, n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, m.id, m.deleted_at, m.origin, m.village_id, m.dest_province_code, m.reason, m.left_date, m.status, m.status_date, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.start_date <= p.day AND (t.end_date IS NULL OR t.end_date > p.day) AND t.rowid <> NEW.rowid)) AS b1, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.start_date <= date(p.day, '-1 day') AND (t.end_date IS NULL OR t.end_date > date(p.day, '-1 day')) AND t.rowid <> NEW.rowid)) AS b0
      FROM floating_members m, (SELECT left_date AS day FROM floating_members WHERE id = NEW.member_id UNION SELECT coalesce(status_date, left_date) FROM floating_members WHERE id = NEW.member_id UNION SELECT date FROM member_status_history WHERE member_id = NEW.member_id AND deleted_at IS NULL UNION SELECT start_date FROM member_contacts WHERE member_id = NEW.member_id AND deleted_at IS NULL
   UNION SELECT end_date FROM member_contacts WHERE member_id = NEW.member_id AND deleted_at IS NULL) p WHERE m.id = NEW.member_id AND m.deleted_at IS NULL AND p.day IS NOT NULL),
    s AS (SELECT e.day, e.origin, CASE WHEN (e.b1 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.start_date <= e.day AND (NEW.end_date IS NULL OR NEW.end_date > e.day))) = (e.b1 OR 0) AND (e.b0 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.start_date <= date(e.day, '-1 day') AND (NEW.end_date IS NULL OR NEW.end_date > date(e.day, '-1 day')))) = (e.b0 OR 0) THEN 0
      ELSE (e.deleted_at IS NULL AND e.left_date <= e.day AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= e.day ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= e.day THEN e.status ELSE '外出中' END) = '外出中') * ((e.b1 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.start_date <= e.day AND (NEW.end_date IS NULL OR NEW.end_date > e.day))) - (e.b1 OR 0)) - (e.deleted_at IS NULL AND e.left_date <= date(e.day, '-1 day') AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= date(e.day, '-1 day') ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= date(e.day, '-1 day') THEN e.status ELSE '外出中' END) = '外出中') * ((e.b0 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.start_date <= date(e.day, '-1 day') AND (NEW.end_date IS NULL OR NEW.end_date > date(e.day, '-1 day')))) - (e.b0 OR 0)) END AS c FROM e)
    SELECT day, origin, 'c' AS dim, '' AS key, c AS n FROM s WHERE c <> 0) WHERE true
  ON CONFLICT (day, origin, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER floating_roster_cadre_update AFTER UPDATE OF member_id, start_date, end_date, deleted_at ON member_contacts
WHEN OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL BEGIN
  INSERT INTO floating_roster_days (day, origin, dim, key, n)
  SELECT day, origin, dim, key, n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, m.id, m.deleted_at, m.origin, m.village_id, m.dest_province_code, m.reason, m.left_date, m.status, m.status_date, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.start_date <= p.day AND (t.end_date IS NULL OR t.end_date > p.day) AND t.rowid <> NEW.rowid)) AS b1, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.start_date <= date(p.day, '-1 day') AND (t.end_date IS NULL OR t.end_date > date(p.day, '-1 day')) AND t.rowid <> NEW.rowid)) AS b0
      FROM floating_members m, (SELECT left_date AS day FROM floating_members WHERE id = OLD.member_id UNION SELECT coalesce(status_date, left_date) FROM floating_members WHERE id = OLD.member_id UNION SELECT date FROM member_status_history WHERE member_id = OLD.member_id AND deleted_at IS NULL UNION SELECT start_date FROM member_contacts WHERE member_id = OLD.member_id AND deleted_at IS NULL
   UNION SELECT end_date FROM member_contacts WHERE member_id = OLD.member_id AND deleted_at IS NULL UNION SELECT OLD.start_date UNION SELECT OLD.end_date) p WHERE m.id = OLD.member_id AND m.deleted_at IS NULL AND p.day IS NOT NULL),
    s AS (SELECT e.day, e.origin, CASE WHEN (e.b1 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.start_date <= e.day AND (NEW.end_date IS NULL OR NEW.end_date > e.day))) = (e.b1 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.start_date <= e.day AND (OLD.end_date IS NULL OR OLD.end_date > e.day))) AND (e.b0 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.start_date <= date(e.day, '-1 day') AND (NEW.end_date IS NULL OR NEW.end_date > date(e.day, '-1 day')))) = (e.b0 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.start_date <= date(e.day, '-1 day') AND (OLD.end_date IS NULL OR OLD.end_date > date(e.day, '-1 day')))) THEN 0
      ELSE (e.deleted_at IS NULL AND e.left_date <= e.day AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= e.day ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= e.day THEN e.status ELSE '外出中' END) = '外出中') * ((e.b1 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.start_date <= e.day AND (NEW.end_date IS NULL OR NEW.end_date > e.day))) - (e.b1 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.start_date <= e.day AND (OLD.end_date IS NULL OR OLD.end_date > e.day)))) - (e.deleted_at IS NULL AND e.left_date <= date(e.day, '-1 day') AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= date(e.day, '-1 day') ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= date(e.day, '-1 day') THEN e.status ELSE '外出中' END) = '外出中') * ((e.b0 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.start_date <= date(e.day, '-1 day') AND (NEW.end_date IS NULL OR NEW.end_date > date(e.day, '-1 day')))) - (e.b0 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.start_date <= date(e.day, '-1 day') AND (OLD.end_date IS NULL OR OLD.end_date > date(e.day, '-1 day'))))) END AS c FROM e)
    SELECT day, origin, 'c' AS dim, '' AS key, c AS n FROM s WHERE c <> 0) WHERE true
  ON CONFLICT (day, origin, dim, key) DO UPDATE SET n = n + excluded.n;
  INSERT INTO floating_roster_days (day, origin, dim, key, n)
  SELECT day, origin, dim, key, n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, m.id, m.deleted_at, m.origin, m.village_id, m.dest_province_code, m.reason, m.left_date, m.status, m.status_date, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.start_date <= p.day AND (t.end_date IS NULL OR t.end_date > p.day) AND t.rowid <> NEW.rowid)) AS b1, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.start_date <= date(p.day, '-1 day') AND (t.end_date IS NULL OR t.end_date > date(p.day, '-1 day')) AND t.rowid <> NEW.rowid)) AS b0
      FROM floating_members m, (SELECT left_date AS day FROM floating_members WHERE id = NEW.member_id UNION SELECT coalesce(status_date, left_date) FROM floating_members WHERE id = NEW.member_id UNION SELECT date FROM member_status_history WHERE member_id = NEW.member_id AND deleted_at IS NULL UNION SELECT start_date FROM member_contacts WHERE member_id = NEW.member_id AND deleted_at IS NULL
   UNION SELECT end_date FROM member_contacts WHERE member_id = NEW.member_id AND deleted_at IS NULL UNION SELECT OLD.start_date UNION SELECT OLD.end_date) p WHERE m.id = NEW.member_id AND m.deleted_at IS NULL AND p.day IS NOT NULL AND OLD.member_id IS NOT NEW.member_id),
    s AS (SELECT e.day, e.origin, CASE WHEN (e.b1 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.start_date <= e.day AND (NEW.end_date IS NULL OR NEW.end_date > e.day))) = (e.b1 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.start_date <= e.day AND (OLD.end_date IS NULL OR OLD.end_date > e.day))) AND (e.b0 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.start_date <= date(e.day, '-1 day') AND (NEW.end_date IS NULL OR NEW.end_date > date(e.day, '-1 day')))) = (e.b0 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.start_date <= date(e.day, '-1 day') AND (OLD.end_date IS NULL OR OLD.end_date > date(e.day, '-1 day')))) THEN 0
      ELSE (e.deleted_at IS NULL AND e.left_date <= e.day AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= e.day ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= e.day THEN e.status ELSE '外出中' END) = '外出中') * ((e.b1 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.start_date <= e.day AND (NEW.end_date IS NULL OR NEW.end_date > e.day))) - (e.b1 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.start_date <= e.day AND (OLD.end_date IS NULL OR OLD.end_date > e.day)))) - (e.deleted_at IS NULL AND e.left_date <= date(e.day, '-1 day') AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= date(e.day, '-1 day') ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= date(e.day, '-1 day') THEN e.status ELSE '外出中' END) = '外出中') * ((e.b0 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.start_date <= date(e.day, '-1 day') AND (NEW.end_date IS NULL OR NEW.end_date > date(e.day, '-1 day')))) - (e.b0 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.start_date <= date(e.day, '-1 day') AND (OLD.end_date IS NULL OR OLD.end_date > date(e.day, '-1 day'))))) END AS c FROM e)
    SELECT day, origin, 'c' AS dim, '' AS key, c AS n FROM s WHERE c <> 0) WHERE true
  ON CONFLICT (day, origin, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER floating_roster_interval_insert AFTER INSERT ON settings
WHEN NEW.key = 'settings' AND coalesce(json_extract(NEW.value, '$.contactIntervalDays'), 90) IS NOT (SELECT days FROM floating_roster_interval) BEGIN
  UPDATE floating_roster_interval SET days = coalesce(json_extract(NEW.value, '$.contactIntervalDays'), 90);
  DELETE FROM floating_roster_days WHERE dim = 'k';
  DELETE FROM floating_roster_months WHERE dim = 'k';
  INSERT INTO floating_roster_days (day, origin, dim, key, n) SELECT day, origin, dim, key, sum(n) AS n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, m.id, m.deleted_at, m.origin, m.village_id, m.dest_province_code, m.reason, m.left_date, m.status, m.status_date,
        CASE WHEN p.start THEN 1 WHEN p.finish THEN 0 ELSE (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(p.day, -(SELECT days FROM floating_roster_interval) || ' days') AND p.day)) END AS k1,
        CASE WHEN p.start THEN 0 WHEN p.finish THEN 1 END AS k0
      FROM (SELECT member_id, day, max(start) AS start, max(finish) AS finish FROM (
      WITH g AS MATERIALIZED (SELECT member_id, contact_date, date(prev, ((SELECT days FROM floating_roster_interval) + 1) || ' days') < contact_date OR prev IS NULL AS start,
          next IS NULL OR date(contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days') < next AS finish
        FROM (SELECT member_id, contact_date, lag(contact_date) OVER w AS prev, lead(contact_date) OVER w AS next
          FROM contact_records WHERE deleted_at IS NULL WINDOW w AS (PARTITION BY member_id ORDER BY contact_date))
        WHERE start OR finish)
      SELECT member_id, contact_date AS day, 1 AS start, 0 AS finish FROM g WHERE start
      UNION ALL SELECT member_id, date(contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days'), 0, 1 FROM g WHERE finish
      UNION ALL SELECT member_id, day, 0, 0 FROM (SELECT id AS member_id, left_date AS day FROM floating_members WHERE deleted_at IS NULL
    UNION SELECT id, coalesce(status_date, left_date) FROM floating_members WHERE deleted_at IS NULL
    UNION SELECT member_id, date FROM member_status_history WHERE deleted_at IS NULL))
    GROUP BY member_id, day) p JOIN floating_members m ON m.id = p.member_id WHERE m.deleted_at IS NULL AND p.day IS NOT NULL), s AS (SELECT e.day, e.origin, CASE WHEN e.k1 THEN (e.deleted_at IS NULL AND e.left_date <= e.day AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= e.day ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= e.day THEN e.status ELSE '外出中' END) = '外出中') ELSE 0 END
        - CASE WHEN coalesce(e.k0, e.k1) THEN (e.deleted_at IS NULL AND e.left_date <= date(e.day, '-1 day') AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= date(e.day, '-1 day') ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= date(e.day, '-1 day') THEN e.status ELSE '外出中' END) = '外出中') ELSE 0 END AS k FROM e)
    SELECT day, origin, 'k' AS dim, '' AS key, k AS n FROM s WHERE k <> 0)
  GROUP BY day, origin, dim, key;
END;

CREATE TRIGGER floating_roster_interval_update AFTER UPDATE OF value ON settings
WHEN NEW.key = 'settings' AND coalesce(json_extract(NEW.value, '$.contactIntervalDays'), 90) IS NOT (SELECT days FROM floating_roster_interval) BEGIN
  UPDATE floating_roster_interval SET days = coalesce(json_extract(NEW.value, '$.contactIntervalDays'), 90);
  DELETE FROM floating_roster_days WHERE dim = 'k';
  DELETE FROM floating_roster_months WHERE dim = 'k';
  INSERT INTO floating_roster_days (day, origin, dim, key, n) SELECT day, origin, dim, key, sum(n) AS n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, m.id, m.deleted_at, m.origin, m.village_id, m.dest_province_code, m.reason, m.left_date, m.status, m.status_date,
        CASE WHEN p.start THEN 1 WHEN p.finish THEN 0 ELSE (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(p.day, -(SELECT days FROM floating_roster_interval) || ' days') AND p.day)) END AS k1,
        CASE WHEN p.start THEN 0 WHEN p.finish THEN 1 END AS k0
      FROM (SELECT member_id, day, max(start) AS start, max(finish) AS finish FROM (
      WITH g AS MATERIALIZED (SELECT member_id, contact_date, date(prev, ((SELECT days FROM floating_roster_interval) + 1) || ' days') < contact_date OR prev IS NULL AS start,
          next IS NULL OR date(contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days') < next AS finish
        FROM (SELECT member_id, contact_date, lag(contact_date) OVER w AS prev, lead(contact_date) OVER w AS next
          FROM contact_records WHERE deleted_at IS NULL WINDOW w AS (PARTITION BY member_id ORDER BY contact_date))
        WHERE start OR finish)
      SELECT member_id, contact_date AS day, 1 AS start, 0 AS finish FROM g WHERE start
      UNION ALL SELECT member_id, date(contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days'), 0, 1 FROM g WHERE finish
      UNION ALL SELECT member_id, day, 0, 0 FROM (SELECT id AS member_id, left_date AS day FROM floating_members WHERE deleted_at IS NULL
    UNION SELECT id, coalesce(status_date, left_date) FROM floating_members WHERE deleted_at IS NULL
    UNION SELECT member_id, date FROM member_status_history WHERE deleted_at IS NULL))
    GROUP BY member_id, day) p JOIN floating_members m ON m.id = p.member_id WHERE m.deleted_at IS NULL AND p.day IS NOT NULL), s AS (SELECT e.day, e.origin, CASE WHEN e.k1 THEN (e.deleted_at IS NULL AND e.left_date <= e.day AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= e.day ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= e.day THEN e.status ELSE '外出中' END) = '外出中') ELSE 0 END
        - CASE WHEN coalesce(e.k0, e.k1) THEN (e.deleted_at IS NULL AND e.left_date <= date(e.day, '-1 day') AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= date(e.day, '-1 day') ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= date(e.day, '-1 day') THEN e.status ELSE '外出中' END) = '外出中') ELSE 0 END AS k FROM e)
    SELECT day, origin, 'k' AS dim, '' AS key, k AS n FROM s WHERE k <> 0)
  GROUP BY day, origin, dim, key;
END;

CREATE TRIGGER floating_roster_member_delete AFTER DELETE ON floating_members WHEN OLD.deleted_at IS NULL BEGIN
  INSERT INTO floating_roster_days (day, origin, dim, key, n)
  SELECT day, origin, dim, key, n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, OLD.origin AS origin, OLD.village_id AS village, OLD.dest_province_code AS province, OLD.reason AS reason,
        (OLD.deleted_at IS NULL AND OLD.left_date <= p.day AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = OLD.id AND h.deleted_at IS NULL AND h.date <= p.day ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN OLD.status <> '外出中' AND coalesce(OLD.status_date, OLD.left_date) <= p.day THEN OLD.status ELSE '外出中' END) = '外出中') AS a1, (OLD.deleted_at IS NULL AND OLD.left_date <= date(p.day, '-1 day') AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = OLD.id AND h.deleted_at IS NULL AND h.date <= date(p.day, '-1 day') ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN OLD.status <> '外出中' AND coalesce(OLD.status_date, OLD.left_date) <= date(p.day, '-1 day') THEN OLD.status ELSE '外出中' END) = '外出中') AS a0, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = OLD.id AND t.deleted_at IS NULL AND t.start_date <= p.day AND (t.end_date IS NULL OR t.end_date > p.day))) AS c1, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = OLD.id AND t.deleted_at IS NULL AND t.start_date <= date(p.day, '-1 day') AND (t.end_date IS NULL OR t.end_date > date(p.day, '-1 day')))) AS c0, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = OLD.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(p.day, -(SELECT days FROM floating_roster_interval) || ' days') AND p.day)) AS k1, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = OLD.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(date(p.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(p.day, '-1 day'))) AS k0, 0 AS w1, 0 AS w0
      FROM (SELECT OLD.left_date AS day UNION SELECT coalesce(OLD.status_date, OLD.left_date) UNION SELECT date FROM member_status_history WHERE member_id = OLD.id AND deleted_at IS NULL UNION SELECT start_date FROM member_contacts WHERE member_id = OLD.id AND deleted_at IS NULL
   UNION SELECT end_date FROM member_contacts WHERE member_id = OLD.id AND deleted_at IS NULL UNION SELECT contact_date FROM contact_records WHERE member_id = OLD.id AND deleted_at IS NULL
   UNION SELECT date(contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days') FROM contact_records WHERE member_id = OLD.id AND deleted_at IS NULL) p WHERE OLD.deleted_at IS NULL AND p.day IS NOT NULL),
    s AS (SELECT day, origin, village, province, reason, -1 * ((e.a1 - e.a0) - (e.w1 - e.w0)) AS r, -1 * ((e.a1 * e.c1 - e.a0 * e.c0) - (e.w1 * e.c1 - e.w0 * e.c0)) AS c, -1 * ((e.a1 * e.k1 - e.a0 * e.k0) - (e.w1 * e.k1 - e.w0 * e.k0)) AS k FROM e)
    SELECT day, origin, 'v' AS dim, village AS key, r AS n FROM s WHERE r <> 0
    UNION ALL SELECT day, origin, 'p', province, r FROM s WHERE r <> 0
    UNION ALL SELECT day, origin, 'r', reason, r FROM s WHERE r <> 0 UNION ALL SELECT day, origin, 'c' AS dim, '' AS key, c AS n FROM s WHERE c <> 0 UNION ALL SELECT day, origin, 'k' AS dim, '' AS key, k AS n FROM s WHERE k <> 0) WHERE true
  ON CONFLICT (day, origin, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER floating_roster_member_insert AFTER INSERT ON floating_members WHEN NEW.deleted_at IS NULL BEGIN
  INSERT INTO floating_roster_days (day, origin, dim, key, n)
  SELECT day, origin, dim, key, n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, NEW.origin AS origin, NEW.village_id AS village, NEW.dest_province_code AS province, NEW.reason AS reason,
        (NEW.deleted_at IS NULL AND NEW.left_date <= p.day AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = NEW.id AND h.deleted_at IS NULL AND h.date <= p.day ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN NEW.status <> '外出中' AND coalesce(NEW.status_date, NEW.left_date) <= p.day THEN NEW.status ELSE '外出中' END) = '外出中') AS a1, (NEW.deleted_at IS NULL AND NEW.left_date <= date(p.day, '-1 day') AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = NEW.id AND h.deleted_at IS NULL AND h.date <= date(p.day, '-1 day') ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN NEW.status <> '外出中' AND coalesce(NEW.status_date, NEW.left_date) <= date(p.day, '-1 day') THEN NEW.status ELSE '外出中' END) = '外出中') AS a0, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = NEW.id AND t.deleted_at IS NULL AND t.start_date <= p.day AND (t.end_date IS NULL OR t.end_date > p.day))) AS c1, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = NEW.id AND t.deleted_at IS NULL AND t.start_date <= date(p.day, '-1 day') AND (t.end_date IS NULL OR t.end_date > date(p.day, '-1 day')))) AS c0, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = NEW.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(p.day, -(SELECT days FROM floating_roster_interval) || ' days') AND p.day)) AS k1, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = NEW.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(date(p.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(p.day, '-1 day'))) AS k0, 0 AS w1, 0 AS w0
      FROM (SELECT NEW.left_date AS day UNION SELECT coalesce(NEW.status_date, NEW.left_date) UNION SELECT date FROM member_status_history WHERE member_id = NEW.id AND deleted_at IS NULL UNION SELECT start_date FROM member_contacts WHERE member_id = NEW.id AND deleted_at IS NULL
   UNION SELECT end_date FROM member_contacts WHERE member_id = NEW.id AND deleted_at IS NULL UNION SELECT contact_date FROM contact_records WHERE member_id = NEW.id AND deleted_at IS NULL
   UNION SELECT date(contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days') FROM contact_records WHERE member_id = NEW.id AND deleted_at IS NULL) p WHERE NEW.deleted_at IS NULL AND p.day IS NOT NULL),
    s AS (SELECT day, origin, village, province, reason, 1 * ((e.a1 - e.a0) - (e.w1 - e.w0)) AS r, 1 * ((e.a1 * e.c1 - e.a0 * e.c0) - (e.w1 * e.c1 - e.w0 * e.c0)) AS c, 1 * ((e.a1 * e.k1 - e.a0 * e.k0) - (e.w1 * e.k1 - e.w0 * e.k0)) AS k FROM e)
    SELECT day, origin, 'v' AS dim, village AS key, r AS n FROM s WHERE r <> 0
    UNION ALL SELECT day, origin, 'p', province, r FROM s WHERE r <> 0
    UNION ALL SELECT day, origin, 'r', reason, r FROM s WHERE r <> 0 UNION ALL SELECT day, origin, 'c' AS dim, '' AS key, c AS n FROM s WHERE c <> 0 UNION ALL SELECT day, origin, 'k' AS dim, '' AS key, k AS n FROM s WHERE k <> 0) WHERE true
  ON CONFLICT (day, origin, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER floating_roster_member_update AFTER UPDATE OF id, deleted_at, origin, village_id, dest_province_code, reason, left_date, status, status_date ON floating_members
WHEN (OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL) AND (OLD.id IS NOT NEW.id OR OLD.deleted_at IS NOT NEW.deleted_at OR OLD.origin IS NOT NEW.origin OR OLD.village_id IS NOT NEW.village_id OR OLD.dest_province_code IS NOT NEW.dest_province_code OR OLD.reason IS NOT NEW.reason OR OLD.left_date IS NOT NEW.left_date OR OLD.status IS NOT NEW.status OR OLD.status_date IS NOT NEW.status_date) BEGIN
  INSERT INTO floating_roster_days (day, origin, dim, key, n)
  SELECT day, origin, dim, key, n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, OLD.origin AS origin, OLD.village_id AS village, OLD.dest_province_code AS province, OLD.reason AS reason,
        (OLD.deleted_at IS NULL AND OLD.left_date <= p.day AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = OLD.id AND h.deleted_at IS NULL AND h.date <= p.day ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN OLD.status <> '外出中' AND coalesce(OLD.status_date, OLD.left_date) <= p.day THEN OLD.status ELSE '外出中' END) = '外出中') AS a1, (OLD.deleted_at IS NULL AND OLD.left_date <= date(p.day, '-1 day') AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = OLD.id AND h.deleted_at IS NULL AND h.date <= date(p.day, '-1 day') ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN OLD.status <> '外出中' AND coalesce(OLD.status_date, OLD.left_date) <= date(p.day, '-1 day') THEN OLD.status ELSE '外出中' END) = '外出中') AS a0, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = OLD.id AND t.deleted_at IS NULL AND t.start_date <= p.day AND (t.end_date IS NULL OR t.end_date > p.day))) AS c1, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = OLD.id AND t.deleted_at IS NULL AND t.start_date <= date(p.day, '-1 day') AND (t.end_date IS NULL OR t.end_date > date(p.day, '-1 day')))) AS c0, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = OLD.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(p.day, -(SELECT days FROM floating_roster_interval) || ' days') AND p.day)) AS k1, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = OLD.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(date(p.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(p.day, '-1 day'))) AS k0, 0 AS w1, 0 AS w0
      FROM (SELECT OLD.left_date AS day UNION SELECT coalesce(OLD.status_date, OLD.left_date) UNION SELECT date FROM member_status_history WHERE member_id = OLD.id AND deleted_at IS NULL UNION SELECT start_date FROM member_contacts WHERE member_id = OLD.id AND deleted_at IS NULL
   UNION SELECT end_date FROM member_contacts WHERE member_id = OLD.id AND deleted_at IS NULL UNION SELECT contact_date FROM contact_records WHERE member_id = OLD.id AND deleted_at IS NULL
   UNION SELECT date(contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days') FROM contact_records WHERE member_id = OLD.id AND deleted_at IS NULL) p WHERE OLD.deleted_at IS NULL AND p.day IS NOT NULL),
    s AS (SELECT day, origin, village, province, reason, -1 * ((e.a1 - e.a0) - (e.w1 - e.w0)) AS r, -1 * ((e.a1 * e.c1 - e.a0 * e.c0) - (e.w1 * e.c1 - e.w0 * e.c0)) AS c, -1 * ((e.a1 * e.k1 - e.a0 * e.k0) - (e.w1 * e.k1 - e.w0 * e.k0)) AS k FROM e)
    SELECT day, origin, 'v' AS dim, village AS key, r AS n FROM s WHERE r <> 0
    UNION ALL SELECT day, origin, 'p', province, r FROM s WHERE r <> 0
    UNION ALL SELECT day, origin, 'r', reason, r FROM s WHERE r <> 0 UNION ALL SELECT day, origin, 'c' AS dim, '' AS key, c AS n FROM s WHERE c <> 0 UNION ALL SELECT day, origin, 'k' AS dim, '' AS key, k AS n FROM s WHERE k <> 0) WHERE true
  ON CONFLICT (day, origin, dim, key) DO UPDATE SET n = n + excluded.n;
  INSERT INTO floating_roster_days (day, origin, dim, key, n)
  SELECT day, origin, dim, key, n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, NEW.origin AS origin, NEW.village_id AS village, NEW.dest_province_code AS province, NEW.reason AS reason,
        (NEW.deleted_at IS NULL AND NEW.left_date <= p.day AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = NEW.id AND h.deleted_at IS NULL AND h.date <= p.day ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN NEW.status <> '外出中' AND coalesce(NEW.status_date, NEW.left_date) <= p.day THEN NEW.status ELSE '外出中' END) = '外出中') AS a1, (NEW.deleted_at IS NULL AND NEW.left_date <= date(p.day, '-1 day') AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = NEW.id AND h.deleted_at IS NULL AND h.date <= date(p.day, '-1 day') ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN NEW.status <> '外出中' AND coalesce(NEW.status_date, NEW.left_date) <= date(p.day, '-1 day') THEN NEW.status ELSE '外出中' END) = '外出中') AS a0, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = NEW.id AND t.deleted_at IS NULL AND t.start_date <= p.day AND (t.end_date IS NULL OR t.end_date > p.day))) AS c1, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = NEW.id AND t.deleted_at IS NULL AND t.start_date <= date(p.day, '-1 day') AND (t.end_date IS NULL OR t.end_date > date(p.day, '-1 day')))) AS c0, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = NEW.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(p.day, -(SELECT days FROM floating_roster_interval) || ' days') AND p.day)) AS k1, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = NEW.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(date(p.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(p.day, '-1 day'))) AS k0, 0 AS w1, 0 AS w0
      FROM (SELECT NEW.left_date AS day UNION SELECT coalesce(NEW.status_date, NEW.left_date) UNION SELECT date FROM member_status_history WHERE member_id = NEW.id AND deleted_at IS NULL UNION SELECT start_date FROM member_contacts WHERE member_id = NEW.id AND deleted_at IS NULL
   UNION SELECT end_date FROM member_contacts WHERE member_id = NEW.id AND deleted_at IS NULL UNION SELECT contact_date FROM contact_records WHERE member_id = NEW.id AND deleted_at IS NULL
   UNION SELECT date(contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days') FROM contact_records WHERE member_id = NEW.id AND deleted_at IS NULL) p WHERE NEW.deleted_at IS NULL AND p.day IS NOT NULL),
    s AS (SELECT day, origin, village, province, reason, 1 * ((e.a1 - e.a0) - (e.w1 - e.w0)) AS r, 1 * ((e.a1 * e.c1 - e.a0 * e.c0) - (e.w1 * e.c1 - e.w0 * e.c0)) AS c, 1 * ((e.a1 * e.k1 - e.a0 * e.k0) - (e.w1 * e.k1 - e.w0 * e.k0)) AS k FROM e)
    SELECT day, origin, 'v' AS dim, village AS key, r AS n FROM s WHERE r <> 0
    UNION ALL SELECT day, origin, 'p', province, r FROM s WHERE r <> 0
    UNION ALL SELECT day, origin, 'r', reason, r FROM s WHERE r <> 0 UNION ALL SELECT day, origin, 'c' AS dim, '' AS key, c AS n FROM s WHERE c <> 0 UNION ALL SELECT day, origin, 'k' AS dim, '' AS key, k AS n FROM s WHERE k <> 0) WHERE true
  ON CONFLICT (day, origin, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER floating_roster_months_insert AFTER INSERT ON floating_roster_days BEGIN
  INSERT INTO floating_roster_months (month, origin, dim, key, n) VALUES (substr(NEW.day, 1, 7), NEW.origin, NEW.dim, NEW.key, NEW.n)
    ON CONFLICT (month, origin, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER floating_roster_months_update AFTER UPDATE OF n ON floating_roster_days BEGIN
  UPDATE floating_roster_months SET n = n + NEW.n - OLD.n WHERE month = substr(NEW.day, 1, 7) AND origin = NEW.origin AND dim = NEW.dim AND key = NEW.key;
END;

CREATE TRIGGER floating_roster_record_delete AFTER DELETE ON contact_records WHEN OLD.deleted_at IS NULL BEGIN
  INSERT INTO floating_roster_days (day, origin, dim, key, n)
  SELECT day, origin, dim, key, n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, m.id, m.deleted_at, m.origin, m.village_id, m.dest_province_code, m.reason, m.left_date, m.status, m.status_date, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(p.day, -(SELECT days FROM floating_roster_interval) || ' days') AND p.day)) AS b1, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(date(p.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(p.day, '-1 day'))) AS b0
      FROM floating_members m, (SELECT day FROM (SELECT left_date AS day FROM floating_members WHERE id = OLD.member_id UNION SELECT coalesce(status_date, left_date) FROM floating_members WHERE id = OLD.member_id UNION SELECT date FROM member_status_history WHERE member_id = OLD.member_id AND deleted_at IS NULL UNION SELECT contact_date FROM contact_records WHERE member_id = OLD.member_id AND deleted_at IS NULL AND contact_date BETWEEN OLD.contact_date AND date(OLD.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days')
   UNION SELECT date(contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days') FROM contact_records WHERE member_id = OLD.member_id AND deleted_at IS NULL AND contact_date BETWEEN date(OLD.contact_date, -((SELECT days FROM floating_roster_interval) + 1) || ' days') AND date(date(OLD.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days'), -((SELECT days FROM floating_roster_interval) + 1) || ' days') UNION SELECT OLD.contact_date UNION SELECT date(OLD.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days')) WHERE day BETWEEN OLD.contact_date AND date(OLD.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days')) p WHERE m.id = OLD.member_id AND m.deleted_at IS NULL AND p.day IS NOT NULL),
    s AS (SELECT e.day, e.origin, CASE WHEN (e.b1 OR 0) = (e.b1 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.contact_date BETWEEN date(e.day, -(SELECT days FROM floating_roster_interval) || ' days') AND e.day)) AND (e.b0 OR 0) = (e.b0 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.contact_date BETWEEN date(date(e.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(e.day, '-1 day'))) THEN 0
      ELSE (e.deleted_at IS NULL AND e.left_date <= e.day AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= e.day ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= e.day THEN e.status ELSE '外出中' END) = '外出中') * ((e.b1 OR 0) - (e.b1 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.contact_date BETWEEN date(e.day, -(SELECT days FROM floating_roster_interval) || ' days') AND e.day))) - (e.deleted_at IS NULL AND e.left_date <= date(e.day, '-1 day') AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= date(e.day, '-1 day') ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= date(e.day, '-1 day') THEN e.status ELSE '外出中' END) = '外出中') * ((e.b0 OR 0) - (e.b0 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.contact_date BETWEEN date(date(e.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(e.day, '-1 day')))) END AS k FROM e)
    SELECT day, origin, 'k' AS dim, '' AS key, k AS n FROM s WHERE k <> 0) WHERE true
  ON CONFLICT (day, origin, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER floating_roster_record_insert AFTER INSERT ON contact_records WHEN NEW.deleted_at IS NULL BEGIN
  INSERT INTO floating_roster_days (day, origin, dim, key, n)
  SELECT day, origin, dim, key, n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, m.id, m.deleted_at, m.origin, m.village_id, m.dest_province_code, m.reason, m.left_date, m.status, m.status_date, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(p.day, -(SELECT days FROM floating_roster_interval) || ' days') AND p.day AND t.rowid <> NEW.rowid)) AS b1, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(date(p.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(p.day, '-1 day') AND t.rowid <> NEW.rowid)) AS b0
      FROM floating_members m, (SELECT day FROM (SELECT left_date AS day FROM floating_members WHERE id = NEW.member_id UNION SELECT coalesce(status_date, left_date) FROM floating_members WHERE id = NEW.member_id UNION SELECT date FROM member_status_history WHERE member_id = NEW.member_id AND deleted_at IS NULL UNION SELECT contact_date FROM contact_records WHERE member_id = NEW.member_id AND deleted_at IS NULL AND contact_date BETWEEN NEW.contact_date AND date(NEW.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days')
   UNION SELECT date(contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days') FROM contact_records WHERE member_id = NEW.member_id AND deleted_at IS NULL AND contact_date BETWEEN date(NEW.contact_date, -((SELECT days FROM floating_roster_interval) + 1) || ' days') AND date(date(NEW.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days'), -((SELECT days FROM floating_roster_interval) + 1) || ' days')) WHERE day BETWEEN NEW.contact_date AND date(NEW.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days')) p WHERE m.id = NEW.member_id AND m.deleted_at IS NULL AND p.day IS NOT NULL),
    s AS (SELECT e.day, e.origin, CASE WHEN (e.b1 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.contact_date BETWEEN date(e.day, -(SELECT days FROM floating_roster_interval) || ' days') AND e.day)) = (e.b1 OR 0) AND (e.b0 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.contact_date BETWEEN date(date(e.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(e.day, '-1 day'))) = (e.b0 OR 0) THEN 0
      ELSE (e.deleted_at IS NULL AND e.left_date <= e.day AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= e.day ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= e.day THEN e.status ELSE '外出中' END) = '外出中') * ((e.b1 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.contact_date BETWEEN date(e.day, -(SELECT days FROM floating_roster_interval) || ' days') AND e.day)) - (e.b1 OR 0)) - (e.deleted_at IS NULL AND e.left_date <= date(e.day, '-1 day') AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= date(e.day, '-1 day') ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= date(e.day, '-1 day') THEN e.status ELSE '外出中' END) = '外出中') * ((e.b0 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.contact_date BETWEEN date(date(e.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(e.day, '-1 day'))) - (e.b0 OR 0)) END AS k FROM e)
    SELECT day, origin, 'k' AS dim, '' AS key, k AS n FROM s WHERE k <> 0) WHERE true
  ON CONFLICT (day, origin, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER floating_roster_record_update AFTER UPDATE OF member_id, contact_date, deleted_at ON contact_records
WHEN (OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL)
  AND (OLD.member_id IS NOT NEW.member_id OR OLD.contact_date IS NOT NEW.contact_date OR (OLD.deleted_at IS NULL) IS NOT (NEW.deleted_at IS NULL)) BEGIN
  INSERT INTO floating_roster_days (day, origin, dim, key, n)
  SELECT day, origin, dim, key, n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, m.id, m.deleted_at, m.origin, m.village_id, m.dest_province_code, m.reason, m.left_date, m.status, m.status_date, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(p.day, -(SELECT days FROM floating_roster_interval) || ' days') AND p.day AND t.rowid <> NEW.rowid)) AS b1, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(date(p.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(p.day, '-1 day') AND t.rowid <> NEW.rowid)) AS b0
      FROM floating_members m, (SELECT day FROM (SELECT left_date AS day FROM floating_members WHERE id = OLD.member_id UNION SELECT coalesce(status_date, left_date) FROM floating_members WHERE id = OLD.member_id UNION SELECT date FROM member_status_history WHERE member_id = OLD.member_id AND deleted_at IS NULL UNION SELECT contact_date FROM contact_records WHERE member_id = OLD.member_id AND deleted_at IS NULL AND contact_date BETWEEN OLD.contact_date AND date(OLD.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days')
   UNION SELECT date(contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days') FROM contact_records WHERE member_id = OLD.member_id AND deleted_at IS NULL AND contact_date BETWEEN date(OLD.contact_date, -((SELECT days FROM floating_roster_interval) + 1) || ' days') AND date(date(OLD.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days'), -((SELECT days FROM floating_roster_interval) + 1) || ' days') UNION SELECT OLD.contact_date UNION SELECT date(OLD.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days')) WHERE day BETWEEN OLD.contact_date AND date(OLD.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days') UNION SELECT day FROM (SELECT left_date AS day FROM floating_members WHERE id = OLD.member_id UNION SELECT coalesce(status_date, left_date) FROM floating_members WHERE id = OLD.member_id UNION SELECT date FROM member_status_history WHERE member_id = OLD.member_id AND deleted_at IS NULL UNION SELECT contact_date FROM contact_records WHERE member_id = OLD.member_id AND deleted_at IS NULL AND contact_date BETWEEN NEW.contact_date AND date(NEW.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days')
   UNION SELECT date(contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days') FROM contact_records WHERE member_id = OLD.member_id AND deleted_at IS NULL AND contact_date BETWEEN date(NEW.contact_date, -((SELECT days FROM floating_roster_interval) + 1) || ' days') AND date(date(NEW.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days'), -((SELECT days FROM floating_roster_interval) + 1) || ' days') UNION SELECT OLD.contact_date UNION SELECT date(OLD.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days')) WHERE day BETWEEN NEW.contact_date AND date(NEW.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days')) p WHERE m.id = OLD.member_id AND m.deleted_at IS NULL AND p.day IS NOT NULL),
    s AS (SELECT e.day, e.origin, CASE WHEN (e.b1 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.contact_date BETWEEN date(e.day, -(SELECT days FROM floating_roster_interval) || ' days') AND e.day)) = (e.b1 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.contact_date BETWEEN date(e.day, -(SELECT days FROM floating_roster_interval) || ' days') AND e.day)) AND (e.b0 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.contact_date BETWEEN date(date(e.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(e.day, '-1 day'))) = (e.b0 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.contact_date BETWEEN date(date(e.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(e.day, '-1 day'))) THEN 0
      ELSE (e.deleted_at IS NULL AND e.left_date <= e.day AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= e.day ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= e.day THEN e.status ELSE '外出中' END) = '外出中') * ((e.b1 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.contact_date BETWEEN date(e.day, -(SELECT days FROM floating_roster_interval) || ' days') AND e.day)) - (e.b1 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.contact_date BETWEEN date(e.day, -(SELECT days FROM floating_roster_interval) || ' days') AND e.day))) - (e.deleted_at IS NULL AND e.left_date <= date(e.day, '-1 day') AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= date(e.day, '-1 day') ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= date(e.day, '-1 day') THEN e.status ELSE '外出中' END) = '外出中') * ((e.b0 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.contact_date BETWEEN date(date(e.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(e.day, '-1 day'))) - (e.b0 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.contact_date BETWEEN date(date(e.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(e.day, '-1 day')))) END AS k FROM e)
    SELECT day, origin, 'k' AS dim, '' AS key, k AS n FROM s WHERE k <> 0) WHERE true
  ON CONFLICT (day, origin, dim, key) DO UPDATE SET n = n + excluded.n;
  INSERT INTO floating_roster_days (day, origin, dim, key, n)
  SELECT day, origin, dim, key, n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, m.id, m.deleted_at, m.origin, m.village_id, m.dest_province_code, m.reason, m.left_date, m.status, m.status_date, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(p.day, -(SELECT days FROM floating_roster_interval) || ' days') AND p.day AND t.rowid <> NEW.rowid)) AS b1, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(date(p.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(p.day, '-1 day') AND t.rowid <> NEW.rowid)) AS b0
      FROM floating_members m, (SELECT day FROM (SELECT left_date AS day FROM floating_members WHERE id = NEW.member_id UNION SELECT coalesce(status_date, left_date) FROM floating_members WHERE id = NEW.member_id UNION SELECT date FROM member_status_history WHERE member_id = NEW.member_id AND deleted_at IS NULL UNION SELECT contact_date FROM contact_records WHERE member_id = NEW.member_id AND deleted_at IS NULL AND contact_date BETWEEN OLD.contact_date AND date(OLD.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days')
   UNION SELECT date(contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days') FROM contact_records WHERE member_id = NEW.member_id AND deleted_at IS NULL AND contact_date BETWEEN date(OLD.contact_date, -((SELECT days FROM floating_roster_interval) + 1) || ' days') AND date(date(OLD.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days'), -((SELECT days FROM floating_roster_interval) + 1) || ' days') UNION SELECT OLD.contact_date UNION SELECT date(OLD.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days')) WHERE day BETWEEN OLD.contact_date AND date(OLD.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days') UNION SELECT day FROM (SELECT left_date AS day FROM floating_members WHERE id = NEW.member_id UNION SELECT coalesce(status_date, left_date) FROM floating_members WHERE id = NEW.member_id UNION SELECT date FROM member_status_history WHERE member_id = NEW.member_id AND deleted_at IS NULL UNION SELECT contact_date FROM contact_records WHERE member_id = NEW.member_id AND deleted_at IS NULL AND contact_date BETWEEN NEW.contact_date AND date(NEW.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days')
   UNION SELECT date(contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days') FROM contact_records WHERE member_id = NEW.member_id AND deleted_at IS NULL AND contact_date BETWEEN date(NEW.contact_date, -((SELECT days FROM floating_roster_interval) + 1) || ' days') AND date(date(NEW.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days'), -((SELECT days FROM floating_roster_interval) + 1) || ' days') UNION SELECT OLD.contact_date UNION SELECT date(OLD.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days')) WHERE day BETWEEN NEW.contact_date AND date(NEW.contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days')) p WHERE m.id = NEW.member_id AND m.deleted_at IS NULL AND p.day IS NOT NULL AND OLD.member_id IS NOT NEW.member_id),
    s AS (SELECT e.day, e.origin, CASE WHEN (e.b1 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.contact_date BETWEEN date(e.day, -(SELECT days FROM floating_roster_interval) || ' days') AND e.day)) = (e.b1 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.contact_date BETWEEN date(e.day, -(SELECT days FROM floating_roster_interval) || ' days') AND e.day)) AND (e.b0 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.contact_date BETWEEN date(date(e.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(e.day, '-1 day'))) = (e.b0 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.contact_date BETWEEN date(date(e.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(e.day, '-1 day'))) THEN 0
      ELSE (e.deleted_at IS NULL AND e.left_date <= e.day AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= e.day ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= e.day THEN e.status ELSE '外出中' END) = '外出中') * ((e.b1 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.contact_date BETWEEN date(e.day, -(SELECT days FROM floating_roster_interval) || ' days') AND e.day)) - (e.b1 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.contact_date BETWEEN date(e.day, -(SELECT days FROM floating_roster_interval) || ' days') AND e.day))) - (e.deleted_at IS NULL AND e.left_date <= date(e.day, '-1 day') AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = e.id AND h.deleted_at IS NULL AND h.date <= date(e.day, '-1 day') ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN e.status <> '外出中' AND coalesce(e.status_date, e.left_date) <= date(e.day, '-1 day') THEN e.status ELSE '外出中' END) = '外出中') * ((e.b0 OR (NEW.member_id = e.id AND NEW.deleted_at IS NULL AND NEW.contact_date BETWEEN date(date(e.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(e.day, '-1 day'))) - (e.b0 OR (OLD.member_id = e.id AND OLD.deleted_at IS NULL AND OLD.contact_date BETWEEN date(date(e.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(e.day, '-1 day')))) END AS k FROM e)
    SELECT day, origin, 'k' AS dim, '' AS key, k AS n FROM s WHERE k <> 0) WHERE true
  ON CONFLICT (day, origin, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER floating_roster_status_delete AFTER DELETE ON member_status_history WHEN OLD.deleted_at IS NULL BEGIN
  INSERT INTO floating_roster_days (day, origin, dim, key, n)
  SELECT day, origin, dim, key, n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, m.origin, m.village_id AS village, m.dest_province_code AS province, m.reason, (m.deleted_at IS NULL AND m.left_date <= p.day AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = m.id AND h.deleted_at IS NULL AND h.date <= p.day ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN m.status <> '外出中' AND coalesce(m.status_date, m.left_date) <= p.day THEN m.status ELSE '外出中' END) = '外出中') AS a1, (m.deleted_at IS NULL AND m.left_date <= date(p.day, '-1 day') AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = m.id AND h.deleted_at IS NULL AND h.date <= date(p.day, '-1 day') ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN m.status <> '外出中' AND coalesce(m.status_date, m.left_date) <= date(p.day, '-1 day') THEN m.status ELSE '外出中' END) = '外出中') AS a0, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.start_date <= p.day AND (t.end_date IS NULL OR t.end_date > p.day))) AS c1, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.start_date <= date(p.day, '-1 day') AND (t.end_date IS NULL OR t.end_date > date(p.day, '-1 day')))) AS c0, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(p.day, -(SELECT days FROM floating_roster_interval) || ' days') AND p.day)) AS k1, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(date(p.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(p.day, '-1 day'))) AS k0,
        (m.deleted_at IS NULL AND m.left_date <= p.day AND coalesce((SELECT status FROM (SELECT h.status, h.date, h.created_at FROM member_status_history h WHERE h.member_id = m.id AND h.deleted_at IS NULL AND h.date <= p.day UNION ALL SELECT OLD.status, OLD.date, OLD.created_at WHERE OLD.member_id = m.id AND OLD.deleted_at IS NULL AND OLD.date <= p.day)
    ORDER BY date DESC, created_at DESC, status DESC LIMIT 1),
    CASE WHEN m.status <> '外出中' AND coalesce(m.status_date, m.left_date) <= p.day THEN m.status ELSE '外出中' END) = '外出中') AS w1, (m.deleted_at IS NULL AND m.left_date <= date(p.day, '-1 day') AND coalesce((SELECT status FROM (SELECT h.status, h.date, h.created_at FROM member_status_history h WHERE h.member_id = m.id AND h.deleted_at IS NULL AND h.date <= date(p.day, '-1 day') UNION ALL SELECT OLD.status, OLD.date, OLD.created_at WHERE OLD.member_id = m.id AND OLD.deleted_at IS NULL AND OLD.date <= date(p.day, '-1 day'))
    ORDER BY date DESC, created_at DESC, status DESC LIMIT 1),
    CASE WHEN m.status <> '外出中' AND coalesce(m.status_date, m.left_date) <= date(p.day, '-1 day') THEN m.status ELSE '外出中' END) = '外出中') AS w0
      FROM floating_members m, (SELECT left_date AS day FROM floating_members WHERE id = OLD.member_id UNION SELECT coalesce(status_date, left_date) FROM floating_members WHERE id = OLD.member_id UNION SELECT date FROM member_status_history WHERE member_id = OLD.member_id AND deleted_at IS NULL UNION SELECT OLD.date UNION SELECT start_date FROM member_contacts WHERE member_id = OLD.member_id AND deleted_at IS NULL
   UNION SELECT end_date FROM member_contacts WHERE member_id = OLD.member_id AND deleted_at IS NULL UNION SELECT contact_date FROM contact_records WHERE member_id = OLD.member_id AND deleted_at IS NULL
   UNION SELECT date(contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days') FROM contact_records WHERE member_id = OLD.member_id AND deleted_at IS NULL) p WHERE m.id = OLD.member_id AND m.deleted_at IS NULL AND p.day IS NOT NULL),
    s AS (SELECT day, origin, village, province, reason, (e.a1 - e.a0) - (e.w1 - e.w0) AS r, (e.a1 * e.c1 - e.a0 * e.c0) - (e.w1 * e.c1 - e.w0 * e.c0) AS c, (e.a1 * e.k1 - e.a0 * e.k0) - (e.w1 * e.k1 - e.w0 * e.k0) AS k FROM e)
    SELECT day, origin, 'v' AS dim, village AS key, r AS n FROM s WHERE r <> 0
    UNION ALL SELECT day, origin, 'p', province, r FROM s WHERE r <> 0
    UNION ALL SELECT day, origin, 'r', reason, r FROM s WHERE r <> 0 UNION ALL SELECT day, origin, 'c' AS dim, '' AS key, c AS n FROM s WHERE c <> 0 UNION ALL SELECT day, origin, 'k' AS dim, '' AS key, k AS n FROM s WHERE k <> 0) WHERE true
  ON CONFLICT (day, origin, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER floating_roster_status_insert AFTER INSERT ON member_status_history WHEN NEW.deleted_at IS NULL BEGIN
  INSERT INTO floating_roster_days (day, origin, dim, key, n)
  SELECT day, origin, dim, key, n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, m.origin, m.village_id AS village, m.dest_province_code AS province, m.reason, (m.deleted_at IS NULL AND m.left_date <= p.day AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = m.id AND h.deleted_at IS NULL AND h.date <= p.day ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN m.status <> '外出中' AND coalesce(m.status_date, m.left_date) <= p.day THEN m.status ELSE '外出中' END) = '外出中') AS a1, (m.deleted_at IS NULL AND m.left_date <= date(p.day, '-1 day') AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = m.id AND h.deleted_at IS NULL AND h.date <= date(p.day, '-1 day') ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN m.status <> '外出中' AND coalesce(m.status_date, m.left_date) <= date(p.day, '-1 day') THEN m.status ELSE '外出中' END) = '外出中') AS a0, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.start_date <= p.day AND (t.end_date IS NULL OR t.end_date > p.day))) AS c1, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.start_date <= date(p.day, '-1 day') AND (t.end_date IS NULL OR t.end_date > date(p.day, '-1 day')))) AS c0, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(p.day, -(SELECT days FROM floating_roster_interval) || ' days') AND p.day)) AS k1, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(date(p.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(p.day, '-1 day'))) AS k0,
        (m.deleted_at IS NULL AND m.left_date <= p.day AND coalesce((SELECT status FROM (SELECT h.status, h.date, h.created_at FROM member_status_history h WHERE h.member_id = m.id AND h.deleted_at IS NULL AND h.date <= p.day AND h.rowid <> NEW.rowid)
    ORDER BY date DESC, created_at DESC, status DESC LIMIT 1),
    CASE WHEN m.status <> '外出中' AND coalesce(m.status_date, m.left_date) <= p.day THEN m.status ELSE '外出中' END) = '外出中') AS w1, (m.deleted_at IS NULL AND m.left_date <= date(p.day, '-1 day') AND coalesce((SELECT status FROM (SELECT h.status, h.date, h.created_at FROM member_status_history h WHERE h.member_id = m.id AND h.deleted_at IS NULL AND h.date <= date(p.day, '-1 day') AND h.rowid <> NEW.rowid)
    ORDER BY date DESC, created_at DESC, status DESC LIMIT 1),
    CASE WHEN m.status <> '外出中' AND coalesce(m.status_date, m.left_date) <= date(p.day, '-1 day') THEN m.status ELSE '外出中' END) = '外出中') AS w0
      FROM floating_members m, (SELECT left_date AS day FROM floating_members WHERE id = NEW.member_id UNION SELECT coalesce(status_date, left_date) FROM floating_members WHERE id = NEW.member_id UNION SELECT date FROM member_status_history WHERE member_id = NEW.member_id AND deleted_at IS NULL UNION SELECT start_date FROM member_contacts WHERE member_id = NEW.member_id AND deleted_at IS NULL
   UNION SELECT end_date FROM member_contacts WHERE member_id = NEW.member_id AND deleted_at IS NULL UNION SELECT contact_date FROM contact_records WHERE member_id = NEW.member_id AND deleted_at IS NULL
   UNION SELECT date(contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days') FROM contact_records WHERE member_id = NEW.member_id AND deleted_at IS NULL) p WHERE m.id = NEW.member_id AND m.deleted_at IS NULL AND p.day IS NOT NULL),
    s AS (SELECT day, origin, village, province, reason, (e.a1 - e.a0) - (e.w1 - e.w0) AS r, (e.a1 * e.c1 - e.a0 * e.c0) - (e.w1 * e.c1 - e.w0 * e.c0) AS c, (e.a1 * e.k1 - e.a0 * e.k0) - (e.w1 * e.k1 - e.w0 * e.k0) AS k FROM e)
    SELECT day, origin, 'v' AS dim, village AS key, r AS n FROM s WHERE r <> 0
    UNION ALL SELECT day, origin, 'p', province, r FROM s WHERE r <> 0
    UNION ALL SELECT day, origin, 'r', reason, r FROM s WHERE r <> 0 UNION ALL SELECT day, origin, 'c' AS dim, '' AS key, c AS n FROM s WHERE c <> 0 UNION ALL SELECT day, origin, 'k' AS dim, '' AS key, k AS n FROM s WHERE k <> 0) WHERE true
  ON CONFLICT (day, origin, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER floating_roster_status_update AFTER UPDATE OF member_id, status, date, created_at, deleted_at ON member_status_history
WHEN OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL BEGIN
  INSERT INTO floating_roster_days (day, origin, dim, key, n)
  SELECT day, origin, dim, key, n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, m.origin, m.village_id AS village, m.dest_province_code AS province, m.reason, (m.deleted_at IS NULL AND m.left_date <= p.day AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = m.id AND h.deleted_at IS NULL AND h.date <= p.day ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN m.status <> '外出中' AND coalesce(m.status_date, m.left_date) <= p.day THEN m.status ELSE '外出中' END) = '外出中') AS a1, (m.deleted_at IS NULL AND m.left_date <= date(p.day, '-1 day') AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = m.id AND h.deleted_at IS NULL AND h.date <= date(p.day, '-1 day') ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN m.status <> '外出中' AND coalesce(m.status_date, m.left_date) <= date(p.day, '-1 day') THEN m.status ELSE '外出中' END) = '外出中') AS a0, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.start_date <= p.day AND (t.end_date IS NULL OR t.end_date > p.day))) AS c1, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.start_date <= date(p.day, '-1 day') AND (t.end_date IS NULL OR t.end_date > date(p.day, '-1 day')))) AS c0, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(p.day, -(SELECT days FROM floating_roster_interval) || ' days') AND p.day)) AS k1, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(date(p.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(p.day, '-1 day'))) AS k0,
        (m.deleted_at IS NULL AND m.left_date <= p.day AND coalesce((SELECT status FROM (SELECT h.status, h.date, h.created_at FROM member_status_history h WHERE h.member_id = m.id AND h.deleted_at IS NULL AND h.date <= p.day AND h.rowid <> NEW.rowid UNION ALL SELECT OLD.status, OLD.date, OLD.created_at WHERE OLD.member_id = m.id AND OLD.deleted_at IS NULL AND OLD.date <= p.day)
    ORDER BY date DESC, created_at DESC, status DESC LIMIT 1),
    CASE WHEN m.status <> '外出中' AND coalesce(m.status_date, m.left_date) <= p.day THEN m.status ELSE '外出中' END) = '外出中') AS w1, (m.deleted_at IS NULL AND m.left_date <= date(p.day, '-1 day') AND coalesce((SELECT status FROM (SELECT h.status, h.date, h.created_at FROM member_status_history h WHERE h.member_id = m.id AND h.deleted_at IS NULL AND h.date <= date(p.day, '-1 day') AND h.rowid <> NEW.rowid UNION ALL SELECT OLD.status, OLD.date, OLD.created_at WHERE OLD.member_id = m.id AND OLD.deleted_at IS NULL AND OLD.date <= date(p.day, '-1 day'))
    ORDER BY date DESC, created_at DESC, status DESC LIMIT 1),
    CASE WHEN m.status <> '外出中' AND coalesce(m.status_date, m.left_date) <= date(p.day, '-1 day') THEN m.status ELSE '外出中' END) = '外出中') AS w0
      FROM floating_members m, (SELECT left_date AS day FROM floating_members WHERE id = OLD.member_id UNION SELECT coalesce(status_date, left_date) FROM floating_members WHERE id = OLD.member_id UNION SELECT date FROM member_status_history WHERE member_id = OLD.member_id AND deleted_at IS NULL UNION SELECT OLD.date UNION SELECT start_date FROM member_contacts WHERE member_id = OLD.member_id AND deleted_at IS NULL
   UNION SELECT end_date FROM member_contacts WHERE member_id = OLD.member_id AND deleted_at IS NULL UNION SELECT contact_date FROM contact_records WHERE member_id = OLD.member_id AND deleted_at IS NULL
   UNION SELECT date(contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days') FROM contact_records WHERE member_id = OLD.member_id AND deleted_at IS NULL) p WHERE m.id = OLD.member_id AND m.deleted_at IS NULL AND p.day IS NOT NULL),
    s AS (SELECT day, origin, village, province, reason, (e.a1 - e.a0) - (e.w1 - e.w0) AS r, (e.a1 * e.c1 - e.a0 * e.c0) - (e.w1 * e.c1 - e.w0 * e.c0) AS c, (e.a1 * e.k1 - e.a0 * e.k0) - (e.w1 * e.k1 - e.w0 * e.k0) AS k FROM e)
    SELECT day, origin, 'v' AS dim, village AS key, r AS n FROM s WHERE r <> 0
    UNION ALL SELECT day, origin, 'p', province, r FROM s WHERE r <> 0
    UNION ALL SELECT day, origin, 'r', reason, r FROM s WHERE r <> 0 UNION ALL SELECT day, origin, 'c' AS dim, '' AS key, c AS n FROM s WHERE c <> 0 UNION ALL SELECT day, origin, 'k' AS dim, '' AS key, k AS n FROM s WHERE k <> 0) WHERE true
  ON CONFLICT (day, origin, dim, key) DO UPDATE SET n = n + excluded.n;
  INSERT INTO floating_roster_days (day, origin, dim, key, n)
  SELECT day, origin, dim, key, n FROM (
    WITH e AS MATERIALIZED (SELECT p.day, m.origin, m.village_id AS village, m.dest_province_code AS province, m.reason, (m.deleted_at IS NULL AND m.left_date <= p.day AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = m.id AND h.deleted_at IS NULL AND h.date <= p.day ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN m.status <> '外出中' AND coalesce(m.status_date, m.left_date) <= p.day THEN m.status ELSE '外出中' END) = '外出中') AS a1, (m.deleted_at IS NULL AND m.left_date <= date(p.day, '-1 day') AND coalesce((SELECT h.status FROM member_status_history h WHERE h.member_id = m.id AND h.deleted_at IS NULL AND h.date <= date(p.day, '-1 day') ORDER BY h.date DESC, h.created_at DESC, h.status DESC LIMIT 1),
    CASE WHEN m.status <> '外出中' AND coalesce(m.status_date, m.left_date) <= date(p.day, '-1 day') THEN m.status ELSE '外出中' END) = '外出中') AS a0, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.start_date <= p.day AND (t.end_date IS NULL OR t.end_date > p.day))) AS c1, (EXISTS (SELECT 1 FROM member_contacts t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.start_date <= date(p.day, '-1 day') AND (t.end_date IS NULL OR t.end_date > date(p.day, '-1 day')))) AS c0, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(p.day, -(SELECT days FROM floating_roster_interval) || ' days') AND p.day)) AS k1, (EXISTS (SELECT 1 FROM contact_records t WHERE t.member_id = m.id AND t.deleted_at IS NULL AND t.contact_date BETWEEN date(date(p.day, '-1 day'), -(SELECT days FROM floating_roster_interval) || ' days') AND date(p.day, '-1 day'))) AS k0,
        (m.deleted_at IS NULL AND m.left_date <= p.day AND coalesce((SELECT status FROM (SELECT h.status, h.date, h.created_at FROM member_status_history h WHERE h.member_id = m.id AND h.deleted_at IS NULL AND h.date <= p.day AND h.rowid <> NEW.rowid UNION ALL SELECT OLD.status, OLD.date, OLD.created_at WHERE OLD.member_id = m.id AND OLD.deleted_at IS NULL AND OLD.date <= p.day)
    ORDER BY date DESC, created_at DESC, status DESC LIMIT 1),
    CASE WHEN m.status <> '外出中' AND coalesce(m.status_date, m.left_date) <= p.day THEN m.status ELSE '外出中' END) = '外出中') AS w1, (m.deleted_at IS NULL AND m.left_date <= date(p.day, '-1 day') AND coalesce((SELECT status FROM (SELECT h.status, h.date, h.created_at FROM member_status_history h WHERE h.member_id = m.id AND h.deleted_at IS NULL AND h.date <= date(p.day, '-1 day') AND h.rowid <> NEW.rowid UNION ALL SELECT OLD.status, OLD.date, OLD.created_at WHERE OLD.member_id = m.id AND OLD.deleted_at IS NULL AND OLD.date <= date(p.day, '-1 day'))
    ORDER BY date DESC, created_at DESC, status DESC LIMIT 1),
    CASE WHEN m.status <> '外出中' AND coalesce(m.status_date, m.left_date) <= date(p.day, '-1 day') THEN m.status ELSE '外出中' END) = '外出中') AS w0
      FROM floating_members m, (SELECT left_date AS day FROM floating_members WHERE id = NEW.member_id UNION SELECT coalesce(status_date, left_date) FROM floating_members WHERE id = NEW.member_id UNION SELECT date FROM member_status_history WHERE member_id = NEW.member_id AND deleted_at IS NULL UNION SELECT OLD.date UNION SELECT start_date FROM member_contacts WHERE member_id = NEW.member_id AND deleted_at IS NULL
   UNION SELECT end_date FROM member_contacts WHERE member_id = NEW.member_id AND deleted_at IS NULL UNION SELECT contact_date FROM contact_records WHERE member_id = NEW.member_id AND deleted_at IS NULL
   UNION SELECT date(contact_date, ((SELECT days FROM floating_roster_interval) + 1) || ' days') FROM contact_records WHERE member_id = NEW.member_id AND deleted_at IS NULL) p WHERE m.id = NEW.member_id AND m.deleted_at IS NULL AND p.day IS NOT NULL AND OLD.member_id IS NOT NEW.member_id),
    s AS (SELECT day, origin, village, province, reason, (e.a1 - e.a0) - (e.w1 - e.w0) AS r, (e.a1 * e.c1 - e.a0 * e.c0) - (e.w1 * e.c1 - e.w0 * e.c0) AS c, (e.a1 * e.k1 - e.a0 * e.k0) - (e.w1 * e.k1 - e.w0 * e.k0) AS k FROM e)
    SELECT day, origin, 'v' AS dim, village AS key, r AS n FROM s WHERE r <> 0
    UNION ALL SELECT day, origin, 'p', province, r FROM s WHERE r <> 0
    UNION ALL SELECT day, origin, 'r', reason, r FROM s WHERE r <> 0 UNION ALL SELECT day, origin, 'c' AS dim, '' AS key, c AS n FROM s WHERE c <> 0 UNION ALL SELECT day, origin, 'k' AS dim, '' AS key, k AS n FROM s WHERE k <> 0) WHERE true
  ON CONFLICT (day, origin, dim, key) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER floating_search_insert AFTER INSERT ON floating_members BEGIN
  INSERT OR IGNORE INTO floating_search_grams (gram, field, value)
  WITH RECURSIVE
    v (field, value) AS (SELECT 'name', NEW.name UNION SELECT 'dest', NEW.dest_text UNION SELECT 'workplace', NEW.workplace),
    fresh (field, value) AS (SELECT field, value FROM v WHERE value IS NOT NULL AND value <> ''
      AND NOT EXISTS (SELECT 1 FROM floating_search_grams g WHERE g.gram = substr(v.value, 1, 1) AND g.field = v.field AND g.value = v.value)),
    at (field, value, i) AS (SELECT field, value, 1 FROM fresh UNION ALL SELECT field, value, i + 1 FROM at WHERE i < length(value))
  SELECT substr(value, i, 1), field, value FROM at
  UNION ALL SELECT substr(value, i, 2), field, value FROM at WHERE i < length(value);
END;

CREATE TRIGGER floating_search_update AFTER UPDATE OF name, dest_text, workplace ON floating_members BEGIN
  INSERT OR IGNORE INTO floating_search_grams (gram, field, value)
  WITH RECURSIVE
    v (field, value) AS (SELECT 'name', NEW.name UNION SELECT 'dest', NEW.dest_text UNION SELECT 'workplace', NEW.workplace),
    fresh (field, value) AS (SELECT field, value FROM v WHERE value IS NOT NULL AND value <> ''
      AND NOT EXISTS (SELECT 1 FROM floating_search_grams g WHERE g.gram = substr(v.value, 1, 1) AND g.field = v.field AND g.value = v.value)),
    at (field, value, i) AS (SELECT field, value, 1 FROM fresh UNION ALL SELECT field, value, i + 1 FROM at WHERE i < length(value))
  SELECT substr(value, i, 1), field, value FROM at
  UNION ALL SELECT substr(value, i, 2), field, value FROM at WHERE i < length(value);
END;

CREATE TRIGGER project_groups_delete AFTER DELETE ON projects WHEN OLD.deleted_at IS NULL BEGIN
  INSERT INTO project_groups (status, category, year, end_day, origin, n, total, fiscal, aid, village, social, other, households)
    SELECT OLD.status, OLD.category, OLD.year, CASE WHEN OLD.status = '终止' THEN ifnull(OLD.actual_end, '') ELSE '' END, OLD.origin, -1,
      -1 * OLD.total_fen, -1 * OLD.fiscal_fen, -1 * OLD.aid_fen, -1 * OLD.village_fen, -1 * OLD.social_fen,
      -1 * OLD.other_fen, -1 * ifnull(OLD.households, 0)
    WHERE OLD.deleted_at IS NULL
    ON CONFLICT (status, category, year, end_day, origin) DO UPDATE SET n = n + excluded.n, total = total + excluded.total,
      fiscal = fiscal + excluded.fiscal, aid = aid + excluded.aid, village = village + excluded.village, social = social + excluded.social,
      other = other + excluded.other, households = households + excluded.households;
END;

CREATE TRIGGER project_groups_insert AFTER INSERT ON projects WHEN NEW.deleted_at IS NULL BEGIN
  INSERT INTO project_groups (status, category, year, end_day, origin, n, total, fiscal, aid, village, social, other, households)
    SELECT NEW.status, NEW.category, NEW.year, CASE WHEN NEW.status = '终止' THEN ifnull(NEW.actual_end, '') ELSE '' END, NEW.origin, 1,
      1 * NEW.total_fen, 1 * NEW.fiscal_fen, 1 * NEW.aid_fen, 1 * NEW.village_fen, 1 * NEW.social_fen,
      1 * NEW.other_fen, 1 * ifnull(NEW.households, 0)
    WHERE NEW.deleted_at IS NULL
    ON CONFLICT (status, category, year, end_day, origin) DO UPDATE SET n = n + excluded.n, total = total + excluded.total,
      fiscal = fiscal + excluded.fiscal, aid = aid + excluded.aid, village = village + excluded.village, social = social + excluded.social,
      other = other + excluded.other, households = households + excluded.households;
END;

CREATE TRIGGER project_groups_update AFTER UPDATE OF status, category, year, actual_end, origin, deleted_at,
  total_fen, fiscal_fen, aid_fen, village_fen, social_fen, other_fen, households ON projects
WHEN OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL BEGIN
  INSERT INTO project_groups (status, category, year, end_day, origin, n, total, fiscal, aid, village, social, other, households)
    SELECT OLD.status, OLD.category, OLD.year, CASE WHEN OLD.status = '终止' THEN ifnull(OLD.actual_end, '') ELSE '' END, OLD.origin, -1,
      -1 * OLD.total_fen, -1 * OLD.fiscal_fen, -1 * OLD.aid_fen, -1 * OLD.village_fen, -1 * OLD.social_fen,
      -1 * OLD.other_fen, -1 * ifnull(OLD.households, 0)
    WHERE OLD.deleted_at IS NULL
    ON CONFLICT (status, category, year, end_day, origin) DO UPDATE SET n = n + excluded.n, total = total + excluded.total,
      fiscal = fiscal + excluded.fiscal, aid = aid + excluded.aid, village = village + excluded.village, social = social + excluded.social,
      other = other + excluded.other, households = households + excluded.households;
  INSERT INTO project_groups (status, category, year, end_day, origin, n, total, fiscal, aid, village, social, other, households)
    SELECT NEW.status, NEW.category, NEW.year, CASE WHEN NEW.status = '终止' THEN ifnull(NEW.actual_end, '') ELSE '' END, NEW.origin, 1,
      1 * NEW.total_fen, 1 * NEW.fiscal_fen, 1 * NEW.aid_fen, 1 * NEW.village_fen, 1 * NEW.social_fen,
      1 * NEW.other_fen, 1 * ifnull(NEW.households, 0)
    WHERE NEW.deleted_at IS NULL
    ON CONFLICT (status, category, year, end_day, origin) DO UPDATE SET n = n + excluded.n, total = total + excluded.total,
      fiscal = fiscal + excluded.fiscal, aid = aid + excluded.aid, village = village + excluded.village, social = social + excluded.social,
      other = other + excluded.other, households = households + excluded.households;
END;

CREATE TRIGGER work_log_counts_delete AFTER DELETE ON work_logs WHEN OLD.deleted_at IS NULL BEGIN
  UPDATE work_log_days SET logs = logs - 1, in_village = in_village - OLD.in_village, households = households - OLD.households
    WHERE OLD.deleted_at IS NULL AND day = OLD.log_date AND origin = OLD.origin;
  UPDATE work_log_months SET logs = logs - 1
    WHERE OLD.deleted_at IS NULL AND month = substr(OLD.log_date, 1, 7) AND cadre_id = OLD.cadre_id AND origin = OLD.origin;
END;

CREATE TRIGGER work_log_counts_insert AFTER INSERT ON work_logs WHEN NEW.deleted_at IS NULL BEGIN
  INSERT INTO work_log_days (day, origin, logs, in_village, households)
    SELECT NEW.log_date, NEW.origin, 1, NEW.in_village, NEW.households WHERE NEW.deleted_at IS NULL
    ON CONFLICT (day, origin) DO UPDATE SET
      logs = logs + 1, in_village = in_village + excluded.in_village, households = households + excluded.households;
  INSERT INTO work_log_months (month, cadre_id, origin, logs)
    SELECT substr(NEW.log_date, 1, 7), NEW.cadre_id, NEW.origin, 1 WHERE NEW.deleted_at IS NULL
    ON CONFLICT (month, cadre_id, origin) DO UPDATE SET logs = logs + 1;
END;

CREATE TRIGGER work_log_counts_update AFTER UPDATE OF cadre_id, log_date, origin, in_village, households, deleted_at ON work_logs
WHEN OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL BEGIN
  UPDATE work_log_days SET logs = logs - 1, in_village = in_village - OLD.in_village, households = households - OLD.households
    WHERE OLD.deleted_at IS NULL AND day = OLD.log_date AND origin = OLD.origin;
  UPDATE work_log_months SET logs = logs - 1
    WHERE OLD.deleted_at IS NULL AND month = substr(OLD.log_date, 1, 7) AND cadre_id = OLD.cadre_id AND origin = OLD.origin;
  INSERT INTO work_log_days (day, origin, logs, in_village, households)
    SELECT NEW.log_date, NEW.origin, 1, NEW.in_village, NEW.households WHERE NEW.deleted_at IS NULL
    ON CONFLICT (day, origin) DO UPDATE SET
      logs = logs + 1, in_village = in_village + excluded.in_village, households = households + excluded.households;
  INSERT INTO work_log_months (month, cadre_id, origin, logs)
    SELECT substr(NEW.log_date, 1, 7), NEW.cadre_id, NEW.origin, 1 WHERE NEW.deleted_at IS NULL
    ON CONFLICT (month, cadre_id, origin) DO UPDATE SET logs = logs + 1;
END;

CREATE TRIGGER work_log_days_delete AFTER DELETE ON work_logs
WHEN OLD.deleted_at IS NULL AND OLD.in_village = 1 BEGIN
  UPDATE work_log_month_days SET days = days - 1 WHERE cadre_id = OLD.cadre_id AND month = substr(OLD.log_date, 1, 7);
END;

CREATE TRIGGER work_log_days_insert AFTER INSERT ON work_logs
WHEN NEW.deleted_at IS NULL AND NEW.in_village = 1 BEGIN
  INSERT INTO work_log_month_days (cadre_id, month, days) VALUES (NEW.cadre_id, substr(NEW.log_date, 1, 7), 1)
    ON CONFLICT (cadre_id, month) DO UPDATE SET days = days + 1;
END;

CREATE TRIGGER work_log_days_update AFTER UPDATE OF cadre_id, log_date, in_village, deleted_at ON work_logs
WHEN (OLD.deleted_at IS NULL AND OLD.in_village = 1) OR (NEW.deleted_at IS NULL AND NEW.in_village = 1) BEGIN
  UPDATE work_log_month_days SET days = days - 1
    WHERE OLD.deleted_at IS NULL AND OLD.in_village = 1 AND cadre_id = OLD.cadre_id AND month = substr(OLD.log_date, 1, 7);
  INSERT INTO work_log_month_days (cadre_id, month, days)
    SELECT NEW.cadre_id, substr(NEW.log_date, 1, 7), 1 WHERE NEW.deleted_at IS NULL AND NEW.in_village = 1
    ON CONFLICT (cadre_id, month) DO UPDATE SET days = days + 1;
END;

CREATE TRIGGER work_log_firsts_delete AFTER DELETE ON work_logs WHEN OLD.deleted_at IS NULL BEGIN
  INSERT INTO work_log_firsts (day, prev, n)
    SELECT CASE k WHEN 0 THEN d ELSE x END, CASE k WHEN 2 THEN d ELSE p END, CASE k WHEN 1 THEN 1 ELSE -1 END
    FROM (SELECT OLD.log_date AS d,
    ifnull((SELECT max(log_date) FROM work_logs INDEXED BY work_logs_day_live
      WHERE cadre_id = OLD.cadre_id AND deleted_at IS NULL AND log_date < OLD.log_date AND rowid <> OLD.rowid), '') AS p,
    (SELECT min(log_date) FROM work_logs INDEXED BY work_logs_day_live
      WHERE cadre_id = OLD.cadre_id AND deleted_at IS NULL AND log_date > OLD.log_date AND rowid <> OLD.rowid) AS x
  LIMIT 1) CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2)
    WHERE OLD.deleted_at IS NULL AND (k = 0 OR x IS NOT NULL)
    ON CONFLICT (day, prev) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER work_log_firsts_insert AFTER INSERT ON work_logs WHEN NEW.deleted_at IS NULL BEGIN
  INSERT INTO work_log_firsts (day, prev, n)
    SELECT CASE k WHEN 0 THEN d ELSE x END, CASE k WHEN 2 THEN d ELSE p END, CASE k WHEN 1 THEN -1 ELSE 1 END
    FROM (SELECT NEW.log_date AS d,
    ifnull((SELECT max(log_date) FROM work_logs INDEXED BY work_logs_day_live
      WHERE cadre_id = NEW.cadre_id AND deleted_at IS NULL AND log_date < NEW.log_date AND rowid <> NEW.rowid), '') AS p,
    (SELECT min(log_date) FROM work_logs INDEXED BY work_logs_day_live
      WHERE cadre_id = NEW.cadre_id AND deleted_at IS NULL AND log_date > NEW.log_date AND rowid <> NEW.rowid) AS x
  LIMIT 1) CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2)
    WHERE NEW.deleted_at IS NULL AND (k = 0 OR x IS NOT NULL)
    ON CONFLICT (day, prev) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER work_log_firsts_update AFTER UPDATE OF cadre_id, log_date, deleted_at ON work_logs
WHEN (OLD.deleted_at IS NULL OR NEW.deleted_at IS NULL)
  AND (OLD.cadre_id IS NOT NEW.cadre_id OR OLD.log_date IS NOT NEW.log_date OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)) BEGIN
  INSERT INTO work_log_firsts (day, prev, n)
    SELECT CASE k WHEN 0 THEN d ELSE x END, CASE k WHEN 2 THEN d ELSE p END, CASE k WHEN 1 THEN 1 ELSE -1 END
    FROM (SELECT OLD.log_date AS d,
    ifnull((SELECT max(log_date) FROM work_logs INDEXED BY work_logs_day_live
      WHERE cadre_id = OLD.cadre_id AND deleted_at IS NULL AND log_date < OLD.log_date AND rowid <> OLD.rowid), '') AS p,
    (SELECT min(log_date) FROM work_logs INDEXED BY work_logs_day_live
      WHERE cadre_id = OLD.cadre_id AND deleted_at IS NULL AND log_date > OLD.log_date AND rowid <> OLD.rowid) AS x
  LIMIT 1) CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2)
    WHERE OLD.deleted_at IS NULL AND (k = 0 OR x IS NOT NULL)
    ON CONFLICT (day, prev) DO UPDATE SET n = n + excluded.n;
  INSERT INTO work_log_firsts (day, prev, n)
    SELECT CASE k WHEN 0 THEN d ELSE x END, CASE k WHEN 2 THEN d ELSE p END, CASE k WHEN 1 THEN -1 ELSE 1 END
    FROM (SELECT NEW.log_date AS d,
    ifnull((SELECT max(log_date) FROM work_logs INDEXED BY work_logs_day_live
      WHERE cadre_id = NEW.cadre_id AND deleted_at IS NULL AND log_date < NEW.log_date AND rowid <> NEW.rowid), '') AS p,
    (SELECT min(log_date) FROM work_logs INDEXED BY work_logs_day_live
      WHERE cadre_id = NEW.cadre_id AND deleted_at IS NULL AND log_date > NEW.log_date AND rowid <> NEW.rowid) AS x
  LIMIT 1) CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2)
    WHERE NEW.deleted_at IS NULL AND (k = 0 OR x IS NOT NULL)
    ON CONFLICT (day, prev) DO UPDATE SET n = n + excluded.n;
END;

CREATE TABLE attendance_pairs (
  month  TEXT NOT NULL,
  origin TEXT NOT NULL,
  posted INTEGER NOT NULL,
  days   INTEGER NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY (month, origin, posted, days)
) STRICT, WITHOUT ROWID;

CREATE TABLE attendance_whole (
  month  TEXT NOT NULL,
  origin TEXT NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY (month, origin)
) STRICT, WITHOUT ROWID;

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

CREATE TABLE cadre_post_spans (
  day        TEXT NOT NULL,
  origin     TEXT NOT NULL,
  role       TEXT NOT NULL,
  cadre      INTEGER NOT NULL,
  unit_level TEXT NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (origin, day, role, cadre, unit_level)
) STRICT, WITHOUT ROWID;

CREATE TABLE cadre_post_starts (
  day    TEXT NOT NULL,
  origin TEXT NOT NULL,
  role   TEXT NOT NULL,
  young  INTEGER NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY (origin, day, role, young)
) STRICT, WITHOUT ROWID;

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

CREATE TABLE contact_record_days (
  day    TEXT NOT NULL,
  origin TEXT NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY (day, origin)
) STRICT, WITHOUT ROWID;

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

CREATE TABLE dev_rules (
  id             INTEGER PRIMARY KEY,
  rule_key       TEXT NOT NULL,
  value          INTEGER NOT NULL CHECK (value BETWEEN 0 AND 120),
  effective_from TEXT NOT NULL,
  source         TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  created_by     TEXT NOT NULL
) STRICT;

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

CREATE TABLE floating_no_contact (
  member_id TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

CREATE TABLE floating_roster_days (
  day    TEXT NOT NULL,
  origin TEXT NOT NULL,
  dim    TEXT NOT NULL,
  key    TEXT NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY (day, origin, dim, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE floating_roster_interval (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  days INTEGER NOT NULL
) STRICT;

CREATE TABLE floating_roster_months (
  month  TEXT NOT NULL,
  origin TEXT NOT NULL,
  dim    TEXT NOT NULL,
  key    TEXT NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY (month, origin, dim, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE floating_search_grams (
  gram  TEXT NOT NULL,
  field TEXT NOT NULL CHECK (field IN ('name', 'dest', 'workplace')),
  value TEXT NOT NULL
) STRICT;

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

CREATE TABLE project_groups (
  status     TEXT NOT NULL,
  category   TEXT NOT NULL,
  year       INTEGER NOT NULL,
  end_day    TEXT NOT NULL,
  origin     TEXT NOT NULL,
  n          INTEGER NOT NULL,
  total      INTEGER NOT NULL,
  fiscal     INTEGER NOT NULL,
  aid        INTEGER NOT NULL,
  village    INTEGER NOT NULL,
  social     INTEGER NOT NULL,
  other      INTEGER NOT NULL,
  households INTEGER NOT NULL,
  PRIMARY KEY (status, category, year, end_day, origin)
) STRICT, WITHOUT ROWID;

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

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE shared_id_numbers (
  id_number TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

CREATE TABLE sqlite_stat1(tbl,idx,stat);

CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample);

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

CREATE TABLE sync_clock (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL
) STRICT;

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
, chain_start INTEGER NOT NULL DEFAULT 0) STRICT;

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

CREATE TABLE sync_pins (
  installation_id TEXT PRIMARY KEY,
  township_code   TEXT NOT NULL,
  township_name   TEXT NOT NULL,
  public_key      TEXT NOT NULL,
  fingerprint     TEXT NOT NULL,
  pinned_at       TEXT NOT NULL,
  pinned_by       TEXT NOT NULL
, revoked_at TEXT, revoked_by TEXT, revoke_reason TEXT, village_id TEXT, proof TEXT) STRICT;

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

CREATE TABLE work_log_days (
  day        TEXT NOT NULL,
  origin     TEXT NOT NULL,
  logs       INTEGER NOT NULL,
  in_village INTEGER NOT NULL,
  households INTEGER NOT NULL,
  PRIMARY KEY (day, origin)
) STRICT, WITHOUT ROWID;

CREATE TABLE work_log_firsts (
  day  TEXT NOT NULL,
  prev TEXT NOT NULL,
  n    INTEGER NOT NULL,
  PRIMARY KEY (day, prev)
) STRICT, WITHOUT ROWID;

CREATE TABLE work_log_month_days (
  cadre_id TEXT NOT NULL,
  month    TEXT NOT NULL,
  days     INTEGER NOT NULL CHECK (days >= 0),
  PRIMARY KEY (cadre_id, month)
) STRICT, WITHOUT ROWID;

CREATE TABLE work_log_months (
  month    TEXT NOT NULL,
  cadre_id TEXT NOT NULL,
  origin   TEXT NOT NULL,
  logs     INTEGER NOT NULL,
  PRIMARY KEY (month, cadre_id, origin)
) STRICT, WITHOUT ROWID;

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

CREATE INDEX audit_log_row ON audit_log (table_name, row_id);

CREATE UNIQUE INDEX cadre_assessments_live ON cadre_assessments (cadre_id, year) WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX cadre_assessments_seq ON cadre_assessments (seq);

CREATE INDEX cadre_assessments_year ON cadre_assessments (year);

CREATE UNIQUE INDEX cadre_evaluations_live ON cadre_evaluations (cadre_id, year, quarter) WHERE deleted_at IS NULL;

CREATE INDEX cadre_evaluations_period ON cadre_evaluations (year, quarter);

CREATE UNIQUE INDEX cadre_evaluations_seq ON cadre_evaluations (seq);

CREATE INDEX cadre_inspections_cadre ON cadre_inspections (cadre_id, inspect_date);

CREATE INDEX cadre_inspections_date ON cadre_inspections (inspect_date);

CREATE UNIQUE INDEX cadre_inspections_seq ON cadre_inspections (seq);

CREATE INDEX cadre_postings_cadre ON cadre_postings (cadre_id, start_date);

CREATE INDEX cadre_postings_ended ON cadre_postings (actual_end, status, origin) WHERE deleted_at IS NULL AND status <> '在岗';

CREATE INDEX cadre_postings_in_post ON cadre_postings (cadre_id, role, start_date, status, actual_end, deleted_at)
  WHERE deleted_at IS NULL AND status = '在岗' AND actual_end IS NULL;

CREATE UNIQUE INDEX cadre_postings_one_post ON cadre_postings (cadre_id)
  WHERE deleted_at IS NULL AND status = '在岗' AND actual_end IS NULL;

CREATE UNIQUE INDEX cadre_postings_one_secretary ON cadre_postings (village_id)
  WHERE deleted_at IS NULL AND status = '在岗' AND actual_end IS NULL AND role = '第一书记';

CREATE UNIQUE INDEX cadre_postings_seq ON cadre_postings (seq);

CREATE INDEX cadre_postings_village ON cadre_postings (village_id, role);

CREATE INDEX cadres_birth_date ON cadres (birth_date);

CREATE INDEX cadres_id_number_live ON cadres (id_number) WHERE deleted_at IS NULL;

CREATE INDEX cadres_live ON cadres (id, deleted_at) WHERE deleted_at IS NULL;

CREATE INDEX cadres_name ON cadres (name);

CREATE UNIQUE INDEX cadres_seq ON cadres (seq);

CREATE INDEX cadres_unit ON cadres (unit);

CREATE INDEX cadres_updated_at ON cadres (updated_at);

CREATE INDEX contact_records_member ON contact_records (member_id, contact_date, deleted_at) WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX contact_records_seq ON contact_records (seq);

CREATE INDEX dev_assessments_person ON dev_assessments (person_id, date) WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX dev_assessments_seq ON dev_assessments (seq);

CREATE INDEX dev_people_id_live ON dev_people (id_number, deleted_at) WHERE deleted_at IS NULL;

CREATE INDEX dev_people_name ON dev_people (name) WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX dev_people_seq ON dev_people (seq);

CREATE INDEX dev_people_stage ON dev_people (stage, deleted_at) WHERE deleted_at IS NULL;

CREATE INDEX dev_people_village ON dev_people (village_id, stage, deleted_at) WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX dev_rules_key ON dev_rules (rule_key, effective_from);

CREATE INDEX floating_members_contact_order ON floating_members (coalesce(last_contact_date, left_date), id) WHERE deleted_at IS NULL;

CREATE INDEX floating_members_dest ON floating_members (dest_text) WHERE deleted_at IS NULL;

CREATE INDEX floating_members_due ON floating_members (coalesce(last_contact_date, left_date)) WHERE deleted_at IS NULL AND status = '外出中';

CREATE INDEX floating_members_id_live ON floating_members (id_number, deleted_at) WHERE deleted_at IS NULL;

CREATE INDEX floating_members_left ON floating_members (left_date, id) WHERE deleted_at IS NULL;

CREATE INDEX floating_members_live ON floating_members (status, id, deleted_at) WHERE deleted_at IS NULL;

CREATE INDEX floating_members_mobile ON floating_members (mobile, deleted_at) WHERE deleted_at IS NULL;

CREATE INDEX floating_members_name ON floating_members (name) WHERE deleted_at IS NULL;

CREATE INDEX floating_members_roster ON floating_members
  (id, left_date, deleted_at, status, status_date, dest_province_code, reason, village_id, origin) WHERE left_date IS NOT NULL;

CREATE INDEX floating_members_roster_groups ON floating_members
  (village_id, dest_province_code, reason, left_date, deleted_at, status, status_date, id, origin) WHERE left_date IS NOT NULL;

CREATE UNIQUE INDEX floating_members_seq ON floating_members (seq);

CREATE INDEX floating_members_status ON floating_members (status, name) WHERE deleted_at IS NULL;

CREATE INDEX floating_members_updated ON floating_members (updated_at, id) WHERE deleted_at IS NULL;

CREATE INDEX floating_members_village ON floating_members (village_id, name) WHERE deleted_at IS NULL;

CREATE INDEX floating_members_workplace ON floating_members (workplace) WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX floating_search_grams_key ON floating_search_grams (gram, field, value);

CREATE UNIQUE INDEX member_contacts_current ON member_contacts (member_id) WHERE deleted_at IS NULL AND end_date IS NULL;

CREATE INDEX member_contacts_member ON member_contacts (member_id, start_date) WHERE deleted_at IS NULL;

CREATE INDEX member_contacts_open ON member_contacts (member_id, deleted_at, end_date, start_date);

CREATE UNIQUE INDEX member_contacts_seq ON member_contacts (seq);

CREATE INDEX member_status_history_member ON member_status_history (member_id, date, created_at, status, deleted_at) WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX member_status_history_seq ON member_status_history (seq);

CREATE INDEX member_status_history_status ON member_status_history (status, date, member_id, deleted_at) WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX project_incomes_live ON project_incomes (project_id, year) WHERE deleted_at IS NULL;

CREATE INDEX project_incomes_live_year ON project_incomes (year, project_id, deleted_at, income_fen) WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX project_incomes_seq ON project_incomes (seq);

CREATE INDEX project_incomes_year ON project_incomes (year, project_id);

CREATE INDEX project_progress_latest ON project_progress (project_id, report_date DESC, created_at DESC) WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX project_progress_seq ON project_progress (seq);

CREATE INDEX projects_category ON projects (category);

CREATE INDEX projects_income_due ON projects (year, total_fen, status, actual_end, deleted_at, id) WHERE deleted_at IS NULL;

CREATE INDEX projects_live ON projects (status, deleted_at) WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX projects_seq ON projects (seq);

CREATE INDEX projects_status ON projects (status);

CREATE INDEX projects_updated ON projects (updated_at);

CREATE INDEX projects_village_cover ON projects (village_id, year, status, actual_end, deleted_at, name, id);

CREATE INDEX projects_village_year ON projects (village_id, year);

CREATE INDEX projects_year ON projects (year, status);

CREATE INDEX rectification_cases_found ON rectification_cases (finding_date, deleted_at) WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX rectification_cases_seq ON rectification_cases (seq);

CREATE INDEX rectification_cases_village ON rectification_cases (village_id, finding_date) WHERE deleted_at IS NULL;

CREATE INDEX rectification_measures_case ON rectification_measures (case_id, measure_date) WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX rectification_measures_seq ON rectification_measures (seq);

CREATE UNIQUE INDEX star_ratings_live ON star_ratings (village_id, year) WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX star_ratings_seq ON star_ratings (seq);

CREATE INDEX star_ratings_year ON star_ratings (year, stars, deleted_at);

CREATE INDEX star_rectifications_rating ON star_rectifications (rating_id, deleted_at);

CREATE UNIQUE INDEX star_rectifications_seq ON star_rectifications (seq);

CREATE UNIQUE INDEX sync_in_hash ON sync_in (hash);

CREATE INDEX sync_in_installation ON sync_in (installation_id, bundle_seq);

CREATE INDEX sync_in_township ON sync_in (township_code, imported_at);

CREATE INDEX sync_pins_key ON sync_pins (public_key);

CREATE INDEX sync_pins_township ON sync_pins (township_code);

CREATE INDEX sync_refused_at ON sync_refused (at);

CREATE UNIQUE INDEX village_years_live ON village_years (village_id, year) WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX village_years_seq ON village_years (seq);

CREATE UNIQUE INDEX villages_code_live ON villages (code) WHERE deleted_at IS NULL AND code IS NOT NULL;

CREATE INDEX villages_name ON villages (name);

CREATE UNIQUE INDEX villages_seq ON villages (seq);

CREATE INDEX work_logs_attendance ON work_logs (cadre_id, log_date, in_village, households, deleted_at) WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX work_logs_day_live ON work_logs (cadre_id, log_date) WHERE deleted_at IS NULL;

CREATE UNIQUE INDEX work_logs_seq ON work_logs (seq);
