import { sql, type Expression, type ExpressionBuilder, type QueryCreator, type Selectable, type SqlBool } from "kysely";
import type { Executor } from "../db/database.js";
import { prepared } from "../db/prepared.js";
import { memoRead, primeMemo } from "../db/read-memo.js";
import type { Database, RequestState, RequestsTable } from "../db/schema.js";
import type { ListKey, ListOrder } from "./list-cursor.js";
import { ACTIVE, pendingTask, queueMatches, type QueueAt, type Visibility, type Where } from "./queue-repository.js";
import type { TaskKind } from "./queues.js";
import { OPEN_STATES } from "./state-machine.js";

/** SQL of the `requests` table; what hangs off a request is in parts-repository.ts. */

export const activeCountRows = (db: Executor, v: { userId: number }) =>
  db
    .selectFrom("requests")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", v.userId)
    .where("is_active", "=", ACTIVE);

// The queries every placement runs are built once (db/prepared.ts).
const activeCountQuery = prepared(activeCountRows);
const activeCountKey = (userId: number) => `active_requests:${userId}`;

export async function countActiveRequests(db: Executor, userId: number): Promise<number> {
  return memoRead(db, activeCountKey(userId), async () => {
    const [row] = await activeCountQuery(db, { userId });
    return Number(row!.n);
  });
}

/** countActiveRequests' answer, read together with others under the patron's lock (read-memo.ts). */
export function primeActiveCount(db: Executor, userId: number, n: number): void {
  primeMemo(db, activeCountKey(userId), Number(n));
}

export type NewRequestRow = Omit<Selectable<RequestsTable>, "id">;

/** The insert of a request, for a statement that writes it with others (placement-repository.ts). */
export const requestInsertInto = (qb: QueryCreator<Database>, row: NewRequestRow) =>
  qb.insertInto("requests").values(row).returning("id");

// Every column is given (none left to its default), so that the one shape serves every insert.
const insertRequestQuery = prepared((db, row: NewRequestRow) => requestInsertInto(db, row));

export async function insertRequest(db: Executor, row: NewRequestRow): Promise<number> {
  const [inserted] = await insertRequestQuery(db, row);
  return inserted!.id;
}

/**
 * Moves a request from `from` to `to` only if it is still in `from`: a concurrent change makes
 * this update match nothing, and the caller answers 409 instead of overwriting it.
 */
