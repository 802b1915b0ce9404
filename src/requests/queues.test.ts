import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import {
  admin,
  makeInstitution,
  makeTitle,
  makeUser,
  type InstitutionFixture,
  type UserFixture,
} from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import type { RequestState } from "../db/schema.js";
import { DEFAULT_WORKFLOW } from "../rules/engine/workflow.js";
import { MOVING_QUEUES, QUEUES, queuesOf, type QueueFacts, type QueuePlace } from "./queues.js";
import { isActive } from "./state-machine.js";

/*
 * The staff work queues (issue 12) over GET /api/v1/requests?queue= and their counts
 * (GET /api/v1/requests/queues), with the list's new filters, sorts and paging both ways.
 * The scene is written directly: which state, place, library, dates and tasks each request has.
 */

const t = useTestApp();

let inst: InstitutionFixture;
let gsa: UserFixture;
let patron: UserFixture;
/** Requests Operator of the LAW library: sees LAW's requests only */
let lawOperator: UserFixture;
const ids: Record<string, number> = {};
const barcodes: Record<string, string> = {};

interface Scene {
  state: RequestState;
  library?: "main" | "law";
  place: "dept" | "desk";
  day: string;
  due: string;
  tasks?: { kind: "approval" | "copyright"; status: "pending" | "approved" }[];
}

/*
 * DIGI_DEPT_INST is an institution-level department: nothing is picked "at" it. MAIN_DESK belongs
 * to MAIN, so a MAIN item handled there is picked where it is scanned.
 */
const SCENE: Record<string, Scene> = {
  pickDept: { state: "PICK_FROM_SHELF", place: "dept", day: "2026-01-05", due: "2026-02-20" },
  pickDesk: { state: "PICK_FROM_SHELF", place: "desk", day: "2026-01-06", due: "2026-02-10" },
  pickLaw: { state: "PICK_FROM_SHELF", library: "law", place: "dept", day: "2026-01-07", due: "2026-02-15" },
  transit: { state: "IN_TRANSIT", place: "dept", day: "2026-01-08", due: "2026-02-18" },
  digitizing: {
    state: "IN_DIGITIZATION",
    place: "dept",
    day: "2026-01-09",
    due: "2026-02-12",
    tasks: [{ kind: "copyright", status: "pending" }],
  },
  waiting: {
    state: "AWAITING_APPROVAL",
    place: "desk",
    day: "2026-01-10",
    due: "2026-02-25",
    tasks: [
      { kind: "approval", status: "pending" },
      { kind: "copyright", status: "pending" },
    ],
  },
  ready: {
    state: "DIGITIZED",
    place: "dept",
    day: "2026-01-11",
    due: "2026-02-11",
    tasks: [{ kind: "approval", status: "approved" }],
  },
  notReady: {
    state: "DIGITIZED",
    place: "desk",
    day: "2026-01-12",
    due: "2026-02-13",
    tasks: [{ kind: "approval", status: "pending" }],
  },
  done: { state: "COMPLETED", place: "dept", day: "2026-01-13", due: "2026-02-14" },
};

/** A scene's request as queues.ts sees it. */
const facts = (sc: Scene): QueueFacts => ({
  state: sc.state,
  library_id: inst.libraries[sc.library ?? "main"],
  department_id: sc.place === "dept" ? inst.departments.inst : null,
  desk_id: sc.place === "desk" ? inst.desks.mainDesk : null,
  pending: (sc.tasks ?? []).filter((k) => k.status === "pending").map((k) => k.kind),
});

