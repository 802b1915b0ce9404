import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { makeInstitution, makeTitle, makeUser } from "../../test/factories.js";
import { useCountingApp } from "../../test/statement-count.js";
import { sendOutboxLetter } from "../letters/send-letter.js";
import { enqueue } from "./enqueue.js";
import { processOutbox } from "./process-outbox.js";

/*
 * Issue 9: draining letters ran about 15 statements and 4 commits per letter (the institution read
 * three times, its templates and settings once each, the outbox claimed and settled row by row).
 * This counts every statement the worker runs to send a batch of letters, begin and commit
 * included, and holds a ceiling per letter so that a change that adds reads back shows here.
 * RECTO_TEST_STATEMENTS=1 prints them.
 */
const LETTERS = 8;
// Per letter: its try recorded (1), then marked sent with its history in one transaction (4), its
// outcome settled (1, or shared with others finishing meanwhile); the claim and the batch's reads
// shared by the batch: about 7.1 (57 statements for 8 letters), 16.1 before.
const CEILING_PER_LETTER = 8;

const t = useCountingApp();

describe("statements per letter", () => {
  it(`sends a batch of ${LETTERS} letters in at most ${CEILING_PER_LETTER} statements a letter`, async () => {
    const inst = await makeInstitution(t.ctx);
    const patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
    const drain = () =>
      processOutbox(t.ctx, { letter: sendOutboxLetter }, { institutionId: inst.id, concurrency: { letter: LETTERS } });
    const requestIds: number[] = [];
    for (let i = 0; i < LETTERS; i++) {
      const title = await makeTitle(t.ctx, inst);
      const res = await client(t.app, patron.apiKey).post("/api/v1/requests", {
        mms_id: String(title.mmsId),
        required_pages_range: [{ from_page: "1", to_page: "6" }],
      });
      expect(res.status).toBe(201);
      requestIds.push(Number(res.body.request_id));
    }
    // The letters placement wrote go first, so that what is counted is one batch of cancellations.
    await drain();
    for (const [i, requestId] of requestIds.entries()) {
      const payload = { outcome: "CANCELLED", reason: `reason ${i}` };
      await enqueue(
        t.ctx.db,
        { institutionId: inst.id, kind: "letter", topic: "request_cancelled", requestId, payload },
        t.ctx.clock.now(),
      );
    }

    let summary: Awaited<ReturnType<typeof drain>> | null = null;
    const statements = await t.statementsOf(async () => {
      summary = await drain();
    });
    expect(summary).toMatchObject({ claimed: LETTERS, done: LETTERS });
    expect(statements.length / LETTERS).toBeLessThanOrEqual(CEILING_PER_LETTER);
  });
});
