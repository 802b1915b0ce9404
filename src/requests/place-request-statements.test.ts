import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { makeInstitution, makeTitle, makeUser, setGroupLimit } from "../../test/factories.js";
import { testDialect } from "../../test/harness.js";
import { useCountingApp } from "../../test/statement-count.js";

/*
 * Issue 14: placing a request ran 36 statements (rule tables read five times, the item twice,
 * the whole institution's places...). This counts every statement one POST /api/v1/requests
 * runs, from authentication to the answer, begin and commit included, and holds a ceiling so
 * that a change that adds reads back shows here. RECTO_TEST_STATEMENTS=1 prints them.
 */
// 38 before issue 14, then 24; 20 since the answer is presented from what was written and the
// receipt and the pick slip go to the outbox in one insert; since the caller, their user and
// grants are one statement (18); since the patron's blocks are counted in the patron's read (17).
// PostgreSQL also locked the patron's row (18). On PostgreSQL, where each statement is a round trip,
// 6 since its reads and writes are merged (placement-repository.ts): the caller, begin, the patron
// locked with what is read first, the places with the active count, the writes, commit.
const CEILING = testDialect() === "postgres" ? 6 : 17;

const t = useCountingApp();

describe("statements per placement", () => {
  it(`places a request with a patron limit in at most ${CEILING} statements`, async () => {
    const inst = await makeInstitution(t.ctx);
    // A limit makes placement lock the patron and count their requests: the longest path.
    await setGroupLimit(t.ctx, inst, "FACULTY", 50);
    const patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
    const [first, second] = [await makeTitle(t.ctx, inst), await makeTitle(t.ctx, inst)];
    const place = (mmsId: number) =>
      client(t.app, patron.apiKey).post("/api/v1/requests", {
        mms_id: String(mmsId),
        required_pages_range: [{ from_page: "1", to_page: "6" }],
      });
    // The first placement may fill caches; the second is what every later one costs.
    expect((await place(first.mmsId)).status).toBe(201);
    let status = 0;
    const statements = await t.statementsOf(async () => {
      status = (await place(second.mmsId)).status;
    });
    expect(status).toBe(201);
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(CEILING);
  });
});