export async function updateStateGuarded(
  db: Executor,
  id: number,
  from: RequestState,
  to: RequestState,
  nowIso: string,
  extra: Partial<Pick<RequestsTable, "closed_at">> = {},
): Promise<boolean> {
  const res = await db
    .updateTable("requests")
    .set({ state: to, is_active: OPEN_STATES.includes(to) ? 1 : 0, updated_at: nowIso, ...extra })
    .where("id", "=", id)
    .where("state", "=", from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

const requestColumns = [
  "requests.id",
  "requests.institution_id",
  "requests.request_type",
  "requests.request_sub_type",
  "requests.state",
  "requests.user_id",
  "requests.placed_by_user_id",
  "requests.request_source",
  "requests.bib_id",
  "requests.item_id",
  "requests.library_id",
  "requests.department_id",
  "requests.desk_id",
  "requests.form",
  "requests.workflow",
  "requests.workflow_rule_id",
  "requests.course_code",
  "requests.course_name",
  "requests.request_date",
  "requests.due_at",
  "requests.closed_at",
  "requests.updated_at",
] as const;

// Joins users, bibs, libraries, items, departments and desks here (as subqueries): the answer is a request, with the names it is shown with.
// Each name is a subquery by primary key rather than a join: PostgreSQL weighs every order of a
// seven-table join (3 ms of planning for a 25-row page, more than running it), and a subquery
// by key is planned alone. users, bibs and libraries are foreign keys of every request.
function requestQuery(db: Executor) {
  return db
    .selectFrom("requests")
    .select(requestColumns)
    .select((eb) => {
      const user = eb.selectFrom("users as u").whereRef("u.id", "=", "requests.user_id");
      const bib = eb.selectFrom("bibs as b").whereRef("b.id", "=", "requests.bib_id");
      const library = eb.selectFrom("libraries as l").whereRef("l.id", "=", "requests.library_id");
      const item = eb.selectFrom("items as i").whereRef("i.id", "=", "requests.item_id");
      const dept = eb.selectFrom("departments as d").whereRef("d.id", "=", "requests.department_id");
      const desk = eb.selectFrom("circulation_desks as k").whereRef("k.id", "=", "requests.desk_id");
      return [
        user.select("u.primary_id").$asScalar().as("user_primary_id"),
        bib.select("b.title").$asScalar().as("title"),
        item.select("i.barcode").as("item_barcode"),
        item.select("i.description").as("item_description"),
        library.select("l.code").$asScalar().as("library_code"),
        library.select("l.name").$asScalar().as("library_name"),
        dept.select("d.code").as("department_code"),
        dept.select("d.name").as("department_name"),
        desk.select("k.code").as("desk_code"),
        desk.select("k.name").as("desk_name"),
        dept.select("d.owner_library_id").as("department_library_id"),
        desk.select("k.library_id").as("desk_library_id"),
      ];
    });
}

const historyColumns = (eb: ExpressionBuilder<Database, "requests">) =>
  [
    eb.fn.max("request_date").as("last"),
    sql<number>`count(case when ${eb.ref("is_active")} = 1 then 1 end)`.as("open"),
  ] as const;

// One aggregate row, whatever the patron's history of this item.
const sameItemQuery = prepared((db, v: { userId: number; itemId: number }) =>
  db.selectFrom("requests").select(historyColumns).where("user_id", "=", v.userId).where("item_id", "=", v.itemId),
);
const sameItemKey = (userId: number, itemId: number) => `same_item_history:${userId}:${itemId}`;

/** The same patron's history with the same item: the latest request date and how many are still open. */
export async function sameItemHistory(db: Executor, userId: number, itemId: number | null) {
  if (itemId === null) return { lastRequestDate: null, open: 0 };
  return memoRead(db, sameItemKey(userId, itemId), async () => {
    const [row] = await sameItemQuery(db, { userId, itemId });
    return { lastRequestDate: row?.last ?? null, open: Number(row?.open ?? 0) };
  });
}

/** sameItemHistory for each item of a title at once, a row per item the patron ever asked for. */
export const titleItemsHistoryRows = (db: Executor, v: { userId: number; institutionId: number; bibId: number }) =>
  db
    .selectFrom("requests")
    .select("item_id")
    .select(historyColumns)
    .where("user_id", "=", v.userId)
    .where("item_id", "in", (eb) =>
      eb.selectFrom("items").select("id").where("institution_id", "=", v.institutionId).where("bib_id", "=", v.bibId),
    )
    .groupBy("item_id");

/** sameItemHistory's answers for these items, read together with others (read-memo.ts). */
export function primeItemsHistory(
  db: Executor,
  userId: number,
  itemIds: number[],
  rows: { item_id: number | null; last: string | null; open: number }[],
): void {
  for (const itemId of itemIds) {
    const row = rows.find((r) => r.item_id === itemId);
    primeMemo(db, sameItemKey(userId, itemId), { lastRequestDate: row?.last ?? null, open: Number(row?.open ?? 0) });
  }
}

/**
 * The patron's requests on a title that are open, or were placed since `since` and did not end
 * cancelled, rejected or expired: the candidates for the duplicate warning (DOMAIN 7).
 */
// Joins items here: the answer is the patron's requests, each with its item's description.
export const openOrRecentRows = (db: Executor, v: { userId: number; bibId: number; since: string }) =>
  db
    .selectFrom("requests as r")
    .leftJoin("items as i", "i.id", "r.item_id")
    .select(["r.id", "r.state", "r.request_date", "r.item_id", "r.form", "i.description as item_description"])
    .where("r.user_id", "=", v.userId)
    .where("r.bib_id", "=", v.bibId)
    .where((eb) =>
      eb.or([
        eb("r.is_active", "=", ACTIVE),
        eb.and([eb("r.request_date", ">=", v.since), eb("r.state", "not in", ["CANCELLED", "REJECTED", "EXPIRED"])]),
      ]),
    )
    .orderBy("r.id", "desc")
    .limit(200);

const openOrRecentQuery = prepared(openOrRecentRows);
const openOrRecentKey = (userId: number, bibId: number, since: string) => `open_or_recent:${userId}:${bibId}:${since}`;
type OpenOrRecentRow = Awaited<ReturnType<typeof openOrRecentQuery>>[number];

export async function openOrRecentOnTitle(db: Executor, userId: number, bibId: number, since: string) {
  return memoRead(db, openOrRecentKey(userId, bibId, since), () => openOrRecentQuery(db, { userId, bibId, since }));
}

/** openOrRecentOnTitle's answer, read together with others (read-memo.ts). */
export function primeOpenOrRecent(db: Executor, userId: number, bibId: number, since: string, rows: OpenOrRecentRow[]) {
  primeMemo(db, openOrRecentKey(userId, bibId, since), rows);
}

/** The columns by which a request names another row. */
export type RequestReference = "library_id" | "department_id" | "desk_id" | "user_id" | "placed_by_user_id";

/** Whether any request names this row (a library, department, desk or user that keeps a request's history cannot be deleted). */
export async function anyRequestNames(db: Executor, column: RequestReference, id: number): Promise<boolean> {
  const row = await db.selectFrom("requests").select("id").where(column, "=", id).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Whether the patron placed this request in this institution (else it does not exist for them). */
export async function isPatronRequest(
  db: Executor,
  institutionId: number,
  userId: number,
  requestId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom("requests")
    .select("id")
    .where("institution_id", "=", institutionId)
    .where("user_id", "=", userId)
    .where("id", "=", requestId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The item's open requests, oldest first: the scan station takes the one its place handles. */
export async function openRequestsOfItem(db: Executor, institutionId: number, itemId: number) {
  return db
    .selectFrom("requests")
    .select(["id", "state", "department_id", "desk_id"])
    .where("item_id", "=", itemId)
    .where("is_active", "=", ACTIVE)
    .where("institution_id", "=", institutionId)
    .orderBy("id")
    .limit(100)
    .execute();
}

export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

export async function findRequest(db: Executor, institutionId: number, id: number) {
  return requestQuery(db)
    .where("requests.institution_id", "=", institutionId)
    .where("requests.id", "=", id)
    .executeTakeFirst();
}

export interface RequestListFilter {
  state?: RequestState[];
  libraryId?: number;
  departmentId?: number;
  deskId?: number;
  userId?: number;
  courseCode?: string;
  itemId?: number;
  /** has a pending task of this kind */
  pendingTask?: TaskKind;
  /** a work queue, at a place or at any (queues.ts) */
  queue?: QueueAt;
  /** placed at or after this instant (ISO) */
  createdFrom?: string;
  /** placed before this instant (ISO) */
  createdBefore?: string;
  /** keyset: only ids below this one (newest first) */
  beforeId?: number;
  /** the order of the page; newest first unless said */
  order?: ListOrder;
  /** keyset: only the rows after this one in `order` */
  after?: ListKey;
  /** offset paging, for the compatibility API whose callers page by offset */
  offset?: number;
  limit: number;
}

/** Rows after `k` in `order`: the keyset condition of a page. */
function afterKey(eb: Where, order: ListOrder, k: ListKey): Expression<SqlBool> {
  switch (order) {
    case "created_desc":
      return eb("requests.id", "<", k.id);
    case "created_asc":
      return eb("requests.id", ">", k.id);
    case "due_asc":
      return eb.or([
        eb("requests.due_at", ">", k.due!),
        eb.and([eb("requests.due_at", "=", k.due!), eb("requests.id", ">", k.id)]),
      ]);
    case "due_desc":
      return eb.or([
        eb("requests.due_at", "<", k.due!),
        eb.and([eb("requests.due_at", "=", k.due!), eb("requests.id", "<", k.id)]),
      ]);
  }
}

/** The list filter as one condition over `requests` columns, shared by the page and its count. */
function matchesFilter(institutionId: number, f: Omit<RequestListFilter, "limit" | "offset">): Visibility {
  return (eb) => {
    const all: Expression<SqlBool>[] = [eb("requests.institution_id", "=", institutionId)];
    if (f.state?.length) all.push(eb("requests.state", "in", f.state));
    if (f.libraryId !== undefined) all.push(eb("requests.library_id", "=", f.libraryId));
    if (f.departmentId !== undefined) all.push(eb("requests.department_id", "=", f.departmentId));
    if (f.deskId !== undefined) all.push(eb("requests.desk_id", "=", f.deskId));
    if (f.userId !== undefined) all.push(eb("requests.user_id", "=", f.userId));
    if (f.courseCode !== undefined) all.push(eb("requests.course_code", "=", f.courseCode));
    if (f.itemId !== undefined) all.push(eb("requests.item_id", "=", f.itemId));
    if (f.pendingTask) all.push(pendingTask(eb, institutionId, f.pendingTask));
    if (f.queue) all.push(queueMatches(eb, institutionId, f.queue));
    if (f.createdFrom !== undefined) all.push(eb("requests.request_date", ">=", f.createdFrom));
    if (f.createdBefore !== undefined) all.push(eb("requests.request_date", "<", f.createdBefore));
    if (f.beforeId !== undefined) all.push(eb("requests.id", "<", f.beforeId));
    if (f.after) all.push(afterKey(eb, f.order ?? "created_desc", f.after));
    return eb.and(all);
  };
}

/**
 * The page's ids, from `requests` alone, unexecuted: list-plan.test.ts checks the plan the
 * database makes of it. The joins come after, for the page's rows only: joined first, a
 * planner may join every matching row before it sorts and cuts the page (PostgreSQL did, for a
 * queue of a few thousand requests).
 */
export function listRequestsQuery(db: Executor, institutionId: number, f: RequestListFilter, visible: Visibility) {
  const order = f.order ?? "created_desc";
  const direction = order.endsWith("_asc") ? "asc" : "desc";
  let q = db.selectFrom("requests").select("requests.id").where(matchesFilter(institutionId, f)).where(visible);
  if (order.startsWith("due_")) q = q.orderBy("requests.due_at", direction);
  q = q.orderBy("requests.id", direction).limit(f.limit);
  if (f.offset) q = q.offset(f.offset);
  return q;
}

export async function listRequests(
  db: Executor,
  institutionId: number,
  f: RequestListFilter,
  visible: Visibility,
): Promise<RequestRow[]> {
  const order = f.order ?? "created_desc";
  const direction = order.endsWith("_asc") ? "asc" : "desc";
  // One statement: the page's ids (a subquery with its own order and limit, which neither
  // database folds into the joins) and then their rows with the joins, in the page's order.
  let q = requestQuery(db)
    .where("requests.institution_id", "=", institutionId)
    .where("requests.id", "in", listRequestsQuery(db, institutionId, f, visible));
  if (order.startsWith("due_")) q = q.orderBy("requests.due_at", direction);
  return q.orderBy("requests.id", direction).execute();
}

export async function countRequests(
  db: Executor,
  institutionId: number,
  f: Omit<RequestListFilter, "limit" | "offset" | "beforeId">,
  visible: Visibility,
): Promise<number> {
  const row = await db
    .selectFrom("requests")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where(matchesFilter(institutionId, f))
    .where(visible)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Open requests whose place's work time has passed, oldest first. */
export async function overdueRequests(db: Executor, nowIso: string, limit: number, institutionId?: number) {
  let q = db
    .selectFrom("requests")
    .select(["id", "institution_id", "state"])
    .where("is_active", "=", ACTIVE)
    .where("due_at", "<", nowIso);
  if (institutionId !== undefined) q = q.where("institution_id", "=", institutionId);
  return q.orderBy("due_at").limit(limit).execute();
}
