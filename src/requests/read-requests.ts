import type { Actor } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import type { RequestState } from "../db/schema.js";
import { AppError } from "../errors.js";
import { decodeCursor, encodeCursor } from "../shared/id-cursor.js";
import { loadRequest } from "./load.js";
import { canSee, visibleRequestsFilter } from "./policy.js";
import { findPlaceByCode } from "../organisation/handling-place-repository.js";
import { findLibraryIdByCode } from "../organisation/libraries-repository.js";
import { findUserIdByPrimaryId } from "../people/users-repository.js";
import { reasonLabels } from "../rules/service-terms/approval-reasons-repository.js";
import { presentEvent, presentRequest, reasonCodesOf } from "./present.js";
import * as repo from "./repository.js";
import { filesOf, historyOf, tasksOf } from "./parts-repository.js";

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

export async function getHistory(db: Db, actor: Actor, id: number) {
  const r = await loadRequest(db, actor, id);
  if (!canSee(actor, r)) throw new AppError("NOT_FOUND", { say: (m) => m.notFound.request });
  return (await historyOf(db, r.id)).map(presentEvent);
}

interface ListInput {
  states?: RequestState[];
  library?: string;
  place?: string;
  userPrimaryId?: string;
  course?: string;
  cursor?: string;
  limit: number;
}

/** A page of the requests the caller may see, newest first, with keyset paging. */
export async function listRequests(db: Db, actor: Actor, input: ListInput) {
  const filter: repo.RequestListFilter = { limit: input.limit + 1 };
  if (input.states?.length) filter.state = input.states;
  if (input.cursor) filter.beforeId = decodeCursor(input.cursor)!;
  // Unknown codes match nothing rather than erroring: a filter is a question, not a command.
  if (input.library) filter.libraryId = (await findLibraryIdByCode(db, actor.institutionId, input.library)) ?? -1;
  if (input.userPrimaryId) {
    filter.userId = (await findUserIdByPrimaryId(db, actor.institutionId, input.userPrimaryId)) ?? -1;
  }
  if (input.course) filter.courseCode = input.course;
  if (input.place) {
    const place = await findPlaceByCode(db, actor.institutionId, input.place);
    if (place?.kind === "department") filter.departmentId = place.id;
    else if (place?.kind === "desk") filter.deskId = place.id;
    else filter.departmentId = -1;
  }
  const rows = await repo.listRequests(db, actor.institutionId, filter, visibleRequestsFilter(actor));
  const page = rows.slice(0, input.limit);
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
    next_cursor: rows.length > input.limit ? encodeCursor(page[page.length - 1]!.id) : null,
  };
}
