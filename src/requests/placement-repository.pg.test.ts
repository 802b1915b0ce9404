import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { makeInstitution, makeTitle, makeUser } from "../../test/factories.js";
import { useCountingApp } from "../../test/statement-count.js";
import { findBib } from "../catalogue/bibs-repository.js";
import { listItemsOfBib } from "../catalogue/items-repository.js";
import { withReadMemo } from "../db/read-memo.js";
import { consortiumOf, setConsortium } from "../organisation/institution-repository.js";
import { findPatronStanding } from "../people/users-repository.js";
import { findConfigRow } from "../request-form/repository.js";
import { findTable } from "../rules/tables/repository.js";
import { duplicatesSince } from "./duplicates.js";
import {
  insertPlacement,
  keptWriteShapes,
  readPlaceCandidates,
  readPlacementStart,
  type PlacementWrites,
  WRITE_SHAPES_KEPT,
} from "./placement-repository.js";
import { countActiveRequests, openOrRecentOnTitle, sameItemHistory } from "./repository.js";
import { loadPlaceCandidatesFor } from "../organisation/handling-place-repository.js";

/*
 * PostgreSQL reads what a placement reads first in the statement that locks the patron
 * (placement-repository.ts) and hands it to the repositories' own readers. What they hand out
 * must be what they read themselves, timestamps included, and they must not read it again.
 */

const t = useCountingApp();

/** A placement's writes as the API writes them (a request placed, then read back without its id). */
async function samplePlacement(): Promise<PlacementWrites> {
  const inst = await makeInstitution(t.ctx);
  const patron = await makeUser(t.ctx, inst);
  const title = await makeTitle(t.ctx, inst);
  const placed = await client(t.app, patron.apiKey).post("/api/v1/requests", {
    mms_id: String(title.mmsId),
    required_pages_range: [{ from_page: "1", to_page: "6" }],
  });
  expect(placed.status).toBe(201);
  // The same request again, written directly.
  const { id: _id, ...request } = await t.ctx.db
    .selectFrom("requests")
    .selectAll()
    .where("id", "=", Number(placed.body.request_id))
    .executeTakeFirstOrThrow();
  const at = t.ctx.clock.now().toISOString();
  const task = (kind: "approval" | "copyright") =>
    ({ institution_id: inst.id, kind, status: "pending", details: "{}", created_at: at }) as const;
  return {
    request,
    events: [
      {
        institution_id: inst.id,
        at,
        actor_user_id: patron.id,
        action: "placed",
        to_state: "NEW",
        data: "{}",
      },
    ],
    // Copyright first: the ids come back by kind, not by the order they were returned in.
    tasks: [task("copyright"), task("approval")],
    letters: [{ institution_id: inst.id, kind: "letter", topic: "request_received", payload: "{}", at }],
  };
}

