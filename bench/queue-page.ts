import http from "node:http";
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { Db } from "../src/db/database.js";
import type { Database } from "../src/db/schema.js";
import { onBothDatabases } from "./both-databases.js";
import { walkLists, type ListTarget } from "./list-load.js";
import { serveQueueDataset, type QueueDataset } from "./queue-seed.js";
import { REQUESTS } from "./request-list-seed.js";
import { FIGURES, type Figure, type LoadSettings, type Measurement, type Scenario } from "./scenario.js";

/*
 * The staff work queues (issue 12) at a million requests: a queue's first page
 * (GET /requests?queue=…&place=…) and every queue's count (GET /requests/queues), on SQLite and
 * on PostgreSQL, against the goal of 30 ms p95. Each answer is checked against ids (or counts)
 * read straight from the tables with SQL written here, not the app's, so a fast wrong answer
 * counts as unexpected. Short windows at 4 connections, as in request-list.
 */

const PAGE = 25;
const WARMUP_S = 1;
const DURATION_S = 3;
const CONNECTIONS = 4;
export const GOAL_P95_MS = 30;

type Where = (eb: ExpressionBuilder<Database, "requests">) => Expression<SqlBool>;
interface Place {
  department: number | null;
  desk: number | null;
  library: number | null;
}
const OPEN = ["NEW", "AWAITING_APPROVAL", "PICK_FROM_SHELF", "IN_TRANSIT", "IN_DIGITIZATION", "DIGITIZED"] as const;

async function expectations(db: Db, data: QueueDataset) {
  const place = async (code: string): Promise<Place> => {
    const d = await db
      .selectFrom("departments")
      .select(["id", "owner_library_id"])
      .where("code", "=", code)
      .executeTakeFirst();
    if (d) return { department: d.id, desk: null, library: d.owner_library_id };
    const k = await db
      .selectFrom("circulation_desks")
      .select(["id", "library_id"])
      .where("code", "=", code)
      .executeTakeFirstOrThrow();
    return { department: null, desk: k.id, library: k.library_id };
  };
  const pending = (kind?: string) =>
    sql<SqlBool>`id in (select request_tasks.request_id from request_tasks where request_tasks.status = 'pending' ${
      kind ? sql`and request_tasks.kind = ${kind}` : sql``
    })`;
  const main = data.libraries.find((l) => l.code === "MAIN")!;
  // the sides of a place (src/requests/queues.ts), in plain SQL
  const handled = (p: Place): Where =>
    p.department !== null ? (eb) => eb("department_id", "=", p.department) : (eb) => eb("desk_id", "=", p.desk);
  const shelf = (p: Place): Where => (p.library !== null ? (eb) => eb("library_id", "=", p.library) : handled(p));
  const sent =
    (p: Place): Where =>
    (eb) =>
      p.library === null
        ? sql<SqlBool>`1 = 0`
        : eb.and([eb("library_id", "=", p.library), eb.not(sql<SqlBool>`coalesce(${handled(p)(eb)}, false)`)]);
  const queues = (p: Place | null): Record<string, Where> => {
    const all: Where = () => sql<SqlBool>`1 = 1`;
    const here = p ? handled(p) : all;
    return {
      pick: (eb) => eb.and([(p ? shelf(p) : all)(eb), eb("state", "=", "PICK_FROM_SHELF")]),
      transit: (eb) => eb.and([(p ? sent(p) : all)(eb), eb("state", "=", "IN_TRANSIT")]),
      scan_in: (eb) => eb.and([here(eb), eb("state", "=", "IN_TRANSIT")]),
      digitization: (eb) => eb.and([here(eb), eb("state", "=", "IN_DIGITIZATION")]),
      approval: (eb) => eb.and([here(eb), eb("state", "in", [...OPEN]), pending("approval")]),
      copyright: (eb) => eb.and([here(eb), eb("state", "in", [...OPEN]), pending("copyright")]),
      deliver: (eb) => eb.and([here(eb), eb("state", "=", "DIGITIZED"), eb.not(pending())]),
    };
  };
  /** `empty`: the queue must hold nothing (a page read to its end, the worst case of a filter) */
  const firstPage = async (where: Where, order: "id" | "due" = "id", empty = false): Promise<string[][]> => {
    let q = db.selectFrom("requests").select("id").where("institution_id", "=", data.institutionId).where(where);
    q = order === "due" ? q.orderBy("due_at").orderBy("id") : q.orderBy("id", "desc");
    const ids = (await q.limit(PAGE).execute()).map((r) => String(r.id));
    if (empty ? ids.length > 0 : ids.length < PAGE)
      throw new Error(`the dataset does not give this ${empty ? "empty" : "full"} first page`);
    return [ids];
  };
  const counts = async (p: Place | null, visible: Where | null) =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(queues(p)).map(async ([name, where]) => {
          const row = await db
            .selectFrom("requests")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("institution_id", "=", data.institutionId)
            .where(where)
            .$if(visible !== null, (q) => q.where(visible!))
            .executeTakeFirstOrThrow();
          return [name, Number(row.n)] as const;
        }),
      ),
    );
  const lawDept = await place(data.departmentCode);
  const mainDesk = await place("MAIN_DESK");
  const instDept = await place("DIGI_DEPT_INST");
  const operatorSees: Where = (eb) =>
    eb.or([eb("library_id", "=", data.operator.libraryId), eb("user_id", "=", data.operator.id)]);
  return { queues, firstPage, counts, lawDept, mainDesk, instDept, operatorSees, mainId: main.id };
}

