import { sql, type Insertable, type InsertObject, type QueryCreator, type Selectable } from "kysely";
import { jsonArrayFrom, jsonObjectFrom } from "kysely/helpers/postgres";
import { bibRows, primeBib } from "../catalogue/bibs-repository.js";
import { itemsOfBibRows, primeItemsOfBib } from "../catalogue/items-repository.js";
import type { Executor } from "../db/database.js";
import { HeldRows } from "../db/held-rows.js";
import { perDatabase } from "../db/per-database.js";
import { dialectOf } from "../db/dialect.js";
import { prepared } from "../db/prepared.js";
import type { Database, RequestEventsTable, RequestTasksTable, RuleTablesTable } from "../db/schema.js";
import type { RequestFormConfigsTable } from "../db/schema/request-form.js";
import { insertOutboxRows, outboxInsertInto, type NewOutboxRow } from "../outbox/outbox-repository.js";
import { departmentsServingRows } from "../organisation/departments-repository.js";
import { libraryDeskRows } from "../organisation/desks-repository.js";
import type { PlaceCandidate } from "../organisation/handling-place.js";
import { loadPlaceCandidatesFor, servingCandidates } from "../organisation/handling-place-repository.js";
import { consortiumRows, primeConsortium } from "../organisation/institution-repository.js";
import { findPatronStanding, patronStanding, patronStandingRows } from "../people/users-repository.js";
import { ownAndConsortiumConfigRowsBeyond, primeConfigRows } from "../request-form/repository.js";
import { allTableRowsBeyond, primeTables } from "../rules/tables/repository.js";
import { duplicatesSince } from "./duplicates.js";
import { eventsInsertInto, insertEvents, insertTask, tasksInsertInto } from "./parts-repository.js";
import {
  activeCountRows,
  insertRequest,
  primeActiveCount,
  openOrRecentRows,
  primeItemsHistory,
  primeOpenOrRecent,
  requestInsertInto,
  titleItemsHistoryRows,
  type NewRequestRow,
} from "./repository.js";

/*
 * Placement's reads on PostgreSQL, where every statement is a round trip (issue 14). What a
 * placement reads before it decides depends on nothing it decides: the patron, the institution's
 * consortium, form and rule tables, the title, its items, the patron's requests on the title and
 * their history with each item. PostgreSQL reads them in the statement that locks the patron, each
 * as the repository that owns it writes it, and the answers are handed to those repositories'
 * readers through the transaction's read memo (db/read-memo.ts), so the use case reads as before.
 * SQLite runs its statements in the process, at a few microseconds each, and reads one by one.
 */

type StartKeys = {
  institutionId: number;
  userId: number;
  bibId: number;
  nowIso: string;
  since: string;
  heldForms: string;
  heldTables: string;
};

// The patron's row is locked first thing in the transaction: concurrent placements for one patron
// then count their active requests one after another (place-request.ts, holdPatronLimit). What this
// statement reads with the lock comes from before any wait for it, as when those reads came first.
// FOR NO KEY UPDATE: it queues placements (and lockUser's FOR UPDATE) for the patron, held as it is
// for the whole placement, but not the foreign-key checks of rows that name the patron elsewhere.
const startQuery = prepared((db, v: StartKeys) =>
  patronStandingRows(db, v)
    .select([
      jsonArrayFrom(consortiumRows(db, v)).as("consortium"),
      jsonArrayFrom(ownAndConsortiumConfigRowsBeyond(db, { ...v, held: v.heldForms })).as("form_configs"),
      jsonArrayFrom(allTableRowsBeyond(db, { ...v, held: v.heldTables })).as("rule_tables"),
      jsonObjectFrom(bibRows(db, { institutionId: v.institutionId, id: v.bibId })).as("bib"),
      jsonArrayFrom(itemsOfBibRows(db, v)).as("items"),
      jsonArrayFrom(openOrRecentRows(db, v)).as("open_or_recent"),
      jsonArrayFrom(titleItemsHistoryRows(db, v)).as("items_history"),
    ])
    .forNoKeyUpdate("u"),
);

// The forms and rule tables last read for each institution: a placement reads their long texts
// only when a revision moved (db/held-rows.ts).
const heldOf = perDatabase(() => ({
  forms: new HeldRows<Selectable<RequestFormConfigsTable>>("config"),
  tables: new HeldRows<Selectable<RuleTablesTable>>("default_output"),
}));

/**
 * The patron as findPatronStanding reads them, at the start of a placement's transaction. On
 * PostgreSQL their row is locked, and the rest of what placement reads first is read with them.
 */
