import type { Insertable, InsertObject, QueryCreator } from "kysely";
import type { Executor } from "../db/database.js";
import { preparedRows } from "../db/prepared.js";
import type { Database, RequestEventsTable, RequestTasksTable } from "../db/schema.js";

/** SQL for what hangs off a request: its history events, approval and copyright tasks, and files. */

export async function insertEvent(db: Executor, row: Insertable<RequestEventsTable>): Promise<void> {
  await eventsInsert(db, [row]);
}

/** Several events in one statement, in the order given (their ids follow it). */
export async function insertEvents(db: Executor, rows: Insertable<RequestEventsTable>[]): Promise<void> {
  await eventsInsert(db, rows);
}

export async function insertTask(db: Executor, row: Insertable<RequestTasksTable>): Promise<number> {
  const [inserted] = await taskInsert(db, [row]);
  return inserted!.id;
}

/** The insert of events, for a statement that writes them with others (placement-repository.ts). */
export const eventsInsertInto = (qb: QueryCreator<Database>, rows: InsertObject<Database, "request_events">[]) =>
  qb.insertInto("request_events").values(rows);
/** The insert of tasks, for a statement that writes them with others; it returns their ids and kinds. */
export const tasksInsertInto = (qb: QueryCreator<Database>, rows: InsertObject<Database, "request_tasks">[]) =>
  qb.insertInto("request_tasks").values(rows).returning(["id", "kind"]);

// Built once per number of rows (prepared.ts): every state change writes its events here.
const eventsInsert = preparedRows((db, rows: Insertable<RequestEventsTable>[]) => eventsInsertInto(db, rows));
const taskInsert = preparedRows((db, rows: Insertable<RequestTasksTable>[]) => tasksInsertInto(db, rows));

export type TaskRow = Awaited<ReturnType<typeof tasksOf>>[number];

export async function tasksOf(db: Executor, requestIds: number[]) {
  if (requestIds.length === 0) return [];
  return db.selectFrom("request_tasks").selectAll().where("request_id", "in", requestIds).orderBy("id").execute();
}

export async function filesOf(db: Executor, requestIds: number[]) {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom("request_files")
    .selectAll()
    .where("request_id", "in", requestIds)
    .where("deleted_at", "is", null)
    .orderBy("id")
    .execute();
}

// Joins users here: a request's history names who did each step.
export async function historyOf(db: Executor, requestId: number) {
  return db
    .selectFrom("request_events as e")
    .leftJoin("users as u", "u.id", "e.actor_user_id")
    .select([
      "e.id",
      "e.at",
      "e.action",
      "e.from_state",
      "e.to_state",
      "e.reason",
      "e.note",
      "e.data",
      "e.actor_user_id",
      "u.primary_id as actor_primary_id",
    ])
    .where("e.request_id", "=", requestId)
    .orderBy("e.id")
    .execute();
}

/** The latest cancel, reject or expire event of each request: why it ended, and the note. */
export async function closingEventsOf(db: Executor, requestIds: number[]) {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom("request_events")
    .select(["id", "request_id", "action", "reason", "note", "at"])
    .where("request_id", "in", requestIds)
    .where("action", "in", ["cancel", "reject", "expire"])
    .orderBy("id")
    .execute();
}

/** The data recorded when the request was placed: the facts, the rule and the trace. */
export async function placedEventData(db: Executor, requestId: number) {
  const row = await db
    .selectFrom("request_events")
    .select("data")
    .where("request_id", "=", requestId)
    .where("action", "=", "placed")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  return row ? (JSON.parse(row.data) as Record<string, unknown>) : null;
}

export async function findTask(db: Executor, requestId: number, taskId: number) {
  return db
    .selectFrom("request_tasks")
    .selectAll()
    .where("request_id", "=", requestId)
    .where("id", "=", taskId)
    .executeTakeFirst();
}

export async function decideTaskGuarded(
  db: Executor,
  taskId: number,
  v: {
    status: "approved" | "rejected";
    reason: string | null;
    note: string | null;
    details: string;
    by: number;
    at: string;
  },
): Promise<boolean> {
  const res = await db
    .updateTable("request_tasks")
    .set({
      status: v.status,
      reason: v.reason,
      note: v.note,
      details: v.details,
      decided_by_user_id: v.by,
      decided_at: v.at,
    })
    .where("id", "=", taskId)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The request's files a patron may receive: not deleted, and active (every approval given). */
export async function activeFilesOf(db: Executor, requestId: number) {
  return db
    .selectFrom("request_files")
    .selectAll()
    .where("request_id", "=", requestId)
    .where("deleted_at", "is", null)
    .where("active", "=", 1)
    .orderBy("id")
    .execute();
}

export async function setFilesActive(db: Executor, requestId: number): Promise<void> {
  await db
    .updateTable("request_files")
    .set({ active: 1 })
    .where("request_id", "=", requestId)
    .where("deleted_at", "is", null)
    .execute();
}

/** Marks the request's files deleted and returns their storage keys, for removal after commit. */
export async function markFilesDeleted(db: Executor, requestId: number, nowIso: string): Promise<string[]> {
  const rows = await db
    .selectFrom("request_files")
    .select("storage_key")
    .where("request_id", "=", requestId)
    .where("deleted_at", "is", null)
    .execute();
  await db
    .updateTable("request_files")
    .set({ deleted_at: nowIso, active: 0 })
    .where("request_id", "=", requestId)
    .where("deleted_at", "is", null)
    .execute();
  return rows.map((r) => r.storage_key);
}

export async function insertFile(
  db: Executor,
  row: {
    institution_id: number;
    request_id: number;
    storage_key: string;
    file_name: string;
    content_type: string;
    size_bytes: number;
    sha256: string;
    page_count: number | null;
    active: number;
    uploaded_by_user_id: number;
    created_at: string;
  },
): Promise<number> {
  return (
    await db
      .insertInto("request_files")
      .values({ ...row, deleted_at: null })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
}

/** What hangs off a request and names this user (a task they decided, a file they uploaded, an event they did), by label. */
export async function requestPartsNamingUser(db: Executor, userId: number): Promise<string[]> {
  const checks = [
    [
      "request task decisions",
      db.selectFrom("request_tasks").select("id").where("decided_by_user_id", "=", userId).limit(1),
    ],
    ["uploaded files", db.selectFrom("request_files").select("id").where("uploaded_by_user_id", "=", userId).limit(1)],
    ["request history", db.selectFrom("request_events").select("id").where("actor_user_id", "=", userId).limit(1)],
  ] as const;
  const used: string[] = [];
  for (const [label, q] of checks) if (await q.executeTakeFirst()) used.push(label);
  return used;
}
