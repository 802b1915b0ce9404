import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { Executor } from "../db/database.js";
import type { Database } from "../db/schema.js";
import { placeTerms, type PlaceTerms, type QueueCondition, type QueuePlace, type TaskKind } from "./queues.js";

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

/** The queue's state and place terms, without its tasks. */
const stateAndPlace = (eb: Where, q: QueueAt) =>
  eb.and([eb("requests.state", "in", [...q.condition.states]), ...onSide(eb, q)]);

export function queueMatches(eb: Where, institutionId: number, q: QueueAt): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [stateAndPlace(eb, q)];
  if (q.condition.pendingTask) all.push(pendingTask(eb, institutionId, q.condition.pendingTask));
  if (q.condition.noPendingTask) all.push(eb.not(pendingTask(eb, institutionId)));
  return eb.and(all);
}

/** Requests counted, by queue name. */
type Counts = Record<string, number>;

const numbers = (row: Record<string, unknown>): Counts =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v ?? 0)]));

/**
 * How many open requests the caller sees stand in each queue, in two statements, whatever the
 * number of queues and places: one pass over the open requests (`requests_open_ix` holds every
 * column the state and place terms test) for the queues of states alone, and one over the
 * pending tasks joined to their requests for the queues of tasks, a few percent of the open
 * requests. "No pending task" is the state's count less those with one.
 */
export async function countQueues<Q extends string>(
  db: Executor,
  institutionId: number,
  queues: readonly ({ name: Q } & QueueAt)[],
  visible: Visibility,
): Promise<Record<Q, number>> {
  const byState = queues.filter((q) => !q.condition.pendingTask);
  const byTask = queues.filter((q) => q.condition.pendingTask || q.condition.noPendingTask);
  const states = [...new Set(byState.flatMap((q) => q.condition.states))];
  const [stateRow, taskRow] = await Promise.all([
    db
      .selectFrom("requests")
      .select((eb) =>
        byState.map((q) =>
          eb.fn.sum<number>(eb.case().when(stateAndPlace(eb, q)).then(1).else(0).end()).as(`s_${q.name}`),
        ),
      )
      .where("requests.institution_id", "=", institutionId)
      .where("requests.is_active", "=", 1)
      .where("requests.state", "in", states)
      .where(visible)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("request_tasks as t")
      .innerJoin("requests", "requests.id", "t.request_id")
      .select((jb) => {
        // the join's builder reads requests' columns by the same names as a builder of requests alone
        const eb = jb as unknown as Where;
        return byTask.map((q) => {
          const kind = q.condition.pendingTask;
          const when = kind ? eb.and([jb("t.kind", "=", kind), stateAndPlace(eb, q)]) : stateAndPlace(eb, q);
          return jb.fn
            .count<number>(jb.case().when(when).then(jb.ref("requests.id")).end())
            .distinct()
            .as(`t_${q.name}`);
        });
      })
      .where("t.institution_id", "=", institutionId)
      .where("t.status", "=", "pending")
      .where("requests.institution_id", "=", institutionId)
      .where("requests.is_active", "=", 1)
      .where((jb) => visible(jb as unknown as Where))
      .executeTakeFirstOrThrow(),
  ]);
  const s = numbers(stateRow);
  const t = numbers(taskRow);
  return Object.fromEntries(
    queues.map((q) => {
      if (q.condition.pendingTask) return [q.name, t[`t_${q.name}`] ?? 0];
      const all = s[`s_${q.name}`] ?? 0;
      return [q.name, q.condition.noPendingTask ? all - (t[`t_${q.name}`] ?? 0) : all];
    }),
  ) as Record<Q, number>;
}