/** GETs one path at a fixed concurrency and checks every answer is the expected JSON. */
async function measureGets(
  baseUrl: string,
  load: LoadSettings,
  t: { label: string; apiKey: string; path: string; check(body: unknown): boolean },
): Promise<Measurement> {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: load.connections });
  const unexpected: Record<string, number> = {};
  let sample: string | null = null;
  let accepted = 0;
  let errors = 0;
  const get = () =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { agent, host: base.hostname, port: base.port, path: t.path, headers: { authorization: `Bearer ${t.apiKey}` } },
        (res) => {
          const parts: Buffer[] = [];
          res.on("data", (c: Buffer) => parts.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8") }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end();
    });
  const phase = async (seconds: number, latencies: number[] | null) => {
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: load.connections }, async () => {
        while (performance.now() < end) {
          const started = performance.now();
          try {
            const answer = await get();
            latencies?.push(performance.now() - started);
            if (answer.status === 200 && t.check(JSON.parse(answer.body))) accepted++;
            else {
              const kind = answer.status === 200 ? "200 with other counts" : String(answer.status);
              unexpected[kind] = (unexpected[kind] ?? 0) + 1;
              sample ??= answer.body.slice(0, 400);
            }
          } catch (err) {
            errors++;
            sample ??= String(err);
          }
        }
      }),
    );
  };
  try {
    await phase(load.warmupSeconds, null);
    const latencies: number[] = [];
    const started = performance.now();
    await phase(load.durationSeconds, latencies);
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0;
    return {
      label: t.label,
      rps: latencies.length / seconds,
      p50: pct(50),
      p95: pct(95),
      p99: pct(99),
      answers: latencies.length,
      accepted,
      unexpected,
      errors,
      sample,
    };
  } finally {
    agent.destroy();
  }
}

