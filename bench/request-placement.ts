import type { FastifyInstance } from "fastify";
import { requireActor } from "../src/server/auth-plugin.js";
import type { AppContext } from "../src/server/context.js";
import { drive } from "./load.js";
import type { Measurement, Scenario } from "./scenario.js";
import { seedInstitution } from "./seed.js";
import { startBenchServer } from "./server.js";

const PATRONS = 300;
const TITLES = 3000;
const PAGES = [{ from_page: "1", to_page: "10" }];

interface BenchInsertsTable {
  id: number;
  institution_id: number;
  user_id: number;
  at: string;
}

const benchDb = (ctx: AppContext) => ctx.db.withTables<{ bench_inserts: Omit<BenchInsertsTable, "id"> }>();

/**
 * The limit placement is measured against: the same instance, hooks and database file, the
 * same API-key authentication, and then exactly one INSERT. Whatever placement costs beyond
 * this is Recto's own work (validation, routing, the transaction, presenting the answer).
 */
async function addBareInsertRoute(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await ctx.db.schema
    .createTable("bench_inserts")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("institution_id", "integer", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  const db = benchDb(ctx);
  app.post("/bench/bare-insert", { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    await db
      .insertInto("bench_inserts")
      .values({ institution_id: actor.institutionId, user_id: actor.userId, at: ctx.clock.now().toISOString() })
      .execute();
    return reply.status(201).send({ inserted: true });
  });
}

/** Waits for requests still in flight when the load stopped, then reads the row count. */
async function settledCount(count: () => Promise<{ n: number }>): Promise<number> {
  let last = Number((await count()).n);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = Number((await count()).n);
    if (now === last) return now;
    last = now;
  }
}

/**
 * Every accepted answer must have written its row. Up to one request per connection per
 * phase may have been processed after autocannon stopped listening, hence the slack.
 */
function checkRows(m: Measurement, rows: number, connections: number): void {
  if (rows < m.accepted || rows > m.accepted + 2 * connections) {
    throw new Error(`${m.label}: ${m.accepted} answers said created but the database holds ${rows} rows.`);
  }
}

export const scenario: Scenario = {
  name: "request-placement",
  description: `POST /api/v1/requests on SQLite, ${PATRONS} patrons x ${TITLES} titles, vs. a bare authenticated INSERT`,
  async run(settings) {
    const server = await startBenchServer(addBareInsertRoute);
    try {
      const seeded = await seedInstitution(server.ctx, { patrons: PATRONS, titles: TITLES });
      // Consecutive requests come from different patrons for different titles.
      const request = (n: number) => ({
        headers: { authorization: `Bearer ${seeded.patrons[n % PATRONS]!.apiKey}` },
        body: JSON.stringify({ mms_id: String(seeded.mmsIds[n % TITLES]), required_pages_range: PAGES }),
      });
      const post = { method: "POST" as const, expectStatus: 201, request };

      const placement = await drive(server.baseUrl, settings, {
        ...post,
        label: "place request",
        path: "/api/v1/requests",
      });
      const requests = await settledCount(() =>
        server.ctx.db
          .selectFrom("requests")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("institution_id", "=", seeded.institutionId)
          .executeTakeFirstOrThrow(),
      );
      checkRows(placement, requests, settings.connections);

      const bare = await drive(server.baseUrl, settings, {
        ...post,
        label: "bare insert (limit)",
        path: "/bench/bare-insert",
      });
      const inserts = await settledCount(() =>
        benchDb(server.ctx)
          .selectFrom("bench_inserts")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow(),
      );
      checkRows(bare, inserts, settings.connections);

      return {
        measurements: [placement, bare],
        ratios: { "placement / bare rps": bare.rps > 0 ? placement.rps / bare.rps : 0 },
      };
    } finally {
      await server.stop();
    }
  },
};
