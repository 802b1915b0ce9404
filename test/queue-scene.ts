import { beforeAll, expect } from "vitest";
import type { RequestState } from "../src/db/schema.js";
import type { QueueFacts } from "../src/requests/queues.js";
import { isActive } from "../src/requests/state-machine.js";
import { DEFAULT_WORKFLOW } from "../src/rules/engine/workflow.js";
import { client } from "./api.js";
import { admin, makeInstitution, makeTitle, makeUser, type InstitutionFixture, type UserFixture } from "./factories.js";
import type { TestApp } from "./harness.js";

/*
 * The staff work queues' scene (issue 12), shared by the queue tests (src/requests/queue-*.test.ts):
 * requests written directly with the state, place, library, dates and tasks each needs, in an
 * institution of their own, with an administrator, a patron and a LAW Requests Operator.
 */

export interface Scene {
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
export const SCENE: Record<string, Scene> = {
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

export interface QueueScene {
  inst: InstitutionFixture;
  gsa: UserFixture;
  patron: UserFixture;
  /** Requests Operator of the LAW library: sees LAW's requests only */
  lawOperator: UserFixture;
  /** the scene's request ids and item barcodes by name */
  ids: Record<string, number>;
  barcodes: Record<string, string>;
  /** a scene's request as queues.ts sees it */
  facts(sc: Scene): QueueFacts;
  /** the scene's names of a list's requests, in its order */
  names(body: { requests: { request_id: string }[] }): string[];
  /** GET /api/v1/requests?query as `who` (the administrator unless said), which must answer 200 */
  list(
    query: string,
    who?: UserFixture,
  ): Promise<{ requests: { request_id: string }[]; next_cursor: string | null; prev_cursor: string | null }>;
}

/** Writes the scene before the file's tests; its fields are set once they run. */
export function useQueueScene(t: Pick<TestApp, "app" | "ctx">): QueueScene {
  const ids: Record<string, number> = {};
  const barcodes: Record<string, string> = {};
  // the institution and its people are set by beforeAll, before any test reads them
  const scene = { ids, barcodes } as QueueScene;
  scene.facts = (sc) => ({
    state: sc.state,
    library_id: scene.inst.libraries[sc.library ?? "main"],
    department_id: sc.place === "dept" ? scene.inst.departments.inst : null,
    desk_id: sc.place === "desk" ? scene.inst.desks.mainDesk : null,
    pending: (sc.tasks ?? []).filter((k) => k.status === "pending").map((k) => k.kind),
  });
  scene.names = (body) =>
    body.requests.map((r) => Object.keys(ids).find((k) => String(ids[k]) === r.request_id) ?? r.request_id);
  scene.list = async (query, who = scene.gsa) => {
    const res = await client(t.app, who.apiKey).get(`/api/v1/requests?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    const ctx = t.ctx;
    const inst = (scene.inst = await makeInstitution(ctx));
    scene.gsa = await admin(ctx, inst);
    const patron = (scene.patron = await makeUser(ctx, inst));
    scene.lawOperator = await makeUser(ctx, inst, {
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
  return scene;
}
