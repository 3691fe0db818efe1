// Landed migrations never change; add a new numbered file instead.
// The 统计报表 and the 首页 at district scale (issue 16).
//
// The report's 期末在册 roster judges every member who had left by the period's last day: the
// member's status on that day (the latest status change up to it), whether a contact cadre was
// assigned on it, whether a contact record falls in the interval before it. Each of those was an
// index probe followed by a read of the table row for the columns the index lacked (deleted_at
// above all: a partial index's WHERE does not count as covering it, see 010): at 100,000 members,
// 300,000 reads of rows scattered through a file of gigabytes. These indexes hold every column
// those lookups name, deleted_at as their last column, so each is answered from the index alone.
// (The roster's own member rows are still read: an index holding the columns it groups by,
// village_id among them, would also cover the register's count by village, and the query-plan
// test's proof that a missing floating_members_village is caught relies on that count scanning.)
//
// - member_status_history_member (rebuilt): the status on a day, newest first within a day by
//   created_at, as the report orders them.
// - member_status_history_status: members recorded 已返回 / 组织关系转出 in a period.
// - member_contacts_open (rebuilt): a contact cadre assigned on a day (start_date added).
// - contact_records_member (rebuilt): a contact record in a date range.
// - work_logs_attendance (rebuilt): the period's work logs (households added), besides the
//   in-village days per cadre it already answered.
export const sql = `
DROP INDEX member_status_history_member;
CREATE INDEX member_status_history_member ON member_status_history (member_id, date, created_at, status, deleted_at) WHERE deleted_at IS NULL;
CREATE INDEX member_status_history_status ON member_status_history (status, date, member_id, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX member_contacts_open;
CREATE INDEX member_contacts_open ON member_contacts (member_id, deleted_at, end_date, start_date);
DROP INDEX contact_records_member;
CREATE INDEX contact_records_member ON contact_records (member_id, contact_date, deleted_at) WHERE deleted_at IS NULL;
DROP INDEX work_logs_attendance;
CREATE INDEX work_logs_attendance ON work_logs (cadre_id, log_date, in_village, households, deleted_at) WHERE deleted_at IS NULL;
`;
