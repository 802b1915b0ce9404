import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import type { UserFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { useQueueScene } from "../../test/queue-scene.js";

/*
 * How many requests stand in each work queue (GET /api/v1/requests/queues, issue 12): at all
 * places or one, among the requests the caller sees, with the outbox's failed letters for who
 * sees the outbox; over the scene of test/queue-scene.ts.
 */

const t = useTestApp();
const scene = useQueueScene(t);
const { list } = scene;

describe("GET /api/v1/requests/queues", () => {
  const counts = async (who: UserFixture, query = "") => {
    const res = await client(t.app, who.apiKey).get(`/api/v1/requests/queues${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return {
      ...res.body,
      queues: Object.fromEntries(res.body.queues.map((q: { queue: string; count: number }) => [q.queue, q.count])),
    };
  };

  it("counts each queue in one answer, the same requests the queue lists", async () => {
    const all = await counts(scene.gsa);
    expect(all).toEqual({
      place: null,
      queues: { pick: 3, transit: 1, scan_in: 1, digitization: 1, approval: 2, copyright: 2, deliver: 1 },
      failed_letters: 0,
    });
    for (const [queue, n] of Object.entries(all.queues)) {
      expect([queue, (await list(`queue=${queue}`)).requests.length]).toEqual([queue, n]);
    }
  });

  it("at a place, and only among the requests the caller sees; failed letters only for who sees the outbox", async () => {
    expect((await counts(scene.gsa, "?place=MAIN_DESK")).queues).toEqual({
      pick: 2,
      transit: 1,
      scan_in: 0,
      digitization: 0,
      approval: 2,
      copyright: 1,
      deliver: 0,
    });
    const law = await counts(scene.lawOperator);
    expect(law.queues).toMatchObject({ pick: 1, scan_in: 0, approval: 0, deliver: 0 });
    expect(law.failed_letters).toBeNull();
    expect((await counts(scene.gsa, "?place=NO_SUCH_PLACE")).queues.pick).toBe(0);
  });

  it("counts the outbox's failed letters", async () => {
    const at = t.ctx.clock.now().toISOString();
    await t.ctx.db
      .insertInto("outbox")
      .values({
        institution_id: scene.inst.id,
        kind: "letter",
        topic: "request_received",
        request_id: scene.ids.pickDept!,
        payload: "{}",
        status: "failed",
        attempts: 8,
        next_attempt_at: at,
        last_error: "SMTP said no",
        created_at: at,
        processed_at: at,
      })
      .execute();
    expect((await counts(scene.gsa)).failed_letters).toBe(1);
  });

  it("refuses a bad place with the field named", async () => {
    const res = await client(t.app, scene.gsa.apiKey).get(`/api/v1/requests/queues?place=${"X".repeat(51)}`);
    expect(res.status).toBe(400);
    expect(res.body.fields[0].field).toBe("place");
  });
});
