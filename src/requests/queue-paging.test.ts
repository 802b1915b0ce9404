import { describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { useTestApp } from "../../test/harness.js";
import { useQueueScene } from "../../test/queue-scene.js";

/*
 * The request list's sorts, each paged both ways by its own cursor, and the questions it refuses
 * (issue 12), over the work queues' scene of test/queue-scene.ts.
 */

const t = useTestApp();
const scene = useQueueScene(t);
const { names, list } = scene;

describe("sorting and paging both ways", () => {
  it("sorts by created date either way and by due date, each paged by its own cursor", async () => {
    const open = "state=PICK_FROM_SHELF,IN_TRANSIT,IN_DIGITIZATION,AWAITING_APPROVAL,DIGITIZED";
    expect(names(await list(`${open}&sort=created_asc`))).toEqual([
      "pickDept",
      "pickDesk",
      "pickLaw",
      "transit",
      "digitizing",
      "waiting",
      "ready",
      "notReady",
    ]);
    const byDue = ["pickDesk", "ready", "digitizing", "notReady", "pickLaw", "transit", "pickDept", "waiting"];
    expect(names(await list(`${open}&sort=due_asc`))).toEqual(byDue);
    expect(names(await list(`${open}&sort=due_desc`))).toEqual([...byDue].reverse());

    // three pages of three forwards, then back again with prev_cursor
    const first = await list(`${open}&sort=due_asc&limit=3`);
    expect(first.prev_cursor).toBeNull();
    const second = await list(`${open}&sort=due_asc&limit=3&cursor=${first.next_cursor}`);
    const third = await list(`${open}&sort=due_asc&limit=3&cursor=${second.next_cursor}`);
    expect([names(first), names(second), names(third)]).toEqual([byDue.slice(0, 3), byDue.slice(3, 6), byDue.slice(6)]);
    expect(third.next_cursor).toBeNull();
    const back = await list(`${open}&sort=due_asc&limit=3&cursor=${third.prev_cursor}`);
    expect(names(back)).toEqual(byDue.slice(3, 6));
    expect(back.next_cursor).not.toBeNull();
    const start = await list(`${open}&sort=due_asc&limit=3&cursor=${back.prev_cursor}`);
    expect(names(start)).toEqual(byDue.slice(0, 3));
    expect(start.prev_cursor).toBeNull();
    expect(names(await list(`${open}&sort=due_asc&limit=3&cursor=${start.next_cursor}`))).toEqual(byDue.slice(3, 6));

    // newest first is the default, paged the same way
    const newest = await list(`${open}&limit=5`);
    const older = await list(`${open}&limit=5&cursor=${newest.next_cursor}`);
    expect([...names(newest), ...names(older)]).toEqual([
      "notReady",
      "ready",
      "waiting",
      "digitizing",
      "transit",
      "pickLaw",
      "pickDesk",
      "pickDept",
    ]);
    expect(names(await list(`${open}&limit=5&cursor=${older.prev_cursor}`))).toEqual(names(newest));
  });
});

describe("bad questions are refused with the field named, and change nothing", () => {
  it.each([
    ["queue=everything", "queue"],
    ["task=signature", "task"],
    ["from=2026-13-01", "from"],
    ["from=yesterday", "from"],
    ["to=2026-02-30", "to"],
    ["from=2026-02-02&to=2026-02-01", "to"],
    ["sort=title", "sort"],
    [`item_barcode=${"B".repeat(201)}`, "item_barcode"],
    ["place=", "place"],
    ["cursor=not-a-cursor", "cursor"],
  ])("%s: 400 naming %s", async (query, field) => {
    const res = await client(t.app, scene.gsa.apiKey).get(`/api/v1/requests?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it("refuses a cursor made for another sort", async () => {
    const page = await list("limit=1&sort=created_asc");
    const res = await client(t.app, scene.gsa.apiKey).get(
      `/api/v1/requests?limit=1&sort=due_asc&cursor=${page.next_cursor}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: "cursor", message: expect.stringContaining("sort=created_asc") }]);
  });
});
