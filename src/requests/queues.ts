import type { RequestState } from "../db/schema.js";
import { OPEN_STATES } from "./state-machine.js";

/*
 * The staff work queues (issue 12), each a named condition on the request list, so that the
 * staff app asks for a queue by name and never re-derives which states belong to it. Pure.
 *
 * The moving queues follow an item's way in DOMAIN 7: PICK_FROM_SHELF --picked--> IN_TRANSIT
 * --scanned in--> IN_DIGITIZATION, or, picked where it is digitized, straight to
 * IN_DIGITIZATION. There is no state between arriving and being scanned in: the scan at the
 * request's place is its arrival (the scan station says "arrived and scanned in"). So a place
 * sees a moving request from one of two sides, never both:
 * - the shelf side, the places of the item's library: "Pick from shelf" while it waits on the
 *   shelf, then "In transit" once picked and sent to another place, until it is scanned in there;
 * - the arrival side, the request's own place: "To scan in" while it travels to the place, to be
 *   scanned in as it arrives.
 * An item picked at its own library's place skips IN_TRANSIT: it is in none of the three after.
 * The other queues are the request's place's work. A request may stand in more than one of
 * those: a parallel approval task is worked while the request is being digitized.
 */

export const QUEUES = ["pick", "transit", "scan_in", "digitization", "approval", "copyright", "deliver"] as const;
export type QueueName = (typeof QUEUES)[number];
export const MOVING_QUEUES: readonly QueueName[] = ["pick", "transit", "scan_in"];

export const TASK_KINDS = ["approval", "copyright"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/**
 * Where a place stands to a request. `shelf`: the place belongs to the item's library (a place
 * without a library, an institution-level department, picks nothing and sees the requests it
 * handles instead). `sent`: the place belongs to the item's library and the request is another
 * place's. `handling`: the request is the place's.
 */
export type PlaceSide = "shelf" | "sent" | "handling";

/** A queue as the list filter's terms. */
export interface QueueCondition {
  /** the request is in one of these states */
  states: readonly RequestState[];
  /** asked at a place, the request stands on this side of it */
  side: PlaceSide;
  /** it has a pending task of this kind */
  pendingTask?: TaskKind;
  /** it has no pending task at all */
  noPendingTask?: true;
}

const definitions: Record<QueueName, QueueCondition> = {
  pick: { states: ["PICK_FROM_SHELF"], side: "shelf" },
  transit: { states: ["IN_TRANSIT"], side: "sent" },
  scan_in: { states: ["IN_TRANSIT"], side: "handling" },
  digitization: { states: ["IN_DIGITIZATION"], side: "handling" },
  // tasks wait in any open state: a blocking task in AWAITING_APPROVAL, a parallel one beside the work
  approval: { states: OPEN_STATES, side: "handling", pendingTask: "approval" },
  copyright: { states: OPEN_STATES, side: "handling", pendingTask: "copyright" },
  // DIGITIZED --all required tasks approved--> DELIVERED
  deliver: { states: ["DIGITIZED"], side: "handling", noPendingTask: true },
};

export const queueCondition = (q: QueueName): QueueCondition => definitions[q];

/** The place a queue is asked at. */
export interface QueuePlace {
  kind: "department" | "desk";
  id: number;
  /** a desk's library, a library-level department's; null for an institution-level department */
  libraryId: number | null;
}

/** A side of a place as terms on the request's columns; `never` matches nothing. */
export type PlaceTerms = { handledAt: QueuePlace } | { libraryId: number; notHandledAt?: QueuePlace } | { never: true };

export function placeTerms(side: PlaceSide, place: QueuePlace): PlaceTerms {
  if (side === "handling" || (side === "shelf" && place.libraryId === null)) return { handledAt: place };
  if (place.libraryId === null) return { never: true };
  return side === "shelf" ? { libraryId: place.libraryId } : { libraryId: place.libraryId, notHandledAt: place };
}

/** What the queues test of a request. */
export interface QueueFacts {
  state: RequestState;
  library_id: number;
  department_id: number | null;
  desk_id: number | null;
  pending: readonly TaskKind[];
}

const handledAt = (r: QueueFacts, p: QueuePlace) => (p.kind === "department" ? r.department_id : r.desk_id) === p.id;

function meets(terms: PlaceTerms, r: QueueFacts): boolean {
  if ("never" in terms) return false;
  if ("handledAt" in terms) return handledAt(r, terms.handledAt);
  return r.library_id === terms.libraryId && !(terms.notHandledAt && handledAt(r, terms.notHandledAt));
}

/** The queues a request stands in, at a place or (null) at any: the SQL of repository.ts, in code. */
export function queuesOf(r: QueueFacts, place: QueuePlace | null): QueueName[] {
  return QUEUES.filter((name) => {
    const q = definitions[name];
    if (!q.states.includes(r.state)) return false;
    if (place && !meets(placeTerms(q.side, place), r)) return false;
    if (q.pendingTask && !r.pending.includes(q.pendingTask)) return false;
    return !(q.noPendingTask && r.pending.length > 0);
  });
}
