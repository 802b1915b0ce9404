import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { useTestApp } from "../../test/harness.js";
import { useQueueScene } from "../../test/queue-scene.js";

/*
 * The staff work queues (issue 12) as GET /api/v1/requests?queue=, and the list's filters beside
 * them (place, library, patron, created dates in the institution's days, task kind, item
 * barcode), over the scene of test/queue-scene.ts.
 */

const t = useTestApp();
const scene = useQueueScene(t);
const { names, list } = scene;

describe("the work queues as list filters", () => {
  it.each([
    ["pick", ["pickLaw", "pickDesk", "pickDept"]],
    ["transit", ["transit"]],
    // at no place in particular, a request in transit is both sent and awaited
    ["scan_in", ["transit"]],
    ["digitization", ["digitizing"]],
    // pending tasks in any open state: blocking (AWAITING_APPROVAL) and parallel ones alike
    ["approval", ["notReady", "waiting"]],
    ["copyright", ["waiting", "digitizing"]],
    // DIGITIZED with every task decided; one still waiting for approval is not ready
    ["deliver", ["ready"]],
  ])("queue=%s holds exactly its requests, newest first", async (queue, expected) => {
    expect(names(await list(`queue=${queue}`))).toEqual(expected);
  });

  it("narrows a queue by place, library, scene.patron and created dates; a desk's scan-in queue", async () => {
    // MAIN's desk picks MAIN's items, wherever they go, and sees them in transit once sent
    expect(names(await list("queue=pick&place=MAIN_DESK"))).toEqual(["pickDesk", "pickDept"]);
    expect(names(await list("queue=transit&place=MAIN_DESK"))).toEqual(["transit"]);
    expect(names(await list("queue=scan_in&place=MAIN_DESK"))).toEqual([]);
    expect(names(await list("queue=pick&library=LAW"))).toEqual(["pickLaw"]);
    expect(names(await list(`queue=pick&user_id=${scene.patron.primaryId}&from=2026-01-06&to=2026-01-06`))).toEqual([
      "pickDesk",
    ]);
    expect(names(await list("from=2026-01-11&to=2026-01-12"))).toEqual(["notReady", "ready"]);
    expect(names(await list("queue=pick&place=NO_SUCH_PLACE"))).toEqual([]);
  });

  it("filters by pending task kind and by item barcode", async () => {
    expect(names(await list("task=approval"))).toEqual(["notReady", "waiting"]);
    expect(names(await list("task=copyright&state=IN_DIGITIZATION"))).toEqual(["digitizing"]);
    expect(names(await list(`item_barcode=${scene.barcodes.transit}`))).toEqual(["transit"]);
    expect(names(await list("item_barcode=NO-SUCH-BARCODE"))).toEqual([]);
  });

  it("keeps the caller's visibility: a LAW Requests Operator's pick queue is LAW's", async () => {
    expect(names(await list("queue=pick", scene.lawOperator))).toEqual(["pickLaw"]);
    expect(names(await list("queue=approval", scene.lawOperator))).toEqual([]);
    expect(names(await list("queue=pick", scene.patron))).toEqual(["pickLaw", "pickDesk", "pickDept"]);
  });
});

describe("the date filter means the institution's days", () => {
  const zone = async (time_zone: string) =>
    expect((await client(t.app, scene.gsa.apiKey).patch("/api/v1/institution", { time_zone })).status).toBe(200);

  it("a day starts at the institution's midnight, far east or far west of UTC", async () => {
    const day = "queue=pick&from=2026-01-06&to=2026-01-06";
    try {
      // the scene's requests are placed at 10:00 UTC: 2026-01-06 holds pickDesk in UTC
      expect(names(await list(day))).toEqual(["pickDesk"]);
      // UTC-11: 10:00 UTC on the 7th is 23:00 on the 6th, and on the 6th it is still the 5th
      await zone("Pacific/Pago_Pago");
      expect(names(await list(day))).toEqual(["pickLaw"]);
      // UTC+14: the 6th runs from 10:00 UTC on the 5th (included) to 10:00 UTC on the 6th (excluded)
      await zone("Pacific/Kiritimati");
      expect(names(await list(day))).toEqual(["pickDept"]);
      expect(names(await list("queue=pick&from=2026-01-07"))).toEqual(["pickLaw", "pickDesk"]);
    } finally {
      await zone("UTC");
    }
  });
});
