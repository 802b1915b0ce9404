import type { Actor } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import type { RequestState } from "../db/schema.js";
import { AppError } from "../errors.js";
import { can } from "../auth/policy.js";
import { findItemByBarcode } from "../catalogue/items-repository.js";
import { countOutboxRows } from "../outbox/outbox-repository.js";
import { decodeListCursor, encodeListCursor, reverseOrder, type ListKey, type ListOrder } from "./list-cursor.js";
import { QUEUES, queueCondition, type QueueName, type TaskKind } from "./queues.js";
import { loadRequest } from "./load.js";
import { canSee, visibleRequestsFilter } from "./policy.js";
import { findPlaceByCode } from "../organisation/handling-place-repository.js";
import { institutionTimeZone } from "../organisation/institution-repository.js";
import { nextDay, startOfDayIn } from "../shared/local-day.js";
import { findLibraryIdByCode } from "../organisation/libraries-repository.js";
import { findUserIdByPrimaryId } from "../people/users-repository.js";
import { reasonLabels } from "../rules/service-terms/approval-reasons-repository.js";
import { presentEvent, presentRequest, reasonCodesOf } from "./present.js";
import { countQueues } from "./queue-repository.js";
import * as repo from "./repository.js";
import { filesOf, historyOf, tasksOf } from "./parts-repository.js";
import type { PlacedRequest } from "./place-request-write.js";

export async function getRequest(db: Db, actor: Actor, id: number) {
  const r = await loadRequest(db, actor, id);
  if (!canSee(actor, r)) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.request });
  const [tasks, files, labels] = await Promise.all([
    tasksOf(db, [r.id]),
    filesOf(db, [r.id]),
    reasonLabels(db, actor.institutionId, reasonCodesOf([r])),
  ]);
  return presentRequest(actor, r, tasks, files, labels);
}

/**
 * A request just placed, presented from what was written (place-request-write.ts): the same
 * answer as getRequest without reading the request, its tasks and its files back. A new
 * request has no files yet.
 */
export async function presentPlaced(db: Db, actor: Actor, { request, tasks }: PlacedRequest) {
  if (!canSee(actor, request)) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.request });
  const labels = await reasonLabels(db, actor.institutionId, reasonCodesOf([request]));
  return presentRequest(actor, request, tasks, [], labels);
}

export async function getHistory(db: Db, actor: Actor, id: number) {
  const r = await loadRequest(db, actor, id);
  if (!canSee(actor, r)) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.request });
  return (await historyOf(db, r.id)).map(presentEvent);
}

interface ListInput {
  states?: RequestState[];
  queue?: QueueName;
  task?: TaskKind;
  library?: string;
  place?: string;
  userPrimaryId?: string;
  course?: string;
  itemBarcode?: string;
  /** YYYY-MM-DD, both days included, the institution's days (its time zone) */
  from?: string;
  to?: string;
  sort?: ListOrder;
  cursor?: string;
  limit: number;
}

/**
 * The list's filter from the caller's question. Unknown codes, patrons and barcodes match
 * nothing rather than erroring: a filter is a question, not a command.
 */
async function listFilter(db: Db, actor: Actor, input: Omit<ListInput, "sort" | "cursor" | "limit">) {
  const filter: Omit<repo.RequestListFilter, "limit"> = {};
  if (input.states?.length) filter.state = input.states;
  if (input.task) filter.pendingTask = input.task;
  if (input.library) filter.libraryId = (await findLibraryIdByCode(db, actor.institutionId, input.library)) ?? -1;
  if (input.userPrimaryId) {
    filter.userId = (await findUserIdByPrimaryId(db, actor.institutionId, input.userPrimaryId)) ?? -1;
  }
  if (input.course) filter.courseCode = input.course;
  if (input.itemBarcode) {
    filter.itemId = (await findItemByBarcode(db, actor.institutionId, input.itemBarcode))?.id ?? -1;
  }
  if (input.from || input.to) {
    const zone = await institutionTimeZone(db, actor.institutionId);
    if (input.from) filter.createdFrom = startOfDayIn(input.from, zone);
    if (input.to) filter.createdBefore = startOfDayIn(nextDay(input.to), zone);
  }
  const place = input.place ? await findPlaceByCode(db, actor.institutionId, input.place) : null;
  // an unknown place matches nothing; a queue says on which side of the place its requests stand
  if (input.place && !place) filter.departmentId = -1;
  else if (input.queue) filter.queue = { condition: queueCondition(input.queue), place };
  else if (place?.kind === "department") filter.departmentId = place.id;
  else if (place?.kind === "desk") filter.deskId = place.id;
  return filter;
}

const keyOf = (r: repo.RequestRow, order: ListOrder): ListKey => ({
  id: r.id,
  due: order.startsWith("due_") ? r.due_at : null,
});

/**
 * A page of the requests the caller may see, in the asked order, with keyset paging both ways:
 * a previous page is read backwards from the first row of the page the caller is on.
 */
export async function listRequests(db: Db, actor: Actor, input: ListInput) {
  const order = input.sort ?? "created_desc";
  const cursor = input.cursor ? decodeListCursor(input.cursor, order) : null;
  const backwards = cursor?.direction === "prev";
  const filter: repo.RequestListFilter = {
    ...(await listFilter(db, actor, input)),
    order: backwards ? reverseOrder[order] : order,
    limit: input.limit + 1,
  };
  if (cursor) filter.after = cursor.key;
  const rows = await repo.listRequests(db, actor.institutionId, filter, visibleRequestsFilter(actor));
  const more = rows.length > input.limit;
  const page = rows.slice(0, input.limit);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  // Going forwards, there is a page before whenever a cursor brought us here; going backwards,
  // there is one after (the page we came from).
  const hasNext = backwards ? last !== undefined : more;
  const hasPrev = backwards ? more : cursor !== null && first !== undefined;
  const ids = page.map((r) => r.id);
  const [tasks, files, labels] = await Promise.all([
    tasksOf(db, ids),
    filesOf(db, ids),
    reasonLabels(db, actor.institutionId, reasonCodesOf(page)),
  ]);
  return {
    requests: page.map((r) =>
      presentRequest(
        actor,
        r,
        tasks.filter((t) => t.request_id === r.id),
        files.filter((f) => f.request_id === r.id),
        labels,
      ),
    ),
    next_cursor: hasNext ? encodeListCursor({ order, direction: "next", key: keyOf(last!, order) }) : null,
    prev_cursor: hasPrev ? encodeListCursor({ order, direction: "prev", key: keyOf(first!, order) }) : null,
  };
}

/** How many requests stand in each work queue at the place (or at all the caller's places). */
export async function countQueuesAt(db: Db, actor: Actor, place: string | undefined) {
  const at = place ? await findPlaceByCode(db, actor.institutionId, place) : null;
  // an unknown place holds nothing, in any queue
  const counts =
    place && !at
      ? Object.fromEntries(QUEUES.map((q) => [q, 0]))
      : await countQueues(db, actor.institutionId, at, visibleRequestsFilter(actor));
  const failedLetters = can(actor, "outbox.manage")
    ? await countOutboxRows(db, actor.institutionId, { status: "failed" })
    : null;
  return {
    place: place ?? null,
    queues: QUEUES.map((queue) => ({ queue, count: counts[queue] })),
    failed_letters: failedLetters,
  };
}
