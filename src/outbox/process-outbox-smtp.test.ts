import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import {
  makeInstitution,
  makeSlipPrinter,
  makeTitle,
  makeUser,
  type InstitutionFixture,
} from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { testDatabase } from "../../test/cross-process.js";
import { startSilentSmtp, startTestSmtp, type SilentSmtp, type TestSmtp } from "../../test/smtp.js";
import { openDatabase, type OpenedDb } from "../db/database.js";
import { sendOutboxLetter } from "../letters/send-letter.js";
import { runPrintJob } from "../printing/print-job.js";
import type { AppContext } from "../server/context.js";
import { enqueue } from "./enqueue.js";
import { claimDueRows } from "./outbox-repository.js";
import { OUTBOX_DEFAULTS, processOutbox } from "./process-outbox.js";

// A working mail server gets the default wait, so that a loaded machine does not fail a send;
// the server that never answers gets SILENT_WAIT_MS, so that its tries fail quickly here.
const t = useTestApp({ smtpTimeoutMs: 10_000, smtpPoolSize: 4 });
const SILENT_WAIT_MS = 300;
const SECOND = 1000;
const handlers = { letter: sendOutboxLetter, print: runPrintJob };

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
  t.config.smtpUrl = smtp.url;
});
afterAll(async () => smtp?.stop());

const later = (ms: number) => t.clock.set(new Date(t.clock.now().getTime() + ms));

/** An institution whose slips go to a queue-only printer, and a patron with one request on the shelf. */
async function scene() {
  const inst = await makeInstitution(t.ctx);
  await makeSlipPrinter(t.ctx, inst, null);
  const patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
  const title = await makeTitle(t.ctx, inst);
  const placed = await client(t.app, patron.apiKey).post("/api/v1/requests", {
    mms_id: title.mmsId,
    chapter_or_article_title: "Chapter 1",
  });
  expect(placed.body.request_status).toBe("PICK_FROM_SHELF");
  const requestId = Number(placed.body.request_id);
  // The placement's own messages (its slip, the disabled acknowledgement) are out of the way.
  await processOutbox(t.ctx, handlers, { now: t.clock.now(), institutionId: inst.id });
  return { inst, requestId };
}

/** `n` cancellation letters to the patron, each its own outbox row (and so its own Message-ID). */
async function letters(s: { inst: InstitutionFixture; requestId: number }, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      await t.ctx.db.transaction().execute((tx) =>
        enqueue(
          tx,
          {
            institutionId: s.inst.id,
            kind: "letter",
            topic: "request_cancelled",
            requestId: s.requestId,
            payload: { outcome: "CANCELLED", reason: `letter ${i}` },
          },
          t.clock.now(),
        ),
      ),
    );
  }
  return ids;
}

async function printJob(s: { inst: InstitutionFixture; requestId: number }): Promise<number> {
  return t.ctx.db.transaction().execute((tx) =>
    enqueue(
      tx,
      {
        institutionId: s.inst.id,
        kind: "print",
        topic: "resource_request_slip",
        requestId: s.requestId,
        payload: {},
      },
      t.clock.now(),
    ),
  );
}

const rows = (ids: number[]) =>
  t.ctx.db.selectFrom("outbox").selectAll().where("id", "in", ids).orderBy("id").execute();

/** Message-IDs of the letters the server received for these outbox rows, one entry per message received. */
const receivedFor = (ids: number[]) => {
  const wanted = new Set(ids.map((id) => `outbox-${id}@`));
  return smtp.received.map((m) => m.messageId ?? "").filter((mid) => [...wanted].some((w) => mid.startsWith(`<${w}`)));
};

