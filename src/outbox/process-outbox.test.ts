import { describe, expect, it } from "vitest";
import { makeInstitution } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { enqueue } from "./enqueue.js";
import { PermanentDeliveryError } from "./outbox.js";
import { claimDueRows } from "./outbox-repository.js";
import { MINUTE, SECOND, T0, at, outboxKit, scripted } from "../../test/outbox-kit.js";
import { backoffMs } from "./process-outbox.js";

const t = useTestApp();
const { addMessage, row, rowsOf, step } = outboxKit(t);

describe("enqueue", () => {
  it("commits the message with the transaction, and drops it when the transaction rolls back", async () => {
    const inst = await makeInstitution(t.ctx);
    const message = {
      institutionId: inst.id,
      kind: "letter" as const,
      topic: "request_cancelled",
      requestId: null,
      payload: { reason: "x" },
    };
    await expect(
      t.ctx.db.transaction().execute(async (tx) => {
        await enqueue(tx, message, T0);
        throw new Error("the state change failed");
      }),
    ).rejects.toThrow("the state change failed");
    expect(await rowsOf(inst)).toEqual([]);

    const id = await t.ctx.db.transaction().execute((tx) => enqueue(tx, message, T0));
    expect(await row(id)).toMatchObject({
      status: "pending",
      attempts: 0,
      next_attempt_at: T0.toISOString(),
      created_at: T0.toISOString(),
      processed_at: null,
      last_error: null,
      payload: JSON.stringify({ reason: "x" }),
    });
  });
});

