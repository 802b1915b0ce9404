import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { client } from "../../test/api.js";
import { makeInstitution, makeTitle, makeUser, setGroupLimit } from "../../test/factories.js";
import { testDialect } from "../../test/harness.js";
import { ManualClock } from "../clock.js";
import { loadConfig } from "../config.js";
import { openDatabase, type OpenedDb } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { buildApp } from "../server/app.js";
import type { AppContext } from "../server/context.js";
import { createLogger } from "../server/logger.js";

/*
 * Issue 14: placing a request ran 36 statements (rule tables read five times, the item twice,
 * the whole institution's places...). This counts every statement one POST /api/v1/requests
 * runs, from authentication to the answer, begin and commit included, and holds a ceiling so
 * that a change that adds reads back shows here. RECTO_TEST_STATEMENTS=1 prints them.
 */
// 38 before issue 14, then 24; 20 since the answer is presented from what was written and the
// receipt and the pick slip go to the outbox in one insert. PostgreSQL also locks the patron's
// row (SQLite's immediate begin already did).
const CEILING = testDialect() === "postgres" ? 21 : 20;

let opened: OpenedDb;
let app: FastifyInstance;
let ctx: AppContext;
let dir: string;
let counting = false;
const statements: string[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "recto-statements-"));
  const log = (event: { query: { sql: string } }) => {
    if (counting) statements.push(event.query.sql);
  };
  opened =
    testDialect() === "postgres"
      ? openDatabase({ dialect: "postgres", url: inject("pgUrl") }, { log })
      : openDatabase({ dialect: "sqlite", file: path.join(dir, "recto.db") }, { log });
  if (testDialect() === "sqlite") await migrateToLatest(opened.db, "sqlite");
  ctx = {
    config: { ...loadConfig({ LOG_LEVEL: "silent" }), filesDir: path.join(dir, "files") },
    db: opened.db,
    dialect: opened.dialect,
    clock: new ManualClock(new Date("2026-03-02T09:00:00.000Z")),
    log: createLogger("silent"),
  };
  app = await buildApp(ctx);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await opened?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("statements per placement", () => {
  it(`places a request with a patron limit in at most ${CEILING} statements`, async () => {
    const inst = await makeInstitution(ctx);
    // A limit makes placement lock the patron and count their requests: the longest path.
    await setGroupLimit(ctx, inst, "FACULTY", 50);
    const patron = await makeUser(ctx, inst, { group: "FACULTY" });
    const [first, second] = [await makeTitle(ctx, inst), await makeTitle(ctx, inst)];
    const place = (mmsId: number) =>
      client(app, patron.apiKey).post("/api/v1/requests", {
        mms_id: String(mmsId),
        required_pages_range: [{ from_page: "1", to_page: "6" }],
      });
    // The first placement may fill caches; the second is what every later one costs.
    expect((await place(first.mmsId)).status).toBe(201);
    counting = true;
    const res = await place(second.mmsId);
    counting = false;
    expect(res.status).toBe(201);
    if (process.env.RECTO_TEST_STATEMENTS) console.warn(statements.map((s, i) => `${i + 1}. ${s}`).join("\n"));
    expect(statements.length).toBeLessThanOrEqual(CEILING);
  });
});
