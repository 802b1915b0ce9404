import type { RequestState } from "../db/schema.js";
import { OPEN_STATES } from "./state-machine.js";

/*
 * The staff work queues (issue 12), each a named condition on the request list, so that the
 * staff app asks for a queue by name and never re-derives which states belong to it. Pure.
 * A request may stand in more than one queue: a parallel approval task is worked while the
 * request is being digitized, and an item picked where it is scanned is both to pick and to scan in.
 */

export const QUEUES = ["pick", "transit", "scan_in", "digitization", "approval", "copyright", "deliver"] as const;
export type QueueName = (typeof QUEUES)[number];

export type TaskKind = "approval" | "copyright";

/** A queue as the list filter's terms. */
export interface QueueCondition {
  /** the request is in one of these states */
  states: readonly RequestState[];
  /**
   * or in one of these states, and its item is picked where it is scanned (the place's library
   * is the item's): picking it there is its scan-in (the state machine skips IN_TRANSIT)
   */
  pickedAtPlaceStates?: readonly RequestState[];
  /** it has a pending task of this kind */
  pendingTask?: TaskKind;
  /** it has no pending task at all */
  noPendingTask?: true;
}

const definitions: Record<QueueName, QueueCondition> = {
  // PICK_FROM_SHELF --picked--> IN_TRANSIT (or IN_DIGITIZATION when picked at the place)
  pick: { states: ["PICK_FROM_SHELF"] },
  // on the way from the shelf to the place that scans it
  transit: { states: ["IN_TRANSIT"] },
  // where scan_in is the next step at the place: arriving from elsewhere, or picked right there
  scan_in: { states: ["IN_TRANSIT"], pickedAtPlaceStates: ["PICK_FROM_SHELF"] },
  digitization: { states: ["IN_DIGITIZATION"] },
  // tasks wait in any open state: a blocking task in AWAITING_APPROVAL, a parallel one beside the work
  approval: { states: OPEN_STATES, pendingTask: "approval" },
  copyright: { states: OPEN_STATES, pendingTask: "copyright" },
  // DIGITIZED --all required tasks approved--> DELIVERED
  deliver: { states: ["DIGITIZED"], noPendingTask: true },
};

export const queueCondition = (q: QueueName): QueueCondition => definitions[q];