async function measure(dialect: "sqlite" | "postgres", settings: LoadSettings) {
  const { data, server } = await serveQueueDataset(dialect);
  try {
    const x = await expectations(server.ctx.db, data);
    const { admin, operator } = data.keys;
    const list = "/api/v1/requests";
    const law = data.departmentCode;
    const targets: ListTarget[] = [
      {
        label: `(a) pick, ${law}`,
        apiKey: admin,
        path: `${list}?queue=pick&place=${law}`,
        pages: await x.firstPage(x.queues(x.lawDept).pick!),
      },
      {
        label: `(b) pick, ${law}, Requests Operator of LAW`,
        apiKey: operator,
        path: `${list}?queue=pick&place=${law}`,
        pages: await x.firstPage((eb) => eb.and([x.queues(x.lawDept).pick!(eb), x.operatorSees(eb)])),
      },
      {
        label: "(c) pick, all places, by due date",
        apiKey: admin,
        path: `${list}?queue=pick&sort=due_asc`,
        pages: await x.firstPage(x.queues(null).pick!, "due"),
      },
      {
        label: "(d) scan_in, MAIN_DESK",
        apiKey: admin,
        path: `${list}?queue=scan_in&place=MAIN_DESK`,
        pages: await x.firstPage(x.queues(x.mainDesk).scan_in!),
      },
      // in transit from MAIN's desk: MAIN's items handled elsewhere (the department)
      {
        label: "(d2) transit, MAIN_DESK",
        apiKey: admin,
        path: `${list}?queue=transit&place=MAIN_DESK`,
        pages: await x.firstPage(x.queues(x.mainDesk).transit!),
      },
      // every LAW request is handled at LAW_DIGI, so nothing is in transit from it: the whole state is read
      {
        label: `(d3) transit, ${law} (none), by due date`,
        apiKey: admin,
        path: `${list}?queue=transit&place=${law}&sort=due_asc`,
        pages: await x.firstPage(x.queues(x.lawDept).transit!, "due", true),
      },
      {
        label: "(e) approval, all places",
        apiKey: admin,
        path: `${list}?queue=approval`,
        pages: await x.firstPage(x.queues(null).approval!),
      },
      {
        label: "(f) copyright, DIGI_DEPT_INST",
        apiKey: admin,
        path: `${list}?queue=copyright&place=DIGI_DEPT_INST`,
        pages: await x.firstPage(x.queues(x.instDept).copyright!),
      },
      {
        label: "(g) deliver, all places",
        apiKey: admin,
        path: `${list}?queue=deliver`,
        pages: await x.firstPage(x.queues(null).deliver!),
      },
    ];
    const load: LoadSettings = {
      connections: Math.min(settings.connections, CONNECTIONS),
      warmupSeconds: Math.min(settings.warmupSeconds, WARMUP_S),
      durationSeconds: Math.min(settings.durationSeconds, DURATION_S),
    };
    const measurements: Measurement[] = [];
    for (const target of targets) measurements.push(await walkLists(server.baseUrl, load, target));
    const slowestFirstPage: Figure = {
      figure: FIGURES.queueFirstPageP95,
      database: dialect === "sqlite" ? "SQLite" : "PostgreSQL",
      value: Math.max(...measurements.map((m) => m.p95 ?? m.p99)),
      unit: "ms",
      goal: { atMost: GOAL_P95_MS },
    };
    const countTargets = [
      {
        label: "(h) counts, all places",
        apiKey: admin,
        path: "/api/v1/requests/queues",
        want: await x.counts(null, null),
      },
      {
        label: `(i) counts, ${law}, Requests Operator of LAW`,
        apiKey: operator,
        path: `/api/v1/requests/queues?place=${law}`,
        want: await x.counts(x.lawDept, x.operatorSees),
      },
    ];
    for (const c of countTargets) {
      measurements.push(
        await measureGets(server.baseUrl, load, {
          ...c,
          check: (body) =>
            (body as { queues: { queue: string; count: number }[] }).queues.every((q) => c.want[q.queue] === q.count),
        }),
      );
    }
    return {
      measurements: measurements.map((m) => ({ ...m, label: `${dialect}: ${m.label}` })),
      ratios: {},
      figures: [slowestFirstPage],
    };
  } finally {
    await server.stop();
  }
}

export const scenario: Scenario = {
  name: "queue-page",
  description:
    `The staff work queues at ${REQUESTS.toLocaleString("en")} requests: a queue's first page (${PAGE} rows) and ` +
    `every queue's count, on SQLite and on PostgreSQL at BENCH_PG_URL (goal: p95 under ${GOAL_P95_MS} ms; ` +
    `${CONNECTIONS} connections; every answer checked)`,
  run: (settings) => onBothDatabases((dialect) => measure(dialect, settings)),
};
