import { expect } from 'vitest';
import type { Core } from '../../electron/core';
import { sectionsRecount } from '../../db/migrations/022_report_sections';

/**
 * The tables kept from the work logs (016's work_log_month_days, 020's work_log_days and
 * work_log_months, 022's work_log_firsts and the attendance_pairs kept from the month days)
 * beside a recount of the live logs. Rows whose counts went back to zero stay in the kept
 * tables (the triggers leave them), so only the others are compared.
 */
export const WORK_LOG_FIGURES = {
  days: {
    kept: 'SELECT day, origin, logs, in_village, households FROM work_log_days WHERE logs <> 0 ORDER BY day, origin',
    counted: `SELECT log_date AS day, origin, count(*) AS logs, sum(in_village) AS in_village, sum(households) AS households FROM work_logs
       WHERE deleted_at IS NULL GROUP BY log_date, origin ORDER BY log_date, origin`,
  },
  months: {
    kept: 'SELECT month, cadre_id, origin, logs FROM work_log_months WHERE logs <> 0 ORDER BY month, cadre_id, origin',
    counted: `SELECT substr(log_date, 1, 7) AS month, cadre_id, origin, count(*) AS logs FROM work_logs WHERE deleted_at IS NULL
       GROUP BY month, cadre_id, origin ORDER BY month, cadre_id, origin`,
  },
  // Per day and the cadre's previous live log day, the live logs.
  firsts: {
    kept: 'SELECT day, prev, n FROM work_log_firsts WHERE n <> 0 ORDER BY day, prev',
    counted: `SELECT w.log_date AS day, ifnull((SELECT max(v.log_date) FROM work_logs v WHERE v.cadre_id = w.cadre_id AND v.deleted_at IS NULL AND v.log_date < w.log_date), '') AS prev,
         count(*) AS n FROM work_logs w WHERE w.deleted_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2`,
  },
  monthDays: {
    kept: 'SELECT cadre_id, month, days FROM work_log_month_days WHERE days > 0 ORDER BY cadre_id, month',
    counted: `SELECT cadre_id, substr(log_date, 1, 7) AS month, count(*) AS days FROM work_logs WHERE deleted_at IS NULL AND in_village = 1
       GROUP BY cadre_id, month ORDER BY cadre_id, month`,
  },
  pairs: {
    kept: 'SELECT * FROM attendance_pairs WHERE n <> 0 ORDER BY month, origin, posted, days',
    counted: `SELECT * FROM (${sectionsRecount.pairs}) WHERE n <> 0 ORDER BY month, origin, posted, days`,
  },
} as const;

export type WorkLogFigure = keyof typeof WORK_LOG_FIGURES;

export const keptFigure = (core: Core, t: WorkLogFigure) => core.db.prepare(WORK_LOG_FIGURES[t].kept).all();
export const countedFigure = (core: Core, t: WorkLogFigure) => core.db.prepare(WORK_LOG_FIGURES[t].counted).all();

/** Every kept table equal to its recount. */
export function workLogFiguresAgree(core: Core, only: readonly WorkLogFigure[] = Object.keys(WORK_LOG_FIGURES) as WorkLogFigure[]): void {
  for (const t of only) expect(keptFigure(core, t), t).toEqual(countedFigure(core, t));
}
