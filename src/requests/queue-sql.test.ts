import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { makeTitle, makeUser } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { SCENE, useQueueScene } from "../../test/queue-scene.js";
import { MOVING_QUEUES, QUEUES, queuesOf, type QueuePlace } from "./queues.js";

/*
 * The work queues' SQL means what queues.ts says (issue 12): each queue at each place lists and
 * counts exactly the requests `queuesOf` puts there, and a request placed and worked through the
 * API moves between the moving queues as queue-meaning.test.ts describes.
 */

const t = useTestApp();
const scene = useQueueScene(t);
const { facts, names, list } = scene;

describe("the SQL means what queues.ts says", () => {
  it("each queue at each place lists and counts exactly the scene's requests that queuesOf puts there", async () => {
    const places: [string, QueuePlace | null][] = [
      ["", null],
      ["MAIN_DESK", { kind: "desk", id: scene.inst.desks.mainDesk, libraryId: scene.inst.libraries.main }],
      ["DIGI_DEPT_INST", { kind: "department", id: scene.inst.departments.inst, libraryId: null }],
    ];
    for (const [code, place] of places) {
      const counted = await client(t.app, scene.gsa.apiKey).get(
        `/api/v1/requests/queues?place=${code}`.replace(/\?place=$/, ""),
      );
      for (const queue of QUEUES) {
        const expected = Object.entries(SCENE)
          .filter(([, sc]) => queuesOf(facts(sc), place).includes(queue))
          .map(([name]) => name);
        const listed = names(await list(`queue=${queue}${code ? `&place=${code}` : ""}&limit=100`));
        expect([code, queue, [...listed].sort()]).toEqual([code, queue, expected.sort()]);
        const n = counted.body.queues.find((q: { queue: string }) => q.queue === queue).count;
        expect([code, queue, n]).toEqual([code, queue, expected.length]);
      }
    }
  });
});

describe("a request moves between queues as staff work it", () => {
  it("placed, MAIN's desk and the department both see it to pick; picked, it is sent from one, awaited at the other", async () => {
    const ro = await makeUser(t.ctx, scene.inst, {
      group: "STAFF",
      roles: [{ role: "REQUESTS_OPERATOR", scope: "library", scopeId: scene.inst.libraries.main }],
    });
    const title = await makeTitle(t.ctx, scene.inst);
    const reader = await makeUser(t.ctx, scene.inst, { group: "FACULTY" });
    const placed = await client(t.app, reader.apiKey).post("/api/v1/requests", {
      mms_id: title.mmsId,
      partial_digitization: false,
    });
    expect(placed.status).toBe(201);
    const id = placed.body.request_id as string;
    const movingAt = async (place: string) => {
      const found = [];
      for (const queue of MOVING_QUEUES) {
        if ((await list(`queue=${queue}&place=${place}`, ro)).requests.some((r) => r.request_id === id))
          found.push(queue);
      }
      return found;
    };
    const everywhere = async () => [await movingAt("MAIN_DESK"), await movingAt("DIGI_DEPT_INST")];
    expect(await everywhere()).toEqual([["pick"], ["pick"]]);
    expect((await client(t.app, ro.apiKey).post(`/api/v1/requests/${id}/pick`)).status).toBe(200);
    expect(await everywhere()).toEqual([["transit"], ["scan_in"]]);
    const wo = await makeUser(t.ctx, scene.inst, {
      group: "STAFF",
      roles: [{ role: "WORK_ORDER_OPERATOR", scope: "department", scopeId: scene.inst.departments.inst }],
    });
    expect((await client(t.app, wo.apiKey).post(`/api/v1/requests/${id}/scan-in`)).status).toBe(200);
    expect(await everywhere()).toEqual([[], []]);
  });
});
