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
async function settledCount(count: () => Promise<number>): Promise<number> {
  let last = await count();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await count();
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
      const asPatron = (n: number) => ({ authorization: `Bearer ${seeded.patrons[n % PATRONS]!.apiKey}` });

      const placement = await drive(server.baseUrl, settings, {
        label: "place request",
        method: "POST",
        path: "/api/v1/requests",
        expectStatus: 201,
        request: (n) => ({
          headers: asPatron(n),
          body: JSON.stringify({ mms_id: String(seeded.mmsIds[n % TITLES]), required_pages_range: PAGES }),
        }),
      });
      const requests = await settledCount(async () =>
        Number(
          (
            await server.ctx.db
              .selectFrom("requests")
              .select((eb) => eb.fn.countAll().as("n"))
              .where("institution_id", "=", seeded.institutionId)
              .executeTakeFirstOrThrow()
          ).n,
        ),
      );
      checkRows(placement, requests, settings.connections);

      const bare = await drive(server.baseUrl, settings, {
        label: "bare insert (limit)",
        method: "POST",
        path: "/bench/bare-insert",
        expectStatus: 201,
        request: (n) => ({
          headers: asPatron(n),
          body: JSON.stringify({ mms_id: String(seeded.mmsIds[n % TITLES]), required_pages_range: PAGES }),
        }),
      });
      const inserts = await settledCount(async () =>
        Number(
          (
            await benchDb(server.ctx)
              .selectFrom("bench_inserts")
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        ),
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