beforeAll(async () => {
  const ctx = t.ctx;
  inst = await makeInstitution(ctx);
  gsa = await admin(ctx, inst);
  patron = await makeUser(ctx, inst);
  lawOperator = await makeUser(ctx, inst, {
    group: "STAFF",
    roles: [{ role: "REQUESTS_OPERATOR", scope: "library", scopeId: inst.libraries.law }],
  });
  for (const [name, s] of Object.entries(SCENE)) {
    const library = s.library ?? "main";
    const title = await makeTitle(ctx, inst, { library });
    barcodes[name] = title.barcodes[0]!;
    const at = `${s.day}T10:00:00.000Z`;
    const row = await ctx.db
      .insertInto("requests")
      .values({
        institution_id: inst.id,
        request_type: "DIGITIZATION",
        request_sub_type: "PATRON_DIGITIZATION",
        state: s.state,
        is_active: isActive(s.state) ? 1 : 0,
        user_id: patron.id,
        placed_by_user_id: patron.id,
        request_source: "patron",
        bib_id: title.mmsId,
        item_id: title.itemIds[0]!,
        library_id: inst.libraries[library],
        department_id: s.place === "dept" ? inst.departments.inst : null,
        desk_id: s.place === "desk" ? inst.desks.mainDesk : null,
        form: JSON.stringify({ partial_digitization: false }),
        workflow: JSON.stringify(DEFAULT_WORKFLOW),
        workflow_rule_id: null,
        request_date: at,
        due_at: `${s.due}T10:00:00.000Z`,
        closed_at: null,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids[name] = row.id;
    for (const task of s.tasks ?? []) {
      await ctx.db
        .insertInto("request_tasks")
        .values({
          institution_id: inst.id,
          request_id: row.id,
          kind: task.kind,
          status: task.status,
          reason: null,
          note: null,
          details: "{}",
          decided_by_user_id: null,
          decided_at: null,
          created_at: at,
        })
        .execute();
    }
  }
});

const names = (body: { requests: { request_id: string }[] }) =>
  body.requests.map((r) => Object.keys(ids).find((k) => String(ids[k]) === r.request_id) ?? r.request_id);

async function list(query: string, who: UserFixture = gsa) {
  const res = await client(t.app, who.apiKey).get(`/api/v1/requests?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { requests: { request_id: string }[]; next_cursor: string | null; prev_cursor: string | null };
}

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

  it("narrows a queue by place, library, patron and created dates; a desk's scan-in queue", async () => {
    // MAIN's desk picks MAIN's items, wherever they go, and sees them in transit once sent
    expect(names(await list("queue=pick&place=MAIN_DESK"))).toEqual(["pickDesk", "pickDept"]);
    expect(names(await list("queue=transit&place=MAIN_DESK"))).toEqual(["transit"]);
    expect(names(await list("queue=scan_in&place=MAIN_DESK"))).toEqual([]);
    expect(names(await list("queue=pick&library=LAW"))).toEqual(["pickLaw"]);
    expect(names(await list(`queue=pick&user_id=${patron.primaryId}&from=2026-01-06&to=2026-01-06`))).toEqual([
      "pickDesk",
    ]);
    expect(names(await list("from=2026-01-11&to=2026-01-12"))).toEqual(["notReady", "ready"]);
    expect(names(await list("queue=pick&place=NO_SUCH_PLACE"))).toEqual([]);
  });

  it("filters by pending task kind and by item barcode", async () => {
    expect(names(await list("task=approval"))).toEqual(["notReady", "waiting"]);
    expect(names(await list("task=copyright&state=IN_DIGITIZATION"))).toEqual(["digitizing"]);
    expect(names(await list(`item_barcode=${barcodes.transit}`))).toEqual(["transit"]);
    expect(names(await list("item_barcode=NO-SUCH-BARCODE"))).toEqual([]);
  });

  it("keeps the caller's visibility: a LAW Requests Operator's pick queue is LAW's", async () => {
    expect(names(await list("queue=pick", lawOperator))).toEqual(["pickLaw"]);
    expect(names(await list("queue=approval", lawOperator))).toEqual([]);
    expect(names(await list("queue=pick", patron))).toEqual(["pickLaw", "pickDesk", "pickDept"]);
  });
});

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
    const res = await client(t.app, gsa.apiKey).get(`/api/v1/requests?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it("refuses a cursor made for another sort", async () => {
    const page = await list("limit=1&sort=created_asc");
    const res = await client(t.app, gsa.apiKey).get(`/api/v1/requests?limit=1&sort=due_asc&cursor=${page.next_cursor}`);
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: "cursor", message: expect.stringContaining("sort=created_asc") }]);
  });
});

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
    const all = await counts(gsa);
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
    expect((await counts(gsa, "?place=MAIN_DESK")).queues).toEqual({
      pick: 2,
      transit: 1,
      scan_in: 0,
      digitization: 0,
      approval: 2,
      copyright: 1,
      deliver: 0,
    });
    const law = await counts(lawOperator);
    expect(law.queues).toMatchObject({ pick: 1, scan_in: 0, approval: 0, deliver: 0 });
    expect(law.failed_letters).toBeNull();
    expect((await counts(gsa, "?place=NO_SUCH_PLACE")).queues.pick).toBe(0);
  });

  it("counts the outbox's failed letters", async () => {
    const at = t.ctx.clock.now().toISOString();
    await t.ctx.db
      .insertInto("outbox")
      .values({
        institution_id: inst.id,
        kind: "letter",
        topic: "request_received",
        request_id: ids.pickDept!,
        payload: "{}",
        status: "failed",
        attempts: 8,
        next_attempt_at: at,
        last_error: "SMTP said no",
        created_at: at,
        processed_at: at,
      })
      .execute();
    expect((await counts(gsa)).failed_letters).toBe(1);
  });

  it("refuses a bad place with the field named", async () => {
    const res = await client(t.app, gsa.apiKey).get(`/api/v1/requests/queues?place=${"X".repeat(51)}`);
    expect(res.status).toBe(400);
    expect(res.body.fields[0].field).toBe("place");
  });
});

describe("the SQL means what queues.ts says", () => {
  it("each queue at each place lists and counts exactly the scene's requests that queuesOf puts there", async () => {
    const places: [string, QueuePlace | null][] = [
      ["", null],
      ["MAIN_DESK", { kind: "desk", id: inst.desks.mainDesk, libraryId: inst.libraries.main }],
      ["DIGI_DEPT_INST", { kind: "department", id: inst.departments.inst, libraryId: null }],
    ];
    for (const [code, place] of places) {
      const counted = await client(t.app, gsa.apiKey).get(
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

describe("the date filter means the institution's days", () => {
  const zone = async (time_zone: string) =>
    expect((await client(t.app, gsa.apiKey).patch("/api/v1/institution", { time_zone })).status).toBe(200);

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

describe("a request moves between queues as staff work it", () => {
  it("placed, MAIN's desk and the department both see it to pick; picked, it is sent from one, awaited at the other", async () => {
    const ro = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "REQUESTS_OPERATOR", scope: "library", scopeId: inst.libraries.main }],
    });
    const title = await makeTitle(t.ctx, inst);
    const reader = await makeUser(t.ctx, inst, { group: "FACULTY" });
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
    const wo = await makeUser(t.ctx, inst, {
      group: "STAFF",
      roles: [{ role: "WORK_ORDER_OPERATOR", scope: "department", scopeId: inst.departments.inst }],
    });
    expect((await client(t.app, wo.apiKey).post(`/api/v1/requests/${id}/scan-in`)).status).toBe(200);
    expect(await everywhere()).toEqual([[], []]);
  });
});
