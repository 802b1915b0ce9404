import { describe, expect, it } from "vitest";
import type { RequestState } from "../db/schema.js";
import { MOVING_QUEUES, QUEUES, queueCondition, queuesOf, type QueueFacts, type QueuePlace } from "./queues.js";
import { ALL_STATES, isActive } from "./state-machine.js";

/*
 * What each work queue means (queues.ts), without a database: where a place stands to a moving
 * request decides which of pick, transit and scan_in it sees, never two. queue-sql.test.ts checks
 * that the SQL lists and counts the same requests.
 */

const MAIN = 1;
const LAW = 2;
/** MAIN's desk */
const mainDesk: QueuePlace = { kind: "desk", id: 10, libraryId: MAIN };
/** LAW's own department */
const lawDept: QueuePlace = { kind: "department", id: 20, libraryId: LAW };
/** an institution-level department: no shelves of its own */
const instDept: QueuePlace = { kind: "department", id: 30, libraryId: null };
const PLACES = [mainDesk, lawDept, instDept];

const request = (state: RequestState, library: number, to: QueuePlace, pending: QueueFacts["pending"] = []) => ({
  state,
  library_id: library,
  department_id: to.kind === "department" ? to.id : null,
  desk_id: to.kind === "desk" ? to.id : null,
  pending,
});

const moving = (r: QueueFacts, at: QueuePlace) => queuesOf(r, at).filter((q) => MOVING_QUEUES.includes(q));

describe("the moving queues at a place", () => {
  it("a request stands in one moving queue at most, at any place, in any state", () => {
    for (const state of ALL_STATES)
      for (const library of [MAIN, LAW])
        for (const to of PLACES)
          for (const at of PLACES) {
            expect([state, library, to.id, at.id, moving(request(state, library, to), at).length <= 1]).toEqual([
              state,
              library,
              to.id,
              at.id,
              true,
            ]);
          }
  });

  it("a MAIN item for the institution's department: picked at MAIN, in transit from MAIN, scanned in at the department", () => {
    const way = (state: RequestState) => PLACES.map((at) => moving(request(state, MAIN, instDept), at));
    // MAIN's desk is its shelf side; the department, without shelves, follows the picking of what it handles
    expect(way("PICK_FROM_SHELF")).toEqual([["pick"], [], ["pick"]]);
    // picked: on its way from MAIN to the department, where scanning it is its arrival
    expect(way("IN_TRANSIT")).toEqual([["transit"], [], ["scan_in"]]);
    expect(way("IN_DIGITIZATION")).toEqual([[], [], []]);
  });

  it("an item picked at its own library's place skips the way: pick, then digitization", () => {
    const waiting = request("PICK_FROM_SHELF", MAIN, mainDesk);
    expect(queuesOf(waiting, mainDesk)).toEqual(["pick"]);
    // the state machine sends it straight to IN_DIGITIZATION: it never waits to be scanned in there
    expect(queuesOf(request("IN_DIGITIZATION", MAIN, mainDesk), mainDesk)).toEqual(["digitization"]);
  });

  it("a LAW item for MAIN's desk: LAW's department picks and sends it, the desk scans it in", () => {
    expect(queuesOf(request("PICK_FROM_SHELF", LAW, mainDesk), lawDept)).toEqual(["pick"]);
    expect(queuesOf(request("PICK_FROM_SHELF", LAW, mainDesk), mainDesk)).toEqual([]);
    expect(queuesOf(request("IN_TRANSIT", LAW, mainDesk), lawDept)).toEqual(["transit"]);
    expect(queuesOf(request("IN_TRANSIT", LAW, mainDesk), mainDesk)).toEqual(["scan_in"]);
  });

  it("at no place in particular, a request in transit is both sent (transit) and awaited (scan_in)", () => {
    expect(queuesOf(request("IN_TRANSIT", LAW, mainDesk), null)).toEqual(["transit", "scan_in"]);
    expect(queuesOf(request("PICK_FROM_SHELF", LAW, mainDesk), null)).toEqual(["pick"]);
  });
});

describe("the place's own work", () => {
  it("tasks and delivery are the handling place's, beside the moving queues", () => {
    const r = request("IN_DIGITIZATION", LAW, instDept, ["approval"]);
    expect(queuesOf(r, instDept)).toEqual(["digitization", "approval"]);
    expect(queuesOf(r, lawDept)).toEqual([]);
    expect(queuesOf(request("DIGITIZED", LAW, instDept), instDept)).toEqual(["deliver"]);
    expect(queuesOf(request("DIGITIZED", LAW, instDept, ["copyright"]), instDept)).toEqual(["copyright"]);
    expect(queuesOf(request("COMPLETED", LAW, instDept), instDept)).toEqual([]);
  });
});

describe("every queue holds open requests only", () => {
  it("no queue lists a state that is not open, so the SQL may read the open requests' indexes alone", () => {
    // queue-repository.ts adds `is_active = 1` to every queue for the partial indexes of migration 025
    const closed = QUEUES.flatMap((q) =>
      queueCondition(q)
        .states.filter((s) => !isActive(s))
        .map((s) => `${q}: ${s}`),
    );
    expect(closed).toEqual([]);
  });
});
