import { NotFoundError } from '../../db/errors';
import {
  listStarRatings,
  liveRatingOf,
  rectifications,
  starRatingsTable,
  starRectificationsTable,
  weakVillages,
  type StarListQuery,
  type StarListRow,
} from '../../db/stars';
import { deleteRow, getRow, insertRow, matchChildRows, updateRow, type TableValues } from '../../db/sync';
import { writeTx } from '../../db/tx';
import { villageYears, villagesTable } from '../../db/villages';
import type { ParsedInput, StarDetail, StarListItem } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import { AppError } from '../api/errors';
import type { Core } from '../core';
import { RECTIFY_BELOW, starChange, starLabel } from '../domain/stars';
import { sheet, xlsxFile } from '../xlsx/write';
import { unitLabel } from './townships';

type RatingInput = ParsedInput<'stars.create'>;
type FieldError = { path: string[]; message: string };

export function toListItem(r: StarListRow): StarListItem {
  return {
    id: r.id,
    version: r.version,
    villageId: r.village_id,
    villageName: r.village_name,
    villageCode: r.village_code,
    year: r.year,
    score: r.score,
    stars: r.stars,
    previousStars: r.previous_stars,
    change: starChange(r.stars, r.previous_stars),
    changeReason: r.change_reason,
    publicityStart: r.publicity_start,
    publicityEnd: r.publicity_end,
    items: r.items,
    openItems: r.open_items,
    updatedAt: r.updated_at,
  };
}

/** One rating read through the list query, so detail and list never disagree. */
export function starDetail(core: Core, id: string): StarDetail {
  const r = listStarRatings(core.db, { id, page: 1, pageSize: 1 }).rows[0];
  if (!r) throw new NotFoundError('评星定级记录');
  return {
    ...toListItem(r),
    note: r.note,
    createdAt: r.created_at,
    rectifications: rectifications(core.db, id).map((x) => ({ item: x.item, deadline: x.deadline, responsible: x.responsible, result: x.result, doneDate: x.done_date })),
  };
}

function columns(input: RatingInput): TableValues<typeof starRatingsTable> {
  return {
    village_id: input.villageId,
    year: input.year,
    score: input.score,
    stars: input.stars,
    change_reason: input.changeReason,
    publicity_start: input.publicityStart,
    publicity_end: input.publicityEnd,
    note: input.note,
  };
}

/** Last year's stars as the list shows them (rating, or else the villages register). */
function previousStars(core: Core, villageId: string, year: number): number | null {
  const rating = liveRatingOf(core.db, villageId, year - 1);
  if (rating) return rating.stars;
  return villageYears(core.db, villageId).find((y) => y.year === year - 1)?.stars ?? null;
}

/**
 * Rules beyond single fields: the village exists, one rating per village and year, the 公示 runs
 * forward, a change of stars says why, and corrective items belong to ratings below four stars.
 */
function checkRating(core: Core, input: RatingInput, id: string | null): void {
  const fields: FieldError[] = [];
  if (!getRow(core.db, villagesTable, input.villageId)) fields.push({ path: ['villageId'], message: '所选村（社区）不存在或已被删除' });
  else {
    const other = liveRatingOf(core.db, input.villageId, input.year);
    if (other && other.id !== id) fields.push({ path: ['year'], message: `该村（社区）${input.year}年度已有评定记录，请编辑原记录` });
    const prev = previousStars(core, input.villageId, input.year);
    if (prev !== null && prev !== input.stars && !input.changeReason) {
      fields.push({ path: ['changeReason'], message: `上年为${starLabel(prev)}，本年${input.stars > prev ? '升' : '降'}为${starLabel(input.stars)}，请填写升降星原因` });
    }
  }
  if (input.publicityStart && input.publicityEnd && input.publicityEnd < input.publicityStart) {
    fields.push({ path: ['publicityEnd'], message: '公示结束日期不能早于公示开始日期' });
  }
  if (input.stars >= RECTIFY_BELOW && input.rectifications.length) {
    fields.push({ path: ['rectifications'], message: '四星及以上不列整改事项，请删除整改事项或调整星级' });
  }
  input.rectifications.forEach((x, i) => {
    if (x.result && !x.doneDate) fields.push({ path: ['rectifications', String(i), 'doneDate'], message: `第${i + 1}条整改事项已填整改结果，请填写完成日期` });
  });
  if (fields.length) throw new AppError('invalid', `填写内容有误：${fields.map((f) => f.message).join('；')}`, fields);
}

