import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { countRows, makeInstitution, makeTitle, makeUser } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { processOutbox } from "../outbox/process-outbox.js";
import { runPrintJob } from "./print-job.js";

/** POST /api/v1/printouts/slips: the work queues' "Print slips" for chosen requests. */

const t = useTestApp();

async function scene() {
  const inst = await makeInstitution(t.ctx);
  const patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
  const ro = await makeUser(t.ctx, inst, {
    roles: [{ role: "REQUESTS_OPERATOR", scope: "library", scopeId: inst.libraries.main }],
  });
  const lawRo = await makeUser(t.ctx, inst, {
    roles: [{ role: "REQUESTS_OPERATOR", scope: "library", scopeId: inst.libraries.law }],
  });
  const place = async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await client(t.app, patron.apiKey).post("/api/v1/requests", {
      mms_id: title.mmsId,
      partial_digitization: false,
    });
    expect(res.status).toBe(201);
    return res.body.request_id as string;
  };
  const ids = [await place(), await place()];
  // the slips printed when they reached the shelf
  await processOutbox(t.ctx, { print: runPrintJob }, { now: t.clock.now(), institutionId: inst.id });
  return { inst, patron, ro, lawRo, ids };
}

const printouts = async (apiKey: string) =>
  (await client(t.app, apiKey).get("/api/v1/printouts")).body.printouts as { request_id: number; status: string }[];

describe("printing the slips of chosen requests", () => {
  it("queues one print job per request; the worker puts each slip in the printout queue", async () => {
    const s = await scene();
    expect(await printouts(s.ro.apiKey)).toHaveLength(2);
    const res = await client(t.app, s.ro.apiKey).post("/api/v1/printouts/slips", { request_ids: s.ids });
    expect(res.status).toBe(202);
    expect(res.body.slips.map((x: { request_id: string }) => x.request_id)).toEqual(s.ids);
    const jobs = await t.ctx.db
      .selectFrom("outbox")
      .select(["request_id", "topic", "status"])
      .where("institution_id", "=", s.inst.id)
      .where("kind", "=", "print")
      .where("status", "=", "pending")
      .orderBy("id")
      .execute();
    expect(jobs).toEqual(
      s.ids.map((id) => ({ request_id: Number(id), topic: "resource_request_slip", status: "pending" })),
    );
    const run = await processOutbox(t.ctx, { print: runPrintJob }, { now: t.clock.now(), institutionId: s.inst.id });
    expect(run.done).toBe(2);
    const queue = await printouts(s.ro.apiKey);
    expect(
      queue
        .filter((p) => p.status === "queued")
        .map((p) => String(p.request_id))
        .sort(),
    ).toEqual([...s.ids, ...s.ids].sort());
  });

  it("all or nothing: a request the caller does not see is 'not found' and nothing is queued", async () => {
    const s = await scene();
    const before = await countRows(t.ctx, "outbox", s.inst.id);
    const res = await client(t.app, s.lawRo.apiKey).post("/api/v1/printouts/slips", { request_ids: s.ids });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("NOT_FOUND");
    const mixed = await client(t.app, s.ro.apiKey).post("/api/v1/printouts/slips", {
      request_ids: [s.ids[0], "999999999"],
    });
    expect(mixed.status).toBe(404);
    expect(mixed.body.message).toContain("999999999");
    expect(await countRows(t.ctx, "outbox", s.inst.id)).toBe(before);
  });

  it("refuses a closed request, a patron, and bad bodies, changing nothing", async () => {
    const s = await scene();
    const cancelled = await client(t.app, s.patron.apiKey).post(`/api/v1/requests/${s.ids[1]}/cancel`, {
      reason: "not needed",
    });
    expect(cancelled.status).toBe(200);
    const before = await countRows(t.ctx, "outbox", s.inst.id);
    const closed = await client(t.app, s.ro.apiKey).post("/api/v1/printouts/slips", { request_ids: s.ids });
    expect(closed.status).toBe(409);
    expect(closed.body.message).toContain("CANCELLED");
    const patron = await client(t.app, s.patron.apiKey).post("/api/v1/printouts/slips", { request_ids: [s.ids[0]] });
    expect(patron.status).toBe(403);
    for (const body of [
      {},
      { request_ids: [] },
      { request_ids: ["abc"] },
      { request_ids: Array(101).fill(s.ids[0]) },
    ]) {
      const res = await client(t.app, s.ro.apiKey).post("/api/v1/printouts/slips", body);
      expect([
        JSON.stringify(body).slice(0, 40),
        res.status,
        String(res.body.fields?.[0]?.field).split(".")[0],
      ]).toEqual([JSON.stringify(body).slice(0, 40), 400, "request_ids"]);
    }
    expect(await countRows(t.ctx, "outbox", s.inst.id)).toBe(before);
  });
});