describe("a placement's first read on PostgreSQL", () => {
  it("gives every reader what it reads itself, in one statement", async () => {
    const [member, consortium] = [await makeInstitution(t.ctx), await makeInstitution(t.ctx)];
    await setConsortium(t.ctx.db, member.id, consortium.id);
    const patron = await makeUser(t.ctx, member, { group: "FACULTY" });
    const title = await makeTitle(t.ctx, member, { items: 2, descriptions: ["v.1", "v.2"] });
    const other = await makeTitle(t.ctx, member);
    for (const [mmsId, itemId] of [
      [title.mmsId, title.itemIds[0]!],
      [other.mmsId, other.itemIds[0]!],
    ]) {
      const placed = await client(t.app, patron.apiKey).post("/api/v1/requests", {
        mms_id: String(mmsId),
        item_id: String(itemId),
        required_pages_range: [{ from_page: "1", to_page: "6" }],
      });
      expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    }
    const now = t.ctx.clock.now();
    await t.ctx.db
      .insertInto("user_blocks")
      .values({
        institution_id: member.id,
        user_id: patron.id,
        block_type: "GENERAL",
        note: null,
        expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
        created_at: now.toISOString(),
      })
      .execute();
    const since = duplicatesSince(now);

    await t.ctx.db.transaction().execute(async (trx) => {
      const tx = withReadMemo(trx);
      const keys = { institutionId: member.id, userId: patron.id, bibId: title.mmsId, now };
      let standing: Awaited<ReturnType<typeof readPlacementStart>>;
      const start = await t.statementsOf(async () => {
        standing = await readPlacementStart(tx, keys);
      });
      expect(start).toHaveLength(1);
      expect(start[0]).toMatch(/for no key update of "u"$/);
      expect(standing!).toEqual(await findPatronStanding(trx, member.id, patron.id, now));
      expect(standing!.active_blocks).toBe(1);

      const [first, second] = title.itemIds as [number, number];
      const read = (db: typeof trx) =>
        Promise.all([
          consortiumOf(db, member.id),
          findConfigRow(db, member.id),
          findConfigRow(db, consortium.id),
          findTable(db, member.id, "patron_limits"),
          findTable(db, member.id, "digitization_workflow"),
          findBib(db, member.id, title.mmsId),
          listItemsOfBib(db, member.id, title.mmsId),
          openOrRecentOnTitle(db, patron.id, title.mmsId, since),
          sameItemHistory(db, patron.id, first),
          sameItemHistory(db, patron.id, second),
        ]);
      let handedOut: Awaited<ReturnType<typeof read>>;
      const again = await t.statementsOf(async () => {
        handedOut = await read(tx);
      });
      expect(again).toEqual([]);
      const own = await read(trx);
      expect(handedOut!).toEqual(own);
      // What was compared is there to compare: the consortium, both forms, the tables, the items,
      // the patron's request on the first item and its history.
      expect(own[0]?.id).toBe(consortium.id);
      expect(own[1]?.updated_at).toMatch(/Z$/);
      expect(own[2]?.institution_id).toBe(consortium.id);
      expect(own[3]).toBeDefined();
      expect(own[5]?.created_at).toMatch(/Z$/);
      expect(own[6]).toHaveLength(2);
      expect(own[7]).toHaveLength(1);
      expect(own[8]).toMatchObject({ open: 1 });
      expect(own[8].lastRequestDate).toMatch(/Z$/);
      expect(own[9]).toEqual({ lastRequestDate: null, open: 0 });
    });
  });

  it("reads the places and the active count as loadPlaceCandidatesFor and countActiveRequests do", async () => {
    const inst = await makeInstitution(t.ctx);
    const patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
    const title = await makeTitle(t.ctx, inst);
    const placed = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: String(title.mmsId),
      required_pages_range: [{ from_page: "1", to_page: "6" }],
    });
    expect(placed.status).toBe(201);
    // A desk that digitizes, so that a desk is among the candidates too.
    await t.ctx.db
      .updateTable("circulation_desks")
      .set({ supports_digitization: 1 })
      .where("id", "=", inst.desks.mainDesk)
      .execute();
    await t.ctx.db.transaction().execute(async (trx) => {
      const tx = withReadMemo(trx);
      const keys = { institutionId: inst.id, libraryId: inst.libraries.main, code: null, patronId: patron.id };
      let candidates: Awaited<ReturnType<typeof readPlaceCandidates>>;
      let active = -1;
      const statements = await t.statementsOf(async () => {
        candidates = await readPlaceCandidates(tx, keys);
        active = await countActiveRequests(tx, patron.id);
      });
      expect(statements).toHaveLength(1);
      expect(candidates!).toEqual(await loadPlaceCandidatesFor(trx, inst.id, inst.libraries.main, null));
      expect(candidates!.map((c) => c.kind).sort()).toEqual(["department", "desk"]);
      expect(active).toBe(await countActiveRequests(trx, patron.id));
      expect(active).toBe(1);
    });
  });

  it("writes a request with its tasks in one statement, each task's id with its kind", async () => {
    const writes = await samplePlacement();
    let written: Awaited<ReturnType<typeof insertPlacement>>;
    const statements = await t.statementsOf(async () => {
      written = await t.ctx.db.transaction().execute((trx) => insertPlacement(trx, writes));
    });
    expect(statements).toHaveLength(3); // begin, the writes, commit
    const tasks = await t.ctx.db
      .selectFrom("request_tasks")
      .select(["id", "kind", "request_id"])
      .where("request_id", "=", written!.id)
      .execute();
    expect(written!.taskIds).toEqual(["copyright", "approval"].map((k) => tasks.find((x) => x.kind === k)!.id));
    const parts = async (table: "request_events" | "outbox") =>
      Number(
        (
          await t.ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .where("request_id", "=", written!.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect([await parts("request_events"), await parts("outbox")]).toEqual([1, 1]);
  });

  it("answers no patron for a user of another institution", async () => {
    const [inst, elsewhere] = [await makeInstitution(t.ctx), await makeInstitution(t.ctx)];
    const stranger = await makeUser(t.ctx, elsewhere);
    const title = await makeTitle(t.ctx, inst);
    const found = await t.ctx.db.transaction().execute((trx) =>
      readPlacementStart(withReadMemo(trx), {
        institutionId: inst.id,
        userId: stranger.id,
        bibId: title.mmsId,
        now: t.ctx.clock.now(),
      }),
    );
    expect(found).toBeUndefined();
  });

  it(`keeps the write statements of the ${WRITE_SHAPES_KEPT} shapes used last, dropping the least recently used`, async () => {
    const writes = await samplePlacement();
    const rolledBack = new Error("rolled back");
    // A placement with this many events: a shape of its own. Rolled back, so the same request can be written again.
    const write = (events: number) =>
      t.ctx.db
        .transaction()
        .execute(async (trx) => {
          await insertPlacement(trx, { ...writes, events: Array.from({ length: events }, () => writes.events[0]!) });
          throw rolledBack;
        })
        .catch((err: unknown) => {
          if (err !== rolledBack) throw err;
        });
    const eventsOf = (shape: string) => shape.split(";").filter((part) => part.startsWith("events(")).length;
    for (let n = 1; n <= WRITE_SHAPES_KEPT; n += 1) await write(n);
    await write(1); // used again: now the most recent
    await write(WRITE_SHAPES_KEPT + 1);
    const kept = keptWriteShapes().map(eventsOf);
    expect(kept).toHaveLength(WRITE_SHAPES_KEPT);
    expect(kept).not.toContain(2);
    expect(kept.slice(-2)).toEqual([1, WRITE_SHAPES_KEPT + 1]);
  });
});
