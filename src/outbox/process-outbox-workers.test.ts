import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeInstitution } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { testDatabase } from "../../test/cross-process.js";
import { openDatabase, type OpenedDb } from "../db/database.js";
import type { AppContext } from "../server/context.js";
import type { OutboxHandlers } from "./outbox.js";
import { claimDueRows, settleClaim } from "./outbox-repository.js";
import { MINUTE, T0, at, outboxKit, scripted } from "../../test/outbox-kit.js";
import { processOutbox } from "./process-outbox.js";

const t = useTestApp();
const { addMessage, row, rowsOf, step } = outboxKit(t);

describe("processOutbox, when workers die or run side by side", () => {
  it("takes a message again once the lease of a worker that died runs out", async () => {
    const inst = await makeInstitution(t.ctx);
    const id = await addMessage(inst);
    // A worker claims the row and dies before recording anything.
    const [claimed] = await claimDueRows(t.ctx.db, {
      kinds: ["letter"],
      nowIso: T0.toISOString(),
      leaseUntilIso: at(5 * MINUTE).toISOString(),
      limit: 10,
      institutionId: inst.id,
    });
    expect(claimed).toMatchObject({ id, status: "processing", attempts: 1 });

    const h = scripted();
    const run = (now: Date) => step({ letter: h.handler }, { now, institutionId: inst.id });
    expect((await run(at(5 * MINUTE - 1))).claimed).toBe(0);
    expect(await run(at(5 * MINUTE))).toMatchObject({ claimed: 1, done: 1 });
    expect(await row(id)).toMatchObject({ status: "done", attempts: 2 });

    // The first worker's late result no longer counts.
    expect(
      await settleClaim(t.ctx.db, claimed!, {
        status: "failed",
        processed_at: at(6 * MINUTE).toISOString(),
        last_error: "late",
      }),
    ).toBe(false);
    expect(await row(id)).toMatchObject({ status: "done", last_error: null });
  });

  it("gives up on a message whose workers keep dying once it used up its attempts", async () => {
    const inst = await makeInstitution(t.ctx);
    const id = await addMessage(inst);
    const claim = (now: Date) =>
      claimDueRows(t.ctx.db, {
        kinds: ["letter"],
        nowIso: now.toISOString(),
        leaseUntilIso: new Date(now.getTime() + MINUTE).toISOString(),
        limit: 10,
        institutionId: inst.id,
      });
    await claim(T0);
    await claim(at(MINUTE));
    const h = scripted();
    const summary = await step({ letter: h.handler }, { now: at(2 * MINUTE), maxAttempts: 2, institutionId: inst.id });
    expect(summary).toMatchObject({ claimed: 1, failed: 1 });
    expect(h.seen).toEqual([]);
    expect(await row(id)).toMatchObject({
      status: "failed",
      attempts: 3,
      last_error: expect.stringMatching(/Gave up/),
    });
  });

  it("renews the lease while a handler runs, so another worker does not take the row", async () => {
    const inst = await makeInstitution(t.ctx);
    const id = await addMessage(inst);
    const leaseMs = 150;
    let takenByOther: unknown[] = ["not checked"];
    const summary = await step(
      {
        letter: async () => {
          // The send takes far longer than the lease (the clock says 10 minutes)...
          t.clock.set(at(10 * MINUTE));
          // ...and the heartbeat keeps the lease ahead of the clock.
          await vi.waitFor(
            async () => expect((await row(id)).next_attempt_at > at(10 * MINUTE).toISOString()).toBe(true),
            { timeout: 5000, interval: 20 },
          );
          takenByOther = await claimDueRows(t.ctx.db, {
            kinds: ["letter"],
            nowIso: at(10 * MINUTE).toISOString(),
            leaseUntilIso: at(11 * MINUTE).toISOString(),
            limit: 10,
            institutionId: inst.id,
          });
        },
      },
      { now: T0, institutionId: inst.id, leaseMs },
    );
    expect(takenByOther).toEqual([]);
    expect(summary).toMatchObject({ claimed: 1, done: 1, lost: 0 });
    expect(await row(id)).toMatchObject({ status: "done", attempts: 1 });
  });

  describe("with concurrent workers", () => {
    let second: OpenedDb;
    beforeAll(async () => {
      // A second connection stands for a second worker process.
      second = openDatabase(await testDatabase(t.ctx));
    });
    afterAll(async () => {
      await second?.close();
    });

    it("never runs the same message twice", async () => {
      const inst = await makeInstitution(t.ctx);
      const ids: number[] = [];
      for (let i = 0; i < 60; i++) ids.push(await addMessage(inst, { payload: { i } }));
      const handled: number[] = [];
      const handlers: OutboxHandlers = {
        letter: async (m) => {
          handled.push(m.id);
          await new Promise((r) => setTimeout(r, 1));
        },
      };
      t.clock.set(T0);
      const other: AppContext = { ...t.ctx, db: second.db };
      const drain = async (ctx: AppContext) => {
        while ((await processOutbox(ctx, handlers, { now: T0, batchSize: 4, institutionId: inst.id })).claimed > 0);
      };
      await Promise.all([drain(t.ctx), drain(other), drain(t.ctx), drain(other)]);

      expect([...handled].sort((a, b) => a - b)).toEqual(ids);
      const rows = await rowsOf(inst);
      expect(rows.every((r) => r.status === "done" && r.attempts === 1)).toBe(true);
    });
  });
});