/** The corrective items in the form's order; matched by position, so an unchanged item writes nothing. */
function syncItems(core: Core, ratingId: string, items: RatingInput['rectifications']): void {
  const existing = new Map(rectifications(core.db, ratingId).map((x, i) => [i, x]));
  const wanted = items.map((x, i) => [i, { rating_id: ratingId, item: x.item, deadline: x.deadline, responsible: x.responsible, result: x.result, done_date: x.doneDate }] as const);
  matchChildRows(core.db, core.writer(), starRectificationsTable, existing, wanted);
}

export function createRating(core: Core, input: RatingInput): StarDetail {
  return writeTx(core.db, () => {
    checkRating(core, input, null);
    const row = insertRow(core.db, core.writer(), starRatingsTable, columns(input));
    syncItems(core, row.id, input.rectifications);
    return starDetail(core, row.id);
  });
}

export function updateRating(core: Core, input: ParsedInput<'stars.update'>): StarDetail {
  return writeTx(core.db, () => {
    checkRating(core, input, input.id);
    const row = updateRow(core.db, core.writer(), starRatingsTable, input.id, columns(input), { expectedVersion: input.version });
    syncItems(core, row.id, input.rectifications);
    return starDetail(core, row.id);
  });
}

/** Tombstones the rating with its corrective items, so none is left orphaned. */
export function removeRating(core: Core, id: string, version: number): { id: string } {
  return writeTx(core.db, () => {
    const w = core.writer();
    deleteRow(core.db, w, starRatingsTable, id, { expectedVersion: version });
    for (const x of rectifications(core.db, id)) deleteRow(core.db, w, starRectificationsTable, x.id);
    return { id };
  });
}

export function starQuery(q: Partial<ParsedInput<'stars.list'>>): Omit<StarListQuery, 'page' | 'pageSize'> {
  return {
    search: q.search ?? undefined,
    township: q.township ?? null,
    villageId: q.villageId ?? undefined,
    year: q.year ?? undefined,
    stars: q.stars ?? undefined,
    openItems: q.openItems ?? undefined,
    sort: q.sort ?? undefined,
    order: q.order ?? undefined,
  };
}

async function exportRatings(core: Core, q: ParsedInput<'stars.exportXlsx'>) {
  const { rows } = listStarRatings(core.db, { ...starQuery(q), page: 1, pageSize: 1_000_000 });
  const unit = unitLabel(core, q.township);
  const items = rows.map(toListItem);
  return xlsxFile(`${unit}村级党组织评星定级台账`, [
    sheet({
      name: '评星定级',
      title: `${unit}村级党组织评星定级台账`,
      columns: [
        { header: '序号', width: 6, value: (_r: StarListItem, i: number) => i + 1 },
        { header: '村（社区）', width: 16, value: (r) => r.villageName },
        { header: '区划代码', width: 16, value: (r) => r.villageCode },
        { header: '评定年度', width: 9, value: (r) => r.year },
        { header: '得分', width: 7, value: (r) => r.score },
        { header: '星级', width: 7, value: (r) => starLabel(r.stars) },
        { header: '上年星级', width: 9, value: (r) => starLabel(r.previousStars) },
        { header: '升降情况', width: 9, value: (r) => r.change },
        { header: '升降星原因', width: 30, value: (r) => r.changeReason },
        { header: '公示开始', width: 12, value: (r) => r.publicityStart },
        { header: '公示结束', width: 12, value: (r) => r.publicityEnd },
        { header: '整改事项', width: 9, value: (r) => r.items },
        { header: '未完成', width: 8, value: (r) => r.openItems },
      ],
      rows: items,
      footer: ['填表人：__________    审核人：__________    填报日期：______年____月____日'],
    }),
  ]);
}

export const starHandlers = {
  'stars.list': (core, q) => {
    const { rows, total } = listStarRatings(core.db, { ...starQuery(q), page: q.page, pageSize: q.pageSize });
    return { rows: rows.map(toListItem), total };
  },
  'stars.get': (core, { id }) => starDetail(core, id),
  'stars.create': (core, input) => createRating(core, input),
  'stars.update': (core, input) => updateRating(core, input),
  'stars.remove': (core, { id, version }) => removeRating(core, id, version),
  'stars.weak': (core, { township }) => weakVillages(core.db, core.role() === 'district' ? township : null).map((v) => ({ villageId: v.id, name: v.name, code: v.code, year: v.year })),
  'stars.exportXlsx': (core, q) => exportRatings(core, q),
} satisfies Partial<Handlers>;
