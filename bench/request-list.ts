import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { Database } from "../src/db/schema.js";
import { onBothDatabases } from "./both-databases.js";
import { walkLists, type ListTarget } from "./list-load.js";
import { serveQueueDataset } from "./queue-seed.js";
import { REQUESTS, typicalPatron } from "./request-list-seed.js";
import { FIGURES, type Figure, type LoadSettings, type Scenario, type ScenarioRun } from "./scenario.js";

const PAGE = 25;
const DEEP_PAGES = 20;
/*
 * Eight lists per database, each measured for a short window so that three runs stay near
 * four minutes: a list page costs a millisecond or two, so three seconds is thousands of
 * answers per row.
 */
const WARMUP_S = 1;
const DURATION_S = 3;
/*
 * Latency is taken at 4 connections, a busy reading room's worth of staff and patrons: at the
 * runner's 16 on a 2-core machine every p50 is mostly queueing (16 / req/s) and says nothing
 * that req/s does not. BENCH_CONNECTIONS below 4 still lowers it.
 */
const CONNECTIONS = 4;

type Where = (eb: ExpressionBuilder<Database, "requests">) => Expression<SqlBool>;
const everything: Where = () => sql<SqlBool>`1 = 1`;

/*
 * The million requests are the work-queue scenario's datasets (queue-seed.ts): the list
 * generator's rows plus tasks, which no list below reads. Sharing them seeds each database once.
 */
async function measure(dialect: "sqlite" | "postgres", settings: LoadSettings): Promise<ScenarioRun> {
  const { data, server } = await serveQueueDataset(dialect);
  try {
    const db = server.ctx.db;
    // the patron whose key the dataset issued (see generate())
    const patron = await typicalPatron(db, data.institutionId);
    // The expected pages, read straight from the table: newest first, `pages` pages deep.
    const expectPages = async (where: Where, pages = 1): Promise<string[][]> => {
      const ids = await db
        .selectFrom("requests")
        .select("id")
        .where("institution_id", "=", data.institutionId)
        .where(where)
        .orderBy("id", "desc")
        .limit(pages * PAGE)
        .execute();
      const out = Array.from({ length: pages }, (_, p) => ids.slice(p * PAGE, (p + 1) * PAGE).map((r) => String(r.id)));
      if (out.some((page) => page.length < PAGE)) throw new Error(`the dataset has too few rows for ${pages} pages`);
      return out;
    };
    const law = data.libraries.find((l) => l.code === "LAW")!;
    const lawDept = await db
      .selectFrom("departments")
      .select("id")
      .where("institution_id", "=", data.institutionId)
      .where("code", "=", data.departmentCode)
      .executeTakeFirstOrThrow();
    const admin = data.keys.admin;
    const list = "/api/v1/requests";
    const targets: ListTarget[] = [
      { label: "(a) admin, first page", apiKey: admin, path: list, pages: await expectPages(everything) },
      {
        label: `(b) admin, ${DEEP_PAGES} pages by next_cursor`,
        apiKey: admin,
        path: list,
        pages: await expectPages(everything, DEEP_PAGES),
      },
      {
        label: "(c) ?state=PICK_FROM_SHELF",
        apiKey: admin,
        path: `${list}?state=PICK_FROM_SHELF`,
        pages: await expectPages((eb) => eb("state", "=", "PICK_FROM_SHELF")),
      },
      {
        label: `(d) ?library=${law.code}`,
        apiKey: admin,
        path: `${list}?library=${law.code}`,
        pages: await expectPages((eb) => eb("library_id", "=", law.id)),
      },
      {
        label: `(e) ?place=${data.departmentCode}`,
        apiKey: admin,
        path: `${list}?place=${data.departmentCode}`,
        pages: await expectPages((eb) => eb("department_id", "=", lawDept.id)),
      },
      {
        label: "(f) ?user_id=<patron>",
        apiKey: admin,
        path: `${list}?user_id=${patron.primary_id}`,
        pages: await expectPages((eb) => eb("user_id", "=", patron.id)),
      },
      {
        label: `(g) Requests Operator of ${law.code}, first page`,
        apiKey: data.keys.operator,
        path: list,
        pages: await expectPages((eb) =>
          eb.or([eb("library_id", "=", data.operator.libraryId), eb("user_id", "=", data.operator.id)]),
        ),
      },
      {
        label: "(h) patron, own list",
        apiKey: data.keys.patron,
        path: list,
        pages: await expectPages((eb) => eb("user_id", "=", patron.id)),
      },
    ];
    const load: LoadSettings = {
      connections: Math.min(settings.connections, CONNECTIONS),
      warmupSeconds: Math.min(settings.warmupSeconds, WARMUP_S),
      durationSeconds: Math.min(settings.durationSeconds, DURATION_S),
    };
    const measurements = [];
    for (const target of targets) measurements.push(await walkLists(server.baseUrl, load, target));
    const slowest: Figure = {
      figure: FIGURES.requestListP95,
      database: dialect === "sqlite" ? "SQLite" : "PostgreSQL",
      value: Math.max(...measurements.map((m) => m.p95 ?? m.p99)),
      unit: "ms",
      goal: { atMost: 30 },
    };
    return {
      measurements: measurements.map((m) => ({ ...m, label: `${dialect}: ${m.label}` })),
      ratios: {},
      figures: [slowest],
    };
  } finally {
    await server.stop();
  }
}

export const scenario: Scenario = {
  name: "request-list",
  description:
    `GET /api/v1/requests with ${REQUESTS.toLocaleString("en")} requests in one institution, on SQLite and on ` +
    `PostgreSQL at BENCH_PG_URL (pages of ${PAGE}, ${CONNECTIONS} connections; every answer checked against the ` +
    "expected ids)",
  run: (settings) => onBothDatabases((dialect) => measure(dialect, settings)),
};