describe("the outbox worker against a mail server", () => {
  it("finishes a print job while letters hang on a server that never answers; the letters time out and are retried", async () => {
    const s = await scene();
    const silent: SilentSmtp = await startSilentSmtp();
    t.config.smtpUrl = silent.url;
    t.config.smtpTimeoutMs = SILENT_WAIT_MS;
    try {
      const letterIds = await letters(s, 6);
      const print = await printJob(s);
      let lettersWhenPrinted: Awaited<ReturnType<typeof rows>> = [];
      const summary = await processOutbox(
        t.ctx,
        {
          letter: sendOutboxLetter,
          print: async (m, ctx) => {
            await runPrintJob(m, ctx);
            lettersWhenPrinted = await rows(letterIds);
          },
        },
        { now: t.clock.now(), institutionId: s.inst.id },
      );
      // The slip was printed while no letter had come back from the mail server yet.
      expect(lettersWhenPrinted).toHaveLength(6);
      for (const l of lettersWhenPrinted) {
        expect(l.status === "pending" || l.status === "processing").toBe(true);
        expect(l.last_error).toBeNull();
      }
      expect((await rows([print]))[0]).toMatchObject({ status: "done", attempts: 1 });
      expect(summary).toMatchObject({ claimed: 7, done: 1, retried: 6, failed: 0 });
      const failedAt = t.clock.now().getTime();
      for (const l of await rows(letterIds)) {
        expect(l).toMatchObject({
          status: "pending",
          attempts: 1,
          processed_at: null,
          next_attempt_at: new Date(failedAt + 30 * SECOND).toISOString(),
        });
        expect(l.last_error).toMatch(/greeting|timeout/i);
      }
      expect(silent.accepted).toBeGreaterThan(0);
    } finally {
      t.config.smtpUrl = smtp.url;
      t.config.smtpTimeoutMs = 10_000;
      await silent.stop();
    }

    // The mail server is back: the next try after the backoff delivers each letter once.
    expect(await processOutbox(t.ctx, handlers, { now: t.clock.now(), institutionId: s.inst.id })).toMatchObject({
      claimed: 0,
    });
    later(30 * SECOND);
    const retried = await processOutbox(t.ctx, handlers, { now: t.clock.now(), institutionId: s.inst.id });
    expect(retried).toMatchObject({ claimed: 6, done: 6 });
    const all = await t.ctx.db
      .selectFrom("outbox")
      .select(["id", "status", "attempts"])
      .where("institution_id", "=", s.inst.id)
      .where("topic", "=", "request_cancelled")
      .execute();
    expect(all.map((r) => [r.status, r.attempts])).toEqual(Array.from({ length: 6 }, () => ["done", 2]));
    expect(receivedFor(all.map((r) => r.id)).sort()).toHaveLength(6);
  });

  it("sends letters over a pool of at most SMTP_POOL_SIZE connections, that many at once", async () => {
    const s = await scene();
    let release!: () => void;
    const allIn = new Promise<void>((r) => (release = r));
    // Each message is held until four are being received at once (or a while has passed, so
    // that a worker sending fewer at once is slow here, not stuck).
    const gated = await startTestSmtp({
      hold: async (now) => {
        if (now >= 4) release();
        await Promise.race([allIn, new Promise((r) => setTimeout(r, 300))]);
      },
    });
    t.config.smtpUrl = gated.url;
    try {
      const ids = await letters(s, 12);
      expect(await processOutbox(t.ctx, handlers, { now: t.clock.now(), institutionId: s.inst.id })).toMatchObject({
        claimed: 12,
        done: 12,
      });
      expect(gated.received).toHaveLength(12);
      expect(gated.sending.max).toBe(4);
      expect(gated.connections.maxOpen).toBeLessThanOrEqual(4);
      // Pooled: connections are reused, not opened per letter.
      expect(gated.connections.opened).toBeLessThanOrEqual(4);
      expect((await rows(ids)).every((r) => r.status === "done")).toBe(true);
    } finally {
      t.config.smtpUrl = smtp.url;
      await gated.stop();
    }
  });

  it("sends a letter whose worker crashed once, a minute later", async () => {
    const s = await scene();
    const [id] = await letters(s, 1);
    // A worker claims the letter as the worker does, and dies before sending it.
    const now = t.clock.now();
    const [claimed] = await claimDueRows(t.ctx.db, {
      kinds: ["letter"],
      nowIso: now.toISOString(),
      leaseUntilIso: new Date(now.getTime() + OUTBOX_DEFAULTS.leaseMs).toISOString(),
      limit: 1,
      institutionId: s.inst.id,
    });
    expect(claimed).toMatchObject({ id, status: "processing", attempts: 1 });
    expect(await processOutbox(t.ctx, handlers, { now: t.clock.now(), institutionId: s.inst.id })).toMatchObject({
      claimed: 0,
    });

    later(60 * SECOND);
    expect(await processOutbox(t.ctx, handlers, { now: t.clock.now(), institutionId: s.inst.id })).toMatchObject({
      claimed: 1,
      done: 1,
    });
    expect((await rows([id!]))[0]).toMatchObject({
      status: "done",
      attempts: 2,
      processed_at: t.clock.now().toISOString(),
    });
    later(60 * SECOND);
    expect(await processOutbox(t.ctx, handlers, { now: t.clock.now(), institutionId: s.inst.id })).toMatchObject({
      claimed: 0,
    });
    expect(receivedFor([id!])).toHaveLength(1);
  });

  describe("with two workers", () => {
    let second: OpenedDb;
    beforeAll(async () => {
      // A second connection stands for a second worker process.
      second = openDatabase(await testDatabase(t.ctx));
    });
    afterAll(async () => second?.close());

    it("delivers each of 200 letters exactly once when two workers drain at the same time", async () => {
      const s = await scene();
      const ids = await letters(s, 200);
      const other: AppContext = { ...t.ctx, db: second.db };
      const [a, b] = await Promise.all([
        processOutbox(t.ctx, handlers, { now: t.clock.now(), institutionId: s.inst.id }),
        processOutbox(other, handlers, { now: t.clock.now(), institutionId: s.inst.id }),
      ]);
      expect(a.claimed + b.claimed).toBe(200);
      expect(a.done + b.done).toBe(200);
      const got = receivedFor(ids);
      expect(got).toHaveLength(200);
      expect(new Set(got).size).toBe(200);
      const settled = await rows(ids);
      expect(settled.every((r) => r.status === "done" && r.attempts === 1)).toBe(true);
    });
  });
});
