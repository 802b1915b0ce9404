import { afterEach, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { startSecondProcess, testDatabase, type SecondProcess } from "../../test/cross-process.js";
import { countRows, makeInstitution, makeTitle, makeUser } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

// A server with WORKER=off and a separate `recto worker`, or two servers, are two OS processes on
// one database. These tests fork a real second process (test/second-process.ts) on the test
// database: on SQLite that is a second connection to the same file, which Kysely's one-connection
// queue in this process cannot serialise.

const t = useTestApp();
let second: SecondProcess | undefined;
afterEach(() => {
  // a failed test must not leave the other process running
  if (second && second.child.exitCode === null) second.child.kill();
  second = undefined;
});
const pages = { required_pages_range: [{ from_page: "1", to_page: "6" }] };

describe("placing requests while another process writes", () => {
  it("never fails a placement (read-then-write) with SQLITE_BUSY while another process commits", async () => {
    const inst = await makeInstitution(t.ctx);
    const patron = await makeUser(t.ctx, inst, { group: "FACULTY" }); // no patron limit
    const titles = [];
    for (let i = 0; i < 20; i++) titles.push(await makeTitle(t.ctx, inst));

    second = startSecondProcess({
      database: await testDatabase(t.ctx),
      now: t.clock.now().toISOString(),
      mode: "write-loop",
      institutionId: inst.id,
    });
    await second.next("ready");
    second.send("go");
    await second.next("writing"); // the other process is committing now, and goes on until "stop"

    const api = client(t.app, patron.apiKey);
    const results = [];
    for (const title of titles) results.push(await api.post("/api/v1/requests", { mms_id: title.mmsId, ...pages }));
    second.send("stop");
    const loop = await second.next("done");
    expect(await second.exited).toBe(0);

    expect(results.map((r) => [r.status, r.status === 201 ? null : r.body.code])).toEqual(
      titles.map(() => [201, null]),
    );
    expect(await countRows(t.ctx, "requests", inst.id)).toBe(20);
    expect("errors" in loop && loop.errors).toEqual([]);
    expect("writes" in loop && loop.writes).toBeGreaterThan(0);
  });
});

describe("the patron limit across two processes", () => {
  it("holds when two servers place for the same patron at once: the rest get PATRON_LIMIT_REACHED", async () => {
    const inst = await makeInstitution(t.ctx);
    const patron = await makeUser(t.ctx, inst, { group: "UNDERGRAD" }); // limit 3
    const titles = [];
    for (let i = 0; i < 16; i++) titles.push(await makeTitle(t.ctx, inst));
    const mine = titles.slice(0, 8);
    const theirs = titles.slice(8);

    second = startSecondProcess({
      database: await testDatabase(t.ctx),
      now: t.clock.now().toISOString(),
      mode: "place",
      apiKey: patron.apiKey,
      mmsIds: theirs.map((title) => title.mmsId),
    });
    await second.next("ready"); // its app is built: from "go" on, both place at once
    second.send("go");
    const api = client(t.app, patron.apiKey);
    const here = await Promise.all(
      mine.map(async (title) => {
        const res = await api.post("/api/v1/requests", { mms_id: title.mmsId, ...pages });
        return { status: res.status, code: res.status === 201 ? null : (res.body.code as string) };
      }),
    );
    const there = await second.next("done");
    expect(await second.exited).toBe(0);

    const all = [...here, ...("results" in there ? there.results : [])];
    expect(all).toHaveLength(16);
    const refused = all.filter((r) => r.status !== 201);
    expect(all.filter((r) => r.status === 201)).toHaveLength(3);
    expect(refused).toEqual(refused.map(() => ({ status: 422, code: "PATRON_LIMIT_REACHED" })));
    const active = await t.ctx.db
      .selectFrom("requests")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", patron.id)
      .where("is_active", "=", 1)
      .executeTakeFirstOrThrow();
    expect(Number(active.n)).toBe(3);
  });
});