describe("processOutbox", () => {
  it("backs off 30 s then 60 s after failures, and ends done with 3 attempts", async () => {
    const inst = await makeInstitution(t.ctx);
    const id = await addMessage(inst, { payload: { to: "a@example.edu", n: 1 } });
    const h = scripted(new Error("SMTP 451 try later"), new Error("SMTP timeout"));
    const run = (now: Date) => step({ letter: h.handler }, { now, institutionId: inst.id });

    expect(await run(T0)).toMatchObject({ claimed: 1, retried: 1 });
    expect(await row(id)).toMatchObject({
      status: "pending",
      attempts: 1,
      next_attempt_at: at(30 * SECOND).toISOString(),
      last_error: "SMTP 451 try later",
    });

    expect((await run(at(30 * SECOND - 1))).claimed).toBe(0);

    expect(await run(at(30 * SECOND))).toMatchObject({ claimed: 1, retried: 1 });
    expect(await row(id)).toMatchObject({
      status: "pending",
      attempts: 2,
      next_attempt_at: at(90 * SECOND).toISOString(),
      last_error: "SMTP timeout",
    });

    expect(await run(at(90 * SECOND))).toMatchObject({ claimed: 1, done: 1 });
    expect(await row(id)).toMatchObject({
      status: "done",
      attempts: 3,
      processed_at: at(90 * SECOND).toISOString(),
      last_error: null,
    });
    expect(h.seen.map((m) => m.attempt)).toEqual([1, 2, 3]);
    expect(h.seen[0]).toMatchObject({
      id,
      institutionId: inst.id,
      kind: "letter",
      topic: "request_received",
      requestId: null,
      payload: { to: "a@example.edu", n: 1 },
    });

    expect((await run(at(10 * MINUTE))).claimed).toBe(0);
  });

  it("doubles the backoff per attempt and caps it at one hour", () => {
    expect([1, 2, 3, 4, 7, 8, 20].map(backoffMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
  });

  it("fails a message at once on a PermanentDeliveryError", async () => {
    const inst = await makeInstitution(t.ctx);
    const id = await addMessage(inst);
    const h = scripted(new PermanentDeliveryError("The patron has no email address."));
    const summary = await step({ letter: h.handler }, { now: T0, institutionId: inst.id });
    expect(summary).toMatchObject({ claimed: 1, failed: 1, retried: 0 });
    expect(await row(id)).toMatchObject({
      status: "failed",
      attempts: 1,
      processed_at: T0.toISOString(),
      last_error: "The patron has no email address.",
    });
    expect((await step({ letter: h.handler }, { now: at(2 * 3600_000), institutionId: inst.id })).claimed).toBe(0);
  });

  it("fails a message after maxAttempts failed tries", async () => {
    const inst = await makeInstitution(t.ctx);
    const id = await addMessage(inst);
    const failing = async () => {
      throw new Error("printer offline");
    };
    const run = (now: Date) => step({ letter: failing }, { now, maxAttempts: 3, institutionId: inst.id });
    await run(T0);
    await run(at(30 * SECOND));
    expect((await row(id)).status).toBe("pending");
    expect(await run(at(90 * SECOND))).toMatchObject({ failed: 1 });
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 3, last_error: "printer offline" });
  });

  it("uses 8 attempts by default", async () => {
    const inst = await makeInstitution(t.ctx);
    const id = await addMessage(inst);
    const failing = async () => {
      throw new Error("down");
    };
    let now = T0;
    for (let i = 1; i <= 8; i++) {
      await step({ letter: failing }, { now, institutionId: inst.id });
      now = new Date(now.getTime() + backoffMs(i));
    }
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 8 });
  });

  it("claims at most batchSize messages per call, oldest first, and leaves the rest alone", async () => {
    const inst = await makeInstitution(t.ctx);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await addMessage(inst, { payload: { i } }));

    const claimed = await claimDueRows(t.ctx.db, {
      kinds: ["letter"],
      nowIso: T0.toISOString(),
      leaseUntilIso: at(MINUTE).toISOString(),
      limit: 2,
      institutionId: inst.id,
    });
    expect(claimed.map((r) => r.id)).toEqual(ids.slice(0, 2));
    expect((await rowsOf(inst)).map((r) => r.status)).toEqual([
      "processing",
      "processing",
      "pending",
      "pending",
      "pending",
    ]);

    const h = scripted();
    const summary = await step({ letter: h.handler }, { now: T0, batchSize: 2, institutionId: inst.id });
    expect(summary).toMatchObject({ claimed: 2, done: 2 });
    expect(h.seen.map((m) => m.id)).toEqual(ids.slice(2, 4));
    expect((await rowsOf(inst)).map((r) => r.status)).toEqual(["processing", "processing", "done", "done", "pending"]);
  });

  it("leaves messages of a kind without a handler untouched", async () => {
    const inst = await makeInstitution(t.ctx);
    const letter = await addMessage(inst, { kind: "letter" });
    const print = await addMessage(inst, { kind: "print", topic: "resource_request_slip" });

    expect((await step({}, { now: T0, institutionId: inst.id })).claimed).toBe(0);
    const h = scripted();
    expect(await step({ print: h.handler }, { now: T0, institutionId: inst.id })).toMatchObject({
      claimed: 1,
      done: 1,
    });
    expect(h.seen.map((m) => m.id)).toEqual([print]);
    expect(await row(letter)).toMatchObject({
      status: "pending",
      attempts: 0,
      next_attempt_at: T0.toISOString(),
      last_error: null,
    });
  });

  it("fails a message whose payload is not a JSON object, without calling the handler", async () => {
    const inst = await makeInstitution(t.ctx);
    const id = await addMessage(inst);
    await t.ctx.db.updateTable("outbox").set({ payload: "not json" }).where("id", "=", id).execute();
    const h = scripted();
    await step({ letter: h.handler }, { now: T0, institutionId: inst.id });
    expect(h.seen).toEqual([]);
    expect(await row(id)).toMatchObject({ status: "pending", attempts: 1 });
    await t.ctx.db.updateTable("outbox").set({ payload: "[1]" }).where("id", "=", id).execute();
    await step({ letter: h.handler }, { now: at(MINUTE), institutionId: inst.id });
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 2 });
  });

  it("counts a retry from the clock when the try failed, not from the claim", async () => {
    const inst = await makeInstitution(t.ctx);
    const id = await addMessage(inst);
    const failing = async () => {
      t.clock.set(at(9 * SECOND));
      throw new Error("printer busy");
    };
    expect(await step({ letter: failing }, { now: T0, institutionId: inst.id })).toMatchObject({ retried: 1 });
    expect(await row(id)).toMatchObject({
      status: "pending",
      processed_at: null,
      last_error: "printer busy",
      next_attempt_at: at(39 * SECOND).toISOString(),
    });
  });

  it("stamps processed_at with the clock when that row was sent, not when the batch began", async () => {
    const inst = await makeInstitution(t.ctx);
    const ids = [await addMessage(inst, { payload: { n: 1 } }), await addMessage(inst, { payload: { n: 2 } })];
    let n = 0;
    await step(
      { letter: async () => t.clock.set(at(++n * MINUTE)) },
      { now: T0, institutionId: inst.id, concurrency: { letter: 1 } },
    );
    expect((await row(ids[0]!)).processed_at).toBe(at(MINUTE).toISOString());
    expect((await row(ids[1]!)).processed_at).toBe(at(2 * MINUTE).toISOString());
  });

  it("keeps draining while rows are due: 50 rows in one call", async () => {
    const inst = await makeInstitution(t.ctx);
    for (let i = 0; i < 50; i++) await addMessage(inst, { payload: { i } });
    const h = scripted();
    expect(await step({ letter: h.handler }, { now: T0, institutionId: inst.id })).toMatchObject({
      claimed: 50,
      done: 50,
    });
    expect((await rowsOf(inst)).every((r) => r.status === "done")).toBe(true);
  });

  it("runs at most the lane's limit of print jobs at once, and a letter beside them", async () => {
    const inst = await makeInstitution(t.ctx);
    for (let i = 0; i < 6; i++) await addMessage(inst, { kind: "print", topic: "resource_request_slip" });
    await addMessage(inst);
    let active = 0;
    let most = 0;
    let printsDone = 0;
    let printsDoneWhenLetterSent = -1;
    let twoAtOnce!: () => void;
    let letterSent!: () => void;
    const both = Promise.all([new Promise<void>((r) => (twoAtOnce = r)), new Promise<void>((r) => (letterSent = r))]);
    const summary = await step(
      {
        print: async () => {
          most = Math.max(most, ++active);
          if (active >= 2) twoAtOnce();
          // Held until two run at once and the letter has gone (or a while, so that a worker
          // running one row at a time is slow here, not stuck).
          await Promise.race([both, new Promise((r) => setTimeout(r, 200))]);
          active--;
          printsDone++;
        },
        letter: async () => {
          printsDoneWhenLetterSent = printsDone;
          letterSent();
        },
      },
      { now: T0, institutionId: inst.id, concurrency: { print: 2 } },
    );
    expect(summary).toMatchObject({ claimed: 7, done: 7 });
    expect(most).toBe(2);
    // The letter, written after the print jobs, did not wait for them.
    expect(printsDoneWhenLetterSent).toBe(0);
  });
});
