import { describe, expect, it } from "vitest";
import type { RequestState } from "../db/schema.js";
import { ALL_STATES, initialTransition, isActive, nextState, TRANSITIONS, type Transition } from "./state-machine.js";

// The full table of DOMAIN 7: every (state, transition) pair is listed, allowed or not.
const expected: Record<Transition, Partial<Record<RequestState, RequestState>>> = {
  route_for_approval: { NEW: "AWAITING_APPROVAL" },
  route_to_shelf: { NEW: "PICK_FROM_SHELF" },
  route_to_digitization: { NEW: "IN_DIGITIZATION" },
  release_after_approval: { AWAITING_APPROVAL: "PICK_FROM_SHELF" },
  pick: { PICK_FROM_SHELF: "IN_TRANSIT" },
  scan_in: { IN_TRANSIT: "IN_DIGITIZATION" },
  attach_file: { IN_DIGITIZATION: "DIGITIZED", DIGITIZED: "DIGITIZED" },
  deliver: { DIGITIZED: "DELIVERED" },
  complete: { DELIVERED: "COMPLETED" },
  cancel: {
    NEW: "CANCELLED",
    AWAITING_APPROVAL: "CANCELLED",
    PICK_FROM_SHELF: "CANCELLED",
    IN_TRANSIT: "CANCELLED",
    IN_DIGITIZATION: "CANCELLED",
    DIGITIZED: "CANCELLED",
    DELIVERED: "CANCELLED",
  },
  reject: {
    NEW: "REJECTED",
    AWAITING_APPROVAL: "REJECTED",
    PICK_FROM_SHELF: "REJECTED",
    IN_TRANSIT: "REJECTED",
    IN_DIGITIZATION: "REJECTED",
    DIGITIZED: "REJECTED",
  },
  expire: {
    NEW: "EXPIRED",
    AWAITING_APPROVAL: "EXPIRED",
    PICK_FROM_SHELF: "EXPIRED",
    IN_TRANSIT: "EXPIRED",
    IN_DIGITIZATION: "EXPIRED",
    DIGITIZED: "EXPIRED",
  },
};

describe("request state machine", () => {
  for (const t of TRANSITIONS) {
    for (const s of ALL_STATES) {
      const want = expected[t][s] ?? null;
      it(`${t} from ${s} ${want ? `goes to ${want}` : "is refused"}`, () => {
        expect(nextState(s, t, { general: false })).toBe(want);
      });
    }
  }

  it("releases a title-level request straight to digitization after approval", () => {
    expect(nextState("AWAITING_APPROVAL", "release_after_approval", { general: true })).toBe("IN_DIGITIZATION");
  });

  it("skips IN_TRANSIT when the item is picked at the place that scans it", () => {
    expect(nextState("PICK_FROM_SHELF", "pick", { general: false, pickedAtPlace: true })).toBe("IN_DIGITIZATION");
  });

  it("routes a new request by approval mode and level", () => {
    expect(initialTransition({ general: false, waitsForApproval: true })).toBe("route_for_approval");
    expect(initialTransition({ general: true, waitsForApproval: true })).toBe("route_for_approval");
    expect(initialTransition({ general: false, waitsForApproval: false })).toBe("route_to_shelf");
    expect(initialTransition({ general: true, waitsForApproval: false })).toBe("route_to_digitization");
  });

  it("counts a request against the limit only until delivery", () => {
    expect(ALL_STATES.filter(isActive)).toEqual([
      "NEW",
      "AWAITING_APPROVAL",
      "PICK_FROM_SHELF",
      "IN_TRANSIT",
      "IN_DIGITIZATION",
      "DIGITIZED",
    ]);
  });
});