export async function readPlacementStart(
  tx: Executor,
  keys: { institutionId: number; userId: number; bibId: number; now: Date },
) {
  const { institutionId, userId, bibId, now } = keys;
  if (dialectOf(tx) !== "postgres") return findPatronStanding(tx, institutionId, userId, now);
  const since = duplicatesSince(now);
  const { forms: heldForms, tables: heldTables } = heldOf(tx);
  const [forms, tables] = [heldForms.holding(institutionId), heldTables.holding(institutionId)];
  const [row] = await startQuery(tx, {
    ...{ institutionId, userId, bibId, nowIso: now.toISOString(), since },
    ...{ heldForms: forms.held, heldTables: tables.held },
  });
  if (!row) return undefined;
  const { consortium, form_configs, rule_tables, bib, items, open_or_recent, items_history, ...patron } = row;
  primeConsortium(tx, institutionId, consortium);
  primeConfigRows(
    tx,
    [institutionId, ...consortium.map((c) => c.id)],
    heldForms.complete(institutionId, forms, form_configs.map(at("updated_at"))),
  );
  primeTables(tx, institutionId, heldTables.complete(institutionId, tables, rule_tables.map(at("updated_at"))));
  primeBib(tx, institutionId, bibId, bib ? at("created_at", "updated_at")(bib) : undefined);
  const titleItems = items.map(at("created_at", "updated_at")).sort((a, b) => a.id - b.id);
  primeItemsOfBib(tx, institutionId, bibId, titleItems);
  const requests = open_or_recent.map(at("request_date")).sort((a, b) => b.id - a.id);
  primeOpenOrRecent(tx, userId, bibId, since, requests);
  primeItemsHistory(
    tx,
    userId,
    titleItems.map((i) => i.id),
    items_history.map(at("last")),
  );
  return patronStanding(patron);
}

/**
 * A timestamp inside json_agg is PostgreSQL's text for it ("2026-03-02T09:00:00+00:00"); the
 * driver reads a timestamp column as ISO-8601 UTC (database.ts). The rows read here must be the
 * rows the repositories' own reads give.
 */
const at =
  <K extends string>(...columns: K[]) =>
  <R extends { [C in K]: string | null }>(row: R): R => {
    const out = { ...row };
    for (const c of columns) {
      const value = row[c];
      if (value !== null) (out as Record<string, unknown>)[c] = new Date(value).toISOString();
    }
    return out;
  };

type PlacesKeys = { institutionId: number; libraryId: number; userId: number };

// After the start read, so under the patron's lock: the count is the one the limit is held to.
const placesQuery = prepared((db, v: PlacesKeys) =>
  db.selectNoFrom([
    jsonArrayFrom(departmentsServingRows(db, v)).as("departments"),
    jsonArrayFrom(libraryDeskRows(db, v)).as("desks"),
    activeCountRows(db, v).$asScalar().as("active"),
  ]),
);

/**
 * The places that can take a placement, as loadPlaceCandidatesFor reads them. On PostgreSQL,
 * unless a code names the place, the departments serving the library, its desks and the patron's
 * count of active requests (countActiveRequests, which holdPatronLimit asks next) are one statement.
 */
export async function readPlaceCandidates(
  tx: Executor,
  keys: { institutionId: number; libraryId: number; code: string | null; patronId: number },
): Promise<PlaceCandidate[]> {
  const { institutionId, libraryId, code, patronId } = keys;
  if (code !== null || dialectOf(tx) !== "postgres") return loadPlaceCandidatesFor(tx, institutionId, libraryId, code);
  const [row] = await placesQuery(tx, { institutionId, libraryId, userId: patronId });
  primeActiveCount(tx, patronId, row!.active!);
  // json_agg keeps the order of the sorted subquery it aggregates (by code, in the database's
  // collation, which JavaScript's comparison would not follow).
  return servingCandidates(
    libraryId,
    row!.departments.map(at("created_at", "updated_at")),
    row!.desks.map(at("created_at", "updated_at")),
  );
}

/** What a placement writes: the request, its first events, its tasks and its letters (request_id left out). */
export interface PlacementWrites {
  request: NewRequestRow;
  events: Omit<Insertable<RequestEventsTable>, "request_id">[];
  tasks: Omit<Insertable<RequestTasksTable>, "request_id">[];
  letters: Omit<NewOutboxRow, "request_id">[];
}

/**
 * Writes a placement, in the caller's transaction: the request and what hangs off it. Returns
 * the request's id and its tasks' ids, in the order of `tasks`. PostgreSQL writes it all in one
 * statement, each table's insert a data-modifying CTE that takes the request's id from the
 * first; SQLite runs the inserts one after another.
 */
