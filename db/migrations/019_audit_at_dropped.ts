// Landed migrations never change; add a new numbered file instead.
// The audit log's index on its time (001's audit_log_at) is read by nothing: the 操作日志 screen
// pages by id and filters by table and row (audit_log_row), the 驻村版's conflict lookups go by
// table and row, and no export or CLI command orders or filters the log by time. Every save and
// every imported row still paid a random page of it (issue 16 item 6: one page in ten of a
// 联系记录 save's commit, and as much again per row of a district's import).
export const sql = `
DROP INDEX IF EXISTS audit_log_at;
`;
