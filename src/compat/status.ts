import type { RequestState } from "../db/schema.js";
import { FINAL_STATES } from "../requests/state-machine.js";

/*
 * Recto's states (DOMAIN 7) as the reference platform's request_status and task_name.
 * The platform has four statuses; docs/compatibility.md explains the choice for each state.
 */

export const ALMA_STATUSES = ["NOT_STARTED", "IN_PROCESS", "ON_HOLD_SHELF", "HISTORY"] as const;
type AlmaStatus = (typeof ALMA_STATUSES)[number];

export const almaStatusOf: Record<RequestState, { status: AlmaStatus; task: string }> = {
  // Nobody has started work: the request is being routed, or waits for staff to approve it.
  NEW: { status: "NOT_STARTED", task: "New" },
  AWAITING_APPROVAL: { status: "NOT_STARTED", task: "Waiting for Approval" },
  PICK_FROM_SHELF: { status: "IN_PROCESS", task: "Pickup From Shelf" },
  IN_TRANSIT: { status: "IN_PROCESS", task: "In Transit" },
  IN_DIGITIZATION: { status: "IN_PROCESS", task: "Digitization" },
  DIGITIZED: { status: "IN_PROCESS", task: "Digitized" },
  // The file is the patron's to fetch: the digital counterpart of an item on the hold shelf.
  DELIVERED: { status: "ON_HOLD_SHELF", task: "Delivered" },
  COMPLETED: { status: "HISTORY", task: "Completed" },
  CANCELLED: { status: "HISTORY", task: "Cancelled" },
  REJECTED: { status: "HISTORY", task: "Rejected" },
  EXPIRED: { status: "HISTORY", task: "Expired" },
};

/** The platform's `status=history` filter: requests that have ended. `active` is every other state. */
export const HISTORY_STATES: readonly RequestState[] = FINAL_STATES;
export const ACTIVE_STATES: readonly RequestState[] = (Object.keys(almaStatusOf) as RequestState[]).filter(
  (s) => !FINAL_STATES.includes(s),
);

export const subTypeDesc: Record<string, string> = {
  PATRON_DIGITIZATION: "Patron digitization request",
  GENERAL_DIGITIZATION: "General digitization request",
  STAFF_DIGITIZATION: "Staff digitization request",
};
