import type { Actor } from "../auth/actor.js";
import { can as canPermission } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import { cancelRequest, type Closed } from "../requests/close-request.js";
import type { RequestForm } from "../requests/form.js";
import { placeRequest } from "../requests/place-request.js";
import { canSee, visibleRequestsFilter } from "../requests/policy.js";
import { closingEventsOf } from "../requests/parts-repository.js";
import * as repo from "../requests/repository.js";
import { findItem } from "../catalogue/items-repository.js";
import { findUserIdByPrimaryId } from "../people/users-repository.js";
import { presentUserRequest, type UserRequest } from "./present.js";
import { ACTIVE_STATES, HISTORY_STATES } from "./status.js";

/*
 * The platform's /users/{user_id}/requests resource over Recto's use cases: the path names the
 * patron, so every operation first checks that the caller may act for that patron and that the
 * request is theirs, answering 404 otherwise, as for any record out of reach.
 */

const noSuchUser = () => new AppError("NOT_FOUND", { say: (m) => m.notFound.user });
const noSuchRequest = () => new AppError("NOT_FOUND", { say: (m) => m.notFound.request });

/** The patron named by the path: the caller, or anyone for staff who may look users up. */
async function patronOf(db: Db, actor: Actor, primaryId: string): Promise<number> {
  if (primaryId === actor.primaryId) return actor.userId;
  const id = canPermission(actor, "users.read")
    ? await findUserIdByPrimaryId(db, actor.institutionId, primaryId)
    : null;
  if (id === null) throw noSuchUser();
  return id;
}

async function loadUsersRequest(db: Db, actor: Actor, primaryId: string, requestId: number) {
  const userId = await patronOf(db, actor, primaryId);
  const r = await repo.findRequest(db, actor.institutionId, requestId);
  if (!r || r.user_id !== userId || !canSee(actor, r)) throw noSuchRequest();
  return r;
}

async function presentRows(db: Db, rows: repo.RequestRow[]): Promise<UserRequest[]> {
  const closings = await closingEventsOf(
    db,
    rows.map((r) => r.id),
  );
  // Events come oldest first, so the last one seen per request is the one that ended it.
  const lastClosing = new Map(closings.map((e) => [e.request_id, e]));
  return rows.map((r) => presentUserRequest(r, lastClosing.get(r.id)));
}

interface PlaceUserRequestInput {
  userPrimaryId: string;
  itemPid?: number | undefined;
  mmsId?: number | undefined;
  libraryCode?: string | undefined;
  targetDestination?: string | undefined;
  form: RequestForm;
  /** Recto's addition: the request form's custom checkboxes ticked */
  checkboxes?: readonly string[];
}

/**
 * Places a request the way the platform's API does: for the patron in the path, on an item
 * (whose title is implied) or a title. placeRequest decides who may place for whom.
 */
export async function placeUserRequest(db: Db, actor: Actor, input: PlaceUserRequestInput, now: Date) {
  // placeRequest answers the same 404 for a user who does not exist and one out of reach.
  const userId = await findUserIdByPrimaryId(db, actor.institutionId, input.userPrimaryId);
  if (userId === null) throw noSuchUser();
  let mmsId = input.mmsId;
  if (input.itemPid !== undefined) {
    const itemTitle = (await findItem(db, actor.institutionId, input.itemPid))?.bib_id ?? null;
    if (itemTitle === null) throw new AppError("NOT_FOUND", { message: "No such item." });
    if (mmsId !== undefined && mmsId !== itemTitle) {
      const message = `is not an item of title ${mmsId}; leave mms_id out or give the item’s own title`;
      throw new AppError("VALIDATION_FAILED", {
        message: `item_pid ${message}`,
        fields: [{ field: "item_pid", message }],
      });
    }
    mmsId = itemTitle;
  }
  if (mmsId === undefined) {
    throw new AppError("VALIDATION_FAILED", {
      message: "Say which item or title to digitize: give item_pid or mms_id.",
      fields: [{ field: "mms_id", message: "is required when item_pid is not given" }],
    });
  }
  return placeRequest(
    db,
    actor,
    {
      userId,
      mmsId,
      itemId: input.itemPid ?? null,
      libraryCode: input.libraryCode ?? null,
      targetDestination: input.targetDestination ?? null,
      source: "api",
      pagesMayBeInComment: true,
      form: input.form,
      checkboxes: input.checkboxes ?? [],
    },
    now,
  );
}

interface ListUserRequestsInput {
  userPrimaryId: string;
  status: "active" | "history";
  /** the platform's request_type filter; Recto has only digitization requests */
  requestType?: string | undefined;
  limit: number;
  offset: number;
}

export async function listUserRequests(
  db: Db,
  actor: Actor,
  input: ListUserRequestsInput,
): Promise<{ user_request: UserRequest[]; total_record_count: number }> {
  const userId = await patronOf(db, actor, input.userPrimaryId);
  if (input.requestType && input.requestType !== "DIGITIZATION") return { user_request: [], total_record_count: 0 };
  const filter = {
    userId,
    state: [...(input.status === "history" ? HISTORY_STATES : ACTIVE_STATES)],
    limit: input.limit,
    offset: input.offset,
  };
  const visible = visibleRequestsFilter(actor);
  const [rows, total] = await Promise.all([
    input.limit > 0 ? repo.listRequests(db, actor.institutionId, filter, visible) : [],
    repo.countRequests(db, actor.institutionId, filter, visible),
  ]);
  return { user_request: await presentRows(db, rows), total_record_count: total };
}

export async function getUserRequest(db: Db, actor: Actor, userPrimaryId: string, requestId: number) {
  const r = await loadUsersRequest(db, actor, userPrimaryId, requestId);
  return (await presentRows(db, [r]))[0]!;
}

/** Cancels through cancelRequest, which owns the transaction and the role check. */
export async function cancelUserRequest(
  db: Db,
  actor: Actor,
  userPrimaryId: string,
  requestId: number,
  input: { reason: string; note?: string | undefined; notifyUser: boolean },
  now: Date,
): Promise<Closed> {
  await loadUsersRequest(db, actor, userPrimaryId, requestId);
  return cancelRequest(
    db,
    actor,
    requestId,
    { reason: input.reason, note: input.note ?? null, notifyUser: input.notifyUser },
    now,
  );
}
