import { checkChar } from '../../electron/domain/idNumber';

/**
 * Rows a real installation holds, for every table any landed migration creates, in
 * foreign-key order (parents first). The migration test inserts the rows of every table that
 * exists at version N, migrates to the latest and expects each of them back unchanged.
 * A migration that creates a table adds its rows here; the test names a table that has none.
 * A migration that transforms stored values states the expected result in the test, never here.
 */

type Row = Record<string, string | number | null>;

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const idNumber = (first17: string) => first17 + checkChar(first17);
const INST = 'b5b8f7a2-3c41-4e0a-9d6e-2f1c0a7e9d11';
const sync = (n: number, deleted = false): Row => ({
  id: id(n),
  created_at: '2025-03-01T02:00:00.000Z',
  updated_at: deleted ? '2025-06-01T02:00:00.000Z' : '2025-03-01T02:00:00.000Z',
  seq: n,
  version: deleted ? 2 : 1,
  deleted_at: deleted ? '2025-06-01T02:00:00.000Z' : null,
  origin: INST,
});

const V1 = id(1);
const V2 = id(2);
const C1 = id(10);
const C2 = id(11);
const M1 = id(30);
const M2 = id(31);
const P1 = id(50);
const P2 = id(51);
const D1 = id(60);
const R1 = id(70);
const S1 = id(80);
const S2 = id(81);

export const FIXTURE_SEQ = 100;

