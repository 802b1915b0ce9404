import type { FastifyInstance, FastifyRequest } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { testDatabase } from "../../test/cross-process.js";
import { makeInstitution, makeTitle, makeUser } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { openDatabase, type OpenedDb } from "../db/database.js";
import { buildApp } from "./app.js";
import { toAppError } from "./errors-plugin.js";

const t = useTestApp();
const pages = { required_pages_range: [{ from_page: "1", to_page: "6" }] };

// A second server on the same database whose lock wait is short (100 ms instead of 5 s), so the
// test sees what a client gets when another process holds the database past the wait.
let other: { app: FastifyInstance; opened: OpenedDb };
beforeAll(async () => {
  const database = await testDatabase(t.ctx);
  const opened =
    database.dialect === "sqlite"
      ? openDatabase(database)
      : openDatabase({ ...database, url: `${database.url}?options=-c%20lock_timeout%3D100` }, { poolSize: 2 });
  if (opened.dialect === "sqlite") await sql`pragma busy_timeout = 100`.execute(opened.db);
  const app = await buildApp({ ...t.ctx, db: opened.db, dialect: opened.dialect });
  await app.ready();
  other = { app, opened };
});
afterAll(async () => {
  await other?.app.close();
  await other?.opened.close();
});

describe("a database held by another process past the lock wait", () => {
  it("answers 503 DATABASE_BUSY with Retry-After, then places once the holder is done", async () => {
    const inst = await makeInstitution(t.ctx);
    const patron = await makeUser(t.ctx, inst, { group: "UNDERGRAD" });
    const title = await makeTitle(t.ctx, inst);
    const api = client(other.app, patron.apiKey);
    expect((await api.get("/api/v1/requests")).status).toBe(200); // authenticated, warmed up

    // The holder: on SQLite any write transaction (it begins immediate: the write lock); on
    // PostgreSQL the patron's row, which placement locks to count the patron's requests.
    const holder = await t.ctx.db.startTransaction().execute();
    try {
      if (t.ctx.dialect === "postgres") {
        await holder.selectFrom("users").select("id").where("id", "=", patron.id).forUpdate().execute();
      }
      const busy = await api.post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
      expect(busy.status).toBe(503);
      expect(busy.body.code).toBe("DATABASE_BUSY");
      expect(busy.headers["retry-after"]).toBe("1");
    } finally {
      await holder.commit().execute();
    }
    const retried = await api.post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
    expect(retried.status).toBe(201);
    const placed = await t.ctx.db.selectFrom("requests").select("id").where("user_id", "=", patron.id).execute();
    expect(placed).toHaveLength(1); // the refused attempt left nothing behind
  });

  it("maps each dialect's lock failures to DATABASE_BUSY and nothing else", () => {
    const req = { log: { warn: () => {}, error: () => {} } } as unknown as FastifyRequest;
    const codeOf = (code: string) => toAppError(Object.assign(new Error("x"), { code }), req).code;
    for (const code of ["SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_LOCKED", "55P03", "40P01", "40001"]) {
      expect([code, codeOf(code)]).toEqual([code, "DATABASE_BUSY"]);
    }
    for (const code of ["SQLITE_CONSTRAINT", "SQLITE_IOERR", "23505", "42P01"]) {
      expect([code, codeOf(code)]).toEqual([code, "INTERNAL_ERROR"]);
    }
  });
});
