import type { RequestState } from "../db/schema.js";

/*
 * The request state machine of DOMAIN 7, as data. Pure: no I/O. Every use case asks
 * `nextState` before writing and answers 409 INVALID_STATE_TRANSITION when it says no.
 */

export const OPEN_STATES: readonly RequestState[] = [
  "NEW",
  "AWAITING_APPROVAL",
  "PICK_FROM_SHELF",
  "IN_TRANSIT",
  "IN_DIGITIZATION",
  "DIGITIZED",
];
export const FINAL_STATES: readonly RequestState[] = ["COMPLETED", "CANCELLED", "REJECTED", "EXPIRED"];
export const ALL_STATES: readonly RequestState[] = [...OPEN_STATES, "DELIVERED", ...FINAL_STATES];

/** A request counts against the patron limit until the file has been delivered (or it ended otherwise). */
export const isActive = (s: RequestState): boolean => OPEN_STATES.includes(s);

export type Transition =
  | "route_for_approval"
  | "route_to_shelf"
  | "route_to_digitization"
  | "release_after_approval"
  | "pick"
  | "scan_in"
  | "attach_file"
  | "deliver"
  | "complete"
  | "cancel"
  | "reject"
  | "expire";

interface TransitionContext {
  /** title-level request: no item to pick, work starts at the place */
  general: boolean;
  /** the item was picked where it will be scanned: skip IN_TRANSIT */
  pickedAtPlace?: boolean;
}

type Rule = { from: readonly RequestState[]; to: (c: TransitionContext) => RequestState };

const rules: Record<Transition, Rule> = {
  route_for_approval: { from: ["NEW"], to: () => "AWAITING_APPROVAL" },
  route_to_shelf: { from: ["NEW"], to: () => "PICK_FROM_SHELF" },
  route_to_digitization: { from: ["NEW"], to: () => "IN_DIGITIZATION" },
  release_after_approval: {
    from: ["AWAITING_APPROVAL"],
    to: (c) => (c.general ? "IN_DIGITIZATION" : "PICK_FROM_SHELF"),
  },
  pick: { from: ["PICK_FROM_SHELF"], to: (c) => (c.pickedAtPlace ? "IN_DIGITIZATION" : "IN_TRANSIT") },
  scan_in: { from: ["IN_TRANSIT"], to: () => "IN_DIGITIZATION" },
  // Further files may be added while the request waits for approval of the first.
  attach_file: { from: ["IN_DIGITIZATION", "DIGITIZED"], to: () => "DIGITIZED" },
  deliver: { from: ["DIGITIZED"], to: () => "DELIVERED" },
  complete: { from: ["DELIVERED"], to: () => "COMPLETED" },
  // A delivered request can still be cancelled (its link is then revoked).
  cancel: { from: [...OPEN_STATES, "DELIVERED"], to: () => "CANCELLED" },
  reject: { from: OPEN_STATES, to: () => "REJECTED" },
  expire: { from: OPEN_STATES, to: () => "EXPIRED" },
};

export const TRANSITIONS = Object.keys(rules) as Transition[];

export function allowedFrom(transition: Transition): readonly RequestState[] {
  return rules[transition].from;
}

/** The state after `transition`, or null when it is not allowed from `from`. */
export function nextState(from: RequestState, transition: Transition, c: TransitionContext): RequestState | null {
  const rule = rules[transition];
  return rule.from.includes(from) ? rule.to(c) : null;
}

/** Where a freshly validated request goes (DOMAIN 7's first fork). */
export function initialTransition(c: { general: boolean; waitsForApproval: boolean }): Transition {
  if (c.waitsForApproval) return "route_for_approval";
  return c.general ? "route_to_digitization" : "route_to_shelf";
}