export const FIXTURE: Record<string, Row[]> = {
  settings: [
    { key: 'installation', value: JSON.stringify({ installationId: INST, role: 'township', unitCode: '450311100', unitName: '雁山镇', operator: '张三', setupAt: '2025-03-01T01:00:00.000Z' }) },
    { key: 'settings', value: JSON.stringify({ contactIntervalDays: 90, attendanceDays: 20 }) },
  ],
  sync_clock: [{ id: 1, seq: FIXTURE_SEQ }],
  audit_log: [
    { id: 1, at: '2025-03-01T02:00:00.000Z', operator: '张三', installation_id: INST, table_name: 'villages', row_id: V1, action: 'insert', seq: 1, before: null, after: JSON.stringify({ name: '东立村', version: 1 }) },
    { id: 2, at: '2025-06-01T02:00:00.000Z', operator: '张三', installation_id: INST, table_name: 'villages', row_id: V2, action: 'delete', seq: 2, before: JSON.stringify({ name: '枫林村', version: 1 }), after: null },
  ],
  villages: [
    { ...sync(1), code: '450311100200', name: '东立村', kind: '行政村', party_org_name: '中共东立村委员会', party_org_type: '党委', secretary: '李四', secretary_phone: '13812345678', key_village: 1, relocation: 0, note: '示范村' },
    { ...sync(2, true), code: '450311100201', name: '枫林村', kind: '社区', party_org_name: null, party_org_type: null, secretary: null, secretary_phone: null, key_village: 0, relocation: 1, note: null },
  ],
  village_years: [
    { ...sync(3), village_id: V1, year: 2024, stars: 4, income_fen: 1234567 },
    { ...sync(4, true), village_id: V1, year: 2025, stars: null, income_fen: null },
  ],
  cadres: [
    { ...sync(10), name: '王芳', id_number: idNumber('45031119850214002'), birth_date: '1985-02-14', gender: '女', ethnicity: '壮族', political_status: '中共党员', education: '大学本科', unit: '桂林市农业农村局', unit_level: '市直', post_rank: '四级主任科员', mobile: '13912345678', note: null },
    { ...sync(11, true), name: '陈刚', id_number: idNumber('45031119900101123'), birth_date: '1990-01-01', gender: '男', ethnicity: null, political_status: null, education: null, unit: '雁山区财政局', unit_level: '区直', post_rank: null, mobile: null, note: '已调离' },
    // The same person as the floating member of seq 38 (an ID number in both registers): a row of migration 018's shared_id_numbers.
    { ...sync(22), name: '王小明', id_number: idNumber('45031119900101131'), birth_date: '1990-01-01', gender: '男', ethnicity: '汉族', political_status: '中共党员', education: '高中', unit: '雁山区农业农村局', unit_level: '区直', post_rank: null, mobile: null, note: null },
  ],
  cadre_postings: [
    { ...sync(12), cadre_id: C1, village_id: V1, role: '第一书记', start_date: '2024-05-01', planned_end: '2026-04-30', actual_end: null, status: '在岗', reason: null, replaced_by_cadre_id: null },
    { ...sync(13, true), cadre_id: C2, village_id: V1, role: '工作队员', start_date: '2023-05-01', planned_end: '2025-04-30', actual_end: '2024-04-30', status: '召回调整', reason: '工作需要', replaced_by_cadre_id: C1 },
  ],
  work_logs: [
    { ...sync(14), cadre_id: C1, village_id: V1, log_date: '2025-03-03', in_village: 1, work_kind: '走访群众', households: 6, content: '走访脱贫户', problems: '饮水管道老化', follow_up: '报水利站' },
    { ...sync(15, true), cadre_id: C1, village_id: V1, log_date: '2025-03-04', in_village: 0, work_kind: '会议', households: 0, content: null, problems: null, follow_up: null },
  ],
  // Migration 016's days in the village per month: the live in-village log above (seq 14).
  work_log_month_days: [{ cadre_id: C1, month: '2025-03', days: 1 }],
  // Migration 020's logs per day and per month: the live log above (seq 14).
  work_log_days: [{ day: '2025-03-03', origin: INST, logs: 1, in_village: 1, households: 6 }],
  work_log_months: [{ month: '2025-03', cadre_id: C1, origin: INST, logs: 1 }],
  // Migration 022's report counts: the live posting above (in post since 2024-05-01, its cadre
  // over 35 then) with its one in-village day of 2025-03, and the live log's first day.
  attendance_pairs: [{ month: '2025-03', origin: INST, posted: 31, days: 1, n: 1 }],
  attendance_whole: [{ month: '2024-05', origin: INST, n: 1 }],
  cadre_post_starts: [{ day: '2024-05-01', origin: INST, role: '第一书记', young: 0, n: 1 }],
  cadre_post_spans: [{ day: '2024-05-01', origin: INST, role: '第一书记', cadre: 1, unit_level: '市直', n: 1 }],
  work_log_firsts: [{ day: '2025-03-03', prev: '', n: 1 }],
  cadre_inspections: [
    { ...sync(16), cadre_id: C1, inspect_date: '2025-04-10', inspector: '组织委员', in_post: 1, notes: '在岗' },
    { ...sync(17, true), cadre_id: C1, inspect_date: '2025-04-11', inspector: '纪委', in_post: 0, notes: null },
  ],
  cadre_evaluations: [
    { ...sync(18), cadre_id: C1, year: 2025, quarter: 1, result: '好', evaluator: '镇党委', notes: null },
    { ...sync(19, true), cadre_id: C1, year: 2025, quarter: 2, result: '一般', evaluator: null, notes: '录错' },
  ],
  cadre_assessments: [
    { ...sync(20), cadre_id: C1, year: 2024, result: '优秀', notes: '年度优秀' },
    { ...sync(21, true), cadre_id: C1, year: 2023, result: '称职', notes: null },
  ],
  // Before the members (no foreign key): each value's first character is there, so the members'
  // insert trigger finds the values indexed and adds nothing. In gram order, as the test reads them back.
  floating_search_grams: [
    { gram: '广', field: 'dest', value: '广东省深圳市宝安区' },
    { gram: '广', field: 'dest', value: '广西壮族自治区' },
    { gram: '李', field: 'name', value: '李娟' },
    { gram: '某', field: 'workplace', value: '某电子厂' },
    { gram: '王', field: 'name', value: '王小明' },
  ],
  floating_members: [
    { ...sync(30), village_id: V1, name: '王小明', id_number: idNumber('45031119900101123'), birth_date: '1990-01-01', gender: '男', ethnicity: '汉族', education: '高中', joined_party_date: '2012-07-01', member_type: '正式党员', left_date: '2024-03-01', dest_province_code: '44', dest_city_code: '4403', dest_county_code: '440306', dest_text: '广东省深圳市宝安区', workplace: '某电子厂', reason: '务工', occupation: '技术员', mobile: '13812345678', wechat: 'wxm1990', activity_card_no: 'HD-001', dest_org_joined: 1, dest_org_name: '宝安区流动党员党支部', status: '外出中', status_date: '2024-03-01', transfer_to: null, note: null, last_contact_date: '2025-02-20' },
    { ...sync(31, true), village_id: V1, name: '李娟', id_number: idNumber('45031119951212102'), birth_date: '1995-12-12', gender: '女', ethnicity: null, education: null, joined_party_date: null, member_type: '预备党员', left_date: '2023-09-01', dest_province_code: '45', dest_city_code: null, dest_county_code: null, dest_text: '广西壮族自治区', workplace: null, reason: '学习', occupation: null, mobile: null, wechat: null, activity_card_no: null, dest_org_joined: 0, dest_org_name: null, status: '组织关系转出', status_date: '2024-09-01', transfer_to: '南宁市某支部', note: '转出', last_contact_date: null },
    // Out with no contact cadre ever: a row of migration 016's floating_no_contact. Its values are in floating_search_grams already.
    { ...sync(38), village_id: V1, name: '王小明', id_number: idNumber('45031119900101131'), birth_date: '1990-01-01', gender: '男', ethnicity: '汉族', education: '高中', joined_party_date: '2012-07-01', member_type: '正式党员', left_date: '2024-03-01', dest_province_code: '44', dest_city_code: '4403', dest_county_code: '440306', dest_text: '广东省深圳市宝安区', workplace: null, reason: '务工', occupation: '技术员', mobile: null, wechat: null, activity_card_no: null, dest_org_joined: 1, dest_org_name: '宝安区流动党员党支部', status: '外出中', status_date: '2024-03-01', transfer_to: null, note: null, last_contact_date: '2025-02-20' },
  ],
  member_contacts: [
    { ...sync(32), member_id: M1, cadre_name: '赵强', cadre_phone: '13700001111', cadre_role: '村党支部委员', start_date: '2024-03-01', end_date: null },
    { ...sync(33, true), member_id: M2, cadre_name: '钱敏', cadre_phone: null, cadre_role: null, start_date: '2023-09-01', end_date: '2024-09-01' },
  ],
  floating_no_contact: [{ member_id: id(38) }],
  shared_id_numbers: [{ id_number: idNumber('45031119900101131') }],
  contact_records: [
    { ...sync(34), member_id: M1, contact_date: '2025-02-20', way: '微信', made_by: '赵强', content: '了解务工情况，提醒交党费', needs: '子女入学咨询' },
    { ...sync(35, true), member_id: M1, contact_date: '2025-01-10', way: '电话', made_by: '赵强', content: '春节返乡安排', needs: null },
  ],
  // Migration 017's records per day and origin: the live record above (seq 34) of a live member.
  contact_record_days: [{ day: '2025-02-20', origin: INST, n: 1 }],
  member_status_history: [
    { ...sync(36), member_id: M1, status: '外出中', date: '2024-03-01', transfer_to: null, note: null },
    { ...sync(37, true), member_id: M2, status: '组织关系转出', date: '2024-09-01', transfer_to: '南宁市某支部', note: '转出' },
  ],
  // Migration 021's roster steps (after the members, contacts, records and status changes, whose
  // triggers write them; the test sets them to these): the two live members out from 2024-03-01
  // (seq 30, 38), seq 30's contact cadre from then, and its record of 2025-02-20 counting for the
  // 90 days of the settings above, through 2025-05-21.
  floating_roster_interval: [{ id: 1, days: 90 }],
  floating_roster_days: [
    { day: '2024-03-01', origin: INST, dim: 'c', key: '', n: 1 },
    { day: '2024-03-01', origin: INST, dim: 'p', key: '44', n: 2 },
    { day: '2024-03-01', origin: INST, dim: 'r', key: '务工', n: 2 },
    { day: '2024-03-01', origin: INST, dim: 'v', key: V1, n: 2 },
    { day: '2025-02-20', origin: INST, dim: 'k', key: '', n: 1 },
    { day: '2025-05-22', origin: INST, dim: 'k', key: '', n: -1 },
  ],
  floating_roster_months: [
    { month: '2024-03', origin: INST, dim: 'c', key: '', n: 1 },
    { month: '2024-03', origin: INST, dim: 'p', key: '44', n: 2 },
    { month: '2024-03', origin: INST, dim: 'r', key: '务工', n: 2 },
    { month: '2024-03', origin: INST, dim: 'v', key: V1, n: 2 },
    { month: '2025-02', origin: INST, dim: 'k', key: '', n: 1 },
    { month: '2025-05', origin: INST, dim: 'k', key: '', n: -1 },
  ],
  projects: [
    { ...sync(50), village_id: V1, year: 2025, name: '百香果种植基地', category: '特色种养', model: '村集体自营', partner: '雁山农业合作社', responsible: '李四', planned_start: '2025-03-01', planned_end: '2025-12-31', actual_start: '2025-03-15', actual_end: null, status: '在建', total_fen: 50000000, fiscal_fen: 30000000, aid_fen: 10000000, village_fen: 5000000, social_fen: 4000000, other_fen: 1000000, households: 35, note: '一村一项目' },
    { ...sync(51, true), village_id: V1, year: 2024, name: '光伏发电', category: '物业经济', model: '入股分红', partner: null, responsible: null, planned_start: null, planned_end: null, actual_start: null, actual_end: null, status: '终止', total_fen: 0, fiscal_fen: 0, aid_fen: 0, village_fen: 0, social_fen: 0, other_fen: 0, households: null, note: null },
  ],
  // Migration 022's groups: the live project above.
  project_groups: [
    { status: '在建', category: '特色种养', year: 2025, end_day: '', origin: INST, n: 1, total: 50000000, fiscal: 30000000, aid: 10000000, village: 5000000, social: 4000000, other: 1000000, households: 35 },
  ],
  project_incomes: [
    { ...sync(52), project_id: P1, year: 2025, income_fen: 1234500 },
    { ...sync(53, true), project_id: P2, year: 2024, income_fen: 0 },
  ],
  project_progress: [
    { ...sync(54), project_id: P1, report_date: '2025-05-01', percent: 40, note: '完成育苗', problems: '雨季用工紧' },
    { ...sync(55, true), project_id: P1, report_date: '2025-04-01', percent: 10, note: null, problems: null },
  ],
  dev_people: [
    { ...sync(60), village_id: V1, name: '黄丽', id_number: idNumber('45031119980305002'), birth_date: '1998-03-05', gender: '女', ethnicity: '壮族', education: '大学本科', stage: '发展对象', application_date: '2024-03-01', talk_date: '2024-03-20', talk_by: '李四', activist_date: '2024-04-10', activist_way: '党员推荐', contact1: '李四', contact2: '王五', candidate_date: '2025-05-10', introducer1: '李四', introducer2: '王五', review_date: '2025-05-20', training_date: '2025-05-25', publicity_start: '2025-05-12', publicity_end: '2025-05-16', accept_date: null, votes_for: null, votes_against: null, votes_abstain: null, approval_date: null, oath_date: null, extension_date: null, extension_months: null, full_apply_date: null, full_meeting_date: null, full_approval_date: null, exit_date: null, exit_kind: null, exit_reason: null, note: '返乡创业青年' },
    { ...sync(61, true), village_id: V1, name: '赵强', id_number: idNumber('45031119920808101'), birth_date: '1992-08-08', gender: '男', ethnicity: null, education: null, stage: '入党申请人', application_date: '2024-06-01', talk_date: null, talk_by: null, activist_date: null, activist_way: null, contact1: null, contact2: null, candidate_date: null, introducer1: null, introducer2: null, review_date: null, training_date: null, publicity_start: null, publicity_end: null, accept_date: null, votes_for: null, votes_against: null, votes_abstain: null, approval_date: null, oath_date: null, extension_date: null, extension_months: null, full_apply_date: null, full_meeting_date: null, full_approval_date: null, exit_date: '2024-09-01', exit_kind: '本人撤回申请', exit_reason: '外出务工', note: null },
  ],
  dev_assessments: [
    { ...sync(62), person_id: D1, kind: '考察', date: '2024-10-10', content: '表现良好' },
    { ...sync(63, true), person_id: D1, kind: '培训', date: '2024-06-01', content: '积极分子培训班' },
  ],
  dev_rules: [
    { id: 100, rule_key: 'publicity_workdays', value: 7, effective_from: '2026-05-01', source: '自治区规定', created_at: '2026-05-02T02:00:00.000Z', created_by: '张三' },
  ],
  rectification_cases: [
    { ...sync(70), village_id: V1, name: '周明', id_number: idNumber('45031119800101001'), joined_date: '2019-07-01', finding_date: '2021-06-10', finding: '培养考察不满一年即确定为发展对象', note: null },
    { ...sync(71, true), village_id: V1, name: '吴刚', id_number: null, joined_date: null, finding_date: '2021-07-01', finding: '未经支部大会讨论', note: '重复登记' },
  ],
  rectification_measures: [
    { ...sync(72), case_id: R1, measure: '重新履行入党手续', measure_date: '2021-08-01', note: null },
    { ...sync(73, true), case_id: R1, measure: '提醒谈话', measure_date: '2021-07-15', note: '误录' },
  ],
  star_ratings: [
    { ...sync(80), village_id: V1, year: 2025, score: 72, stars: 3, change_reason: '村集体经济收入下降，组织生活不规范', publicity_start: '2026-01-10', publicity_end: '2026-01-16', note: null },
    { ...sync(81, true), village_id: V1, year: 2024, score: null, stars: 4, change_reason: null, publicity_start: null, publicity_end: null, note: '录错' },
  ],
  star_rectifications: [
    { ...sync(82), rating_id: S1, item: '规范“三会一课”记录', deadline: '2026-06-30', responsible: '李四', result: '已建立会议记录本', done_date: '2026-05-20' },
    { ...sync(83, true), rating_id: S2, item: '录错的事项', deadline: null, responsible: null, result: null, done_date: null },
  ],
  sync_out: [
    { bundle_seq: 1, hash: 'a'.repeat(64), prev_hash: null, seq_from: 0, seq_to: 40, full: 1, counts: JSON.stringify({ villages: { rows: 2, deleted: 1 } }), created_at: '2025-05-01T02:00:00.000Z', file_name: 'TL-450311100-000001-20250501T020000.tlbundle', acked_at: '2025-05-03T02:00:00.000Z', receipt_hash: 'b'.repeat(64) },
    { bundle_seq: 2, hash: 'c'.repeat(64), prev_hash: 'a'.repeat(64), seq_from: 40, seq_to: 55, full: 0, counts: '{}', created_at: '2025-06-01T02:00:00.000Z', file_name: 'TL-450311100-000002-20250601T020000.tlbundle', acked_at: null, receipt_hash: null },
  ],
  sync_pins: [
    { installation_id: INST, township_code: '450311100', township_name: '雁山镇', public_key: 'MCowBQYDK2VwAyEA' + 'x'.repeat(44), fingerprint: 'AB12-CD34-EF56-7890', pinned_at: '2025-05-02T02:00:00.000Z', pinned_by: '区委组织部 刘洋', revoked_at: '2025-06-01T02:00:00.000Z', revoked_by: '刘洋', revoke_reason: '电脑报废', village_id: null, proof: null },
    // A 驻村版 laptop the township vouched for, pinned to its village (migration 14).
    { installation_id: 'c7b0c2f4-2d1a-4c55-9a61-0c3e5f7a9b11', township_code: '450311100', township_name: '雁山镇', public_key: 'y'.repeat(43) + '=', fingerprint: '1111 2222 3333 4444 5555 6666 7777 8888', pinned_at: '2025-06-02T02:00:00.000Z', pinned_by: '刘洋', revoked_at: null, revoked_by: null, revoke_reason: null, village_id: V1, proof: 'z'.repeat(86) + '==' },
  ],
  sync_in: [
    { id: 1, hash: 'a'.repeat(64), installation_id: INST, township_code: '450311100', township_name: '雁山镇', bundle_seq: 1, prev_hash: null, seq_from: 0, seq_to: 40, full: 1, created_at: '2025-05-01T02:00:00.000Z', imported_at: '2025-05-02T02:00:00.000Z', imported_by: '刘洋', file_name: 'TL-450311100-000001-20250501T020000.tlbundle', counts: JSON.stringify({ villages: { new: 2 } }), notes: JSON.stringify(['首次导入']), chain_start: 1 },
  ],
  sync_refused: [
    { id: 1, at: '2025-05-02T03:00:00.000Z', operator: '刘洋', file_name: 'bad.tlbundle', township_code: '450311100', township_name: '雁山镇', bundle_seq: 3, code: 'bad_signature', message: '签名校验失败' },
    { id: 2, at: '2025-05-02T03:05:00.000Z', operator: '刘洋', file_name: 'junk.tlbundle', township_code: null, township_name: null, bundle_seq: null, code: 'bad_magic', message: '不是同步数据包' },
  ],
};
