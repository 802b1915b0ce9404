import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { Executor } from "../db/database.js";
import type { Database } from "../db/schema.js";
import {
  placeTerms,
  QUEUES,
  queuesOf,
  TASK_KINDS,
  type PlaceTerms,
  type QueueCondition,
  type QueueFacts,
  type QueueName,
  type QueuePlace,
  type TaskKind,
} from "./queues.js";

/** SQL of the work queues (queues.ts): a queue's condition on `requests`, and every queue's count. */

export type Where = ExpressionBuilder<Database, "requests">;
export type Visibility = (eb: Where) => Expression<SqlBool>;

/** A queue asked at a place (null: at any place). */
export interface QueueAt {
  condition: QueueCondition;
  place: QueuePlace | null;
}

/** Has the request a pending task (of this kind)? A semi-join on the tasks' pending index. */
export const pendingTask = (eb: Where, institutionId: number, kind?: TaskKind) =>
  eb(
    "requests.id",
    "in",
    eb
      .selectFrom("request_tasks as t")
      .select("t.request_id")
      .where("t.institution_id", "=", institutionId)
      .where("t.status", "=", "pending")
      .$if(kind !== undefined, (q) => q.where("t.kind", "=", kind!)),
  );

const placeColumn = (p: QueuePlace) => (p.kind === "department" ? "requests.department_id" : "requests.desk_id");

/** A side of a place (queues.ts `placeTerms`) on the request's own columns: no join, no subquery. */
function meetsTerms(eb: Where, terms: PlaceTerms): Expression<SqlBool> {
  if ("never" in terms) return eb.or([]);
  if ("handledAt" in terms) return eb(placeColumn(terms.handledAt), "=", terms.handledAt.id);
  const library = eb("requests.library_id", "=", terms.libraryId);
  const other = terms.notHandledAt;
  if (!other) return library;
  return eb.and([library, eb.or([eb(placeColumn(other), "is", null), eb(placeColumn(other), "!=", other.id)])]);
}

const onSide = (eb: Where, q: QueueAt) => (q.place ? [meetsTerms(eb, placeTerms(q.condition.side, q.place))] : []);

/**
 * `is_active = 1` with the 1 written into the SQL, not bound. The open requests' partial indexes
 * (WHERE is_active = 1) serve a statement only if SQLite can see the value; a bound value it
 * looks at while planning makes SQLite plan the statement again at every run (a prepare's cost
 * each time, as for a bound LIMIT: db/sqlite-dialect.ts). PostgreSQL, too, can use a partial index
 * in the generic plan of a kept statement only when the value is in the SQL.
 */
export const ACTIVE = sql.lit(1);

/**
 * The queue's state and place terms, without its tasks. Every queue's states are open ones, so
 * `is_active = 1` changes no answer; it lets the planner read the partial indexes of the open
 * requests (migrations 022 and 025), a few percent of the table, instead of the whole history.
 */
const stateAndPlace = (eb: Where, q: QueueAt) =>
  eb.and([
    eb("requests.is_active", "=", ACTIVE),
    eb("requests.state", "in", [...q.condition.states]),
    ...onSide(eb, q),
  ]);

export function queueMatches(eb: Where, institutionId: number, q: QueueAt): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [stateAndPlace(eb, q)];
  if (q.condition.pendingTask) all.push(pendingTask(eb, institutionId, q.condition.pendingTask));
  if (q.condition.noPendingTask) all.push(eb.not(pendingTask(eb, institutionId)));
  return eb.and(all);
}

/** The columns the queues test of a request (queues.ts `QueueFacts`), its open requests grouped by them. */
const GROUPED = ["requests.state", "requests.library_id", "requests.department_id", "requests.desk_id"] as const;

/**
 * How many open requests the caller sees stand in each queue, at a place or at any. The SQL only
 * groups the open requests by the columns the queues test, and queues.ts `queuesOf` says which
 * queues each group stands in: one meaning, in code, for every place. Two statements: every
 * open request, in the order of `requests_open_ix` (which holds every grouped column), and
 * those with a pending task, read by id from the tasks' pending index (a few percent of the
 * open requests), grouped also by the kinds of task they wait for. Asking every open request
 * whether it has a pending task would cost a probe each (SQLite: twice the whole count).
 */
export async function countQueues(
  db: Executor,
  institutionId: number,
  place: QueuePlace | null,
  visible: Visibility,
): Promise<Record<QueueName, number>> {
  const waitsFor = (eb: Where, kind: TaskKind) =>
    eb
      .case()
      .when(pendingTask(eb, institutionId, kind))
      .then(1)
      .else(0)
      .end();
  const open = db
    .selectFrom("requests")
    .select(GROUPED)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("requests.institution_id", "=", institutionId)
    .where("requests.is_active", "=", ACTIVE)
    .where(visible)
    .groupBy(GROUPED);
  const [all, busy] = await Promise.all([
    open.execute(),
    open
      .select((eb) => TASK_KINDS.map((kind) => waitsFor(eb, kind).as(`waits_${kind}`)))
      .where((eb) => pendingTask(eb, institutionId))
      .groupBy(TASK_KINDS.map((kind) => sql.ref(`waits_${kind}`)))
      .execute(),
  ]);
  type Group = Omit<QueueFacts, "pending"> & { n: number | string | bigint };
  const keyOf = (g: Group) => `${g.state} ${g.library_id} ${g.department_id} ${g.desk_id}`;
  const counts = Object.fromEntries(QUEUES.map((q) => [q, 0])) as Record<QueueName, number>;
  const add = (g: Group, n: number, pending: TaskKind[]) => {
    for (const q of queuesOf({ ...g, pending }, place)) counts[q] += n;
  };
  // those with a pending task, by the kinds they wait for; the rest of each group waits for none
  const busyIn = new Map<string, number>();
  for (const g of busy) {
    const row = g as typeof g & Record<string, unknown>;
    add(
      g,
      Number(g.n),
      TASK_KINDS.filter((kind) => Number(row[`waits_${kind}`]) === 1),
    );
    busyIn.set(keyOf(g), (busyIn.get(keyOf(g)) ?? 0) + Number(g.n));
  }
  for (const g of all) add(g, Number(g.n) - (busyIn.get(keyOf(g)) ?? 0), []);
  return counts;
}