export async function insertPlacement(
  tx: Executor,
  writes: PlacementWrites,
): Promise<{ id: number; taskIds: number[] }> {
  if (dialectOf(tx) !== "postgres") {
    const id = await insertRequest(tx, writes.request);
    await insertEvents(
      tx,
      writes.events.map((e) => ({ ...e, request_id: id })),
    );
    const taskIds: number[] = [];
    for (const task of writes.tasks) taskIds.push(await insertTask(tx, { ...task, request_id: id }));
    await insertOutboxRows(
      tx,
      writes.letters.map((l) => ({ ...l, request_id: id })),
    );
    return { id, taskIds };
  }
  const parts = Object.entries(writes) as [keyof PlacementWrites, object | object[]][];
  const rows = parts.flatMap(([part, value]) => (Array.isArray(value) ? value : [value]).map((row) => ({ part, row })));
  const key = rows.map(({ part, row }) => `${part}(${columnsOf(row).join(",")})`).join(";");
  const write = keptWriteStatement(key, rows);
  const values: Record<string, unknown> = {};
  rows.forEach(({ row }, i) => {
    for (const column of columnsOf(row)) values[`${i}:${column}`] = (row as Record<string, unknown>)[column];
  });
  const [written] = await write(tx, values);
  const tasks = written!.tasks ?? [];
  return { id: written!.id, taskIds: writes.tasks.map((t) => tasks.find((w) => w.kind === t.kind)!.id) };
}

// The request's id is the statement's to fill in; a row may carry a stand-in for it (null).
const columnsOf = (row: object) => Object.keys(row).filter((c) => c !== "request_id");

type WriteStatement = (db: Executor, values: Record<string, unknown>) => Promise<{ id: number; tasks?: Written[] }[]>;
type Written = { id: number; kind: string };

/**
 * How many shapes keep their statement. Placements come in a few shapes (a workflow's tasks and
 * letters, the columns a request fills), but nothing here bounds them: a rule table that sends
 * more letters, a column set in some placements only, each shape is another statement held for
 * the life of the process. So past this many, well above the shapes a steady load makes, the
 * least recently used goes (a Map keeps insertion order: a hit moves its entry to the end, the
 * oldest goes first), as in SQLite's statement cache; a shape that comes back is built again:
 * one compile, to the same SQL text, so the same named statement (pg-named-statements.ts).
 */
export const WRITE_SHAPES_KEPT = 64;
const writeShapes = new Map<string, WriteStatement>();

function keptWriteStatement(key: string, shape: { part: keyof PlacementWrites; row: object }[]): WriteStatement {
  let write = writeShapes.get(key);
  if (write) writeShapes.delete(key);
  else write = writeStatement(shape);
  writeShapes.set(key, write);
  if (writeShapes.size > WRITE_SHAPES_KEPT) writeShapes.delete(writeShapes.keys().next().value!);
  return write;
}

/** The shapes whose statement is kept, least recently used first (tests read the bound). */
export const keptWriteShapes = (): string[] => [...writeShapes.keys()];

/**
 * One placement's writes as one statement, built once per shape (which parts, how many rows, which
 * columns) like db/prepared.ts's preparedRows: the values of row i's column c are `${i}:${c}`.
 */
function writeStatement(shape: { part: keyof PlacementWrites; row: object }[]): WriteStatement {
  return prepared((db, v: Record<string, unknown>) => {
    // The id the first CTE returned: the sibling inserts read it from there.
    const requestId = sql<number>`(select "id" from "r")`;
    const rowsOf = (part: keyof PlacementWrites) =>
      shape.flatMap(({ part: p, row }, i) =>
        p === part
          ? [{ ...Object.fromEntries(columnsOf(row).map((c) => [c, v[`${i}:${c}`]])), request_id: requestId }]
          : [],
      );
    const [request] = shape.flatMap(({ part, row }, i) =>
      part === "request" ? [Object.fromEntries(columnsOf(row).map((c) => [c, v[`${i}:${c}`]]))] : [],
    );
    const tasks = rowsOf("tasks");
    const creator = (qb: unknown) => qb as QueryCreator<Database>;
    const withRequest = db
      .with("r", (qb) => requestInsertInto(creator(qb), request as NewRequestRow))
      .with("e", (qb) =>
        eventsInsertInto(creator(qb), rowsOf("events") as unknown as InsertObject<Database, "request_events">[]),
      )
      .with("o", (qb) => outboxInsertInto(creator(qb), rowsOf("letters") as Parameters<typeof outboxInsertInto>[1]));
    if (!tasks.length) return withRequest.selectFrom("r").select("r.id");
    return withRequest
      .with("t", (qb) => tasksInsertInto(creator(qb), tasks as unknown as InsertObject<Database, "request_tasks">[]))
      .selectFrom("r")
      .select((eb) => ["r.id", jsonArrayFrom(eb.selectFrom("t").select(["t.id", "t.kind"])).as("tasks")]);
  }) as WriteStatement;
}
