import type { Actor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import type { ProcessStatus, RequestState } from "../db/schema.js";
import { AppError } from "../errors.js";
import { updateItem } from "../catalogue/items-repository.js";
import { updateStateGuarded } from "./repository.js";
import { insertEvent } from "./parts-repository.js";
import { allowedFrom, FINAL_STATES, nextState, type Transition } from "./state-machine.js";

interface TransitionSubject {
  id: number;
  institution_id: number;
  state: RequestState;
  item_id: number | null;
  request_sub_type: string;
}

interface TransitionOptions {
  actor: Actor | null;
  now: Date;
  reason?: string | null;
  note?: string | null;
  data?: Record<string, unknown>;
  pickedAtPlace?: boolean;
}

const ITEM_OFF_SHELF: readonly RequestState[] = ["IN_TRANSIT", "IN_DIGITIZATION", "DIGITIZED", "DELIVERED"];

/** The item's process status follows the request; null when the item stays as it is. */
function itemStatusAfter(from: RequestState, to: RequestState): ProcessStatus | null {
  if (to === "IN_TRANSIT") return "IN_TRANSIT";
  if (to === "IN_DIGITIZATION") return "IN_DIGITIZATION";
  if (FINAL_STATES.includes(to) && ITEM_OFF_SHELF.includes(from)) return "IN_PLACE";
  return null;
}

/**
 * A request being placed is written once, already in the state its first transition leads to:
 * this is that state, and the item's status after it (null: unchanged), which the caller writes
 * with the transition's event, as applyTransition would have.
 */
export function firstTransition(
  general: boolean,
  transition: Transition,
): { to: RequestState; itemStatus: ProcessStatus | null } {
  const to = nextState("NEW", transition, { general, pickedAtPlace: false });
  if (!to) throw invalidTransition({ state: "NEW" }, transition);
  return { to, itemStatus: itemStatusAfter("NEW", to) };
}

export function invalidTransition(subject: { state: RequestState }, transition: Transition): AppError {
  const allowed = allowedFrom(transition);
  return new AppError("INVALID_STATE_TRANSITION", {
    message: `Cannot ${transition.replaceAll("_", " ")} a request that is ${subject.state}; this is allowed only from ${allowed.join(", ")}.`,
    say: (m) => m.refusals.cannotInState,
    details: { state: subject.state, transition, allowed_from: allowed },
  });
}

/**
 * Applies one transition inside the caller's transaction: the guarded state change, the history
 * event and the item's process status, together or not at all.
 */
export async function applyTransition(
  tx: Executor,
  subject: TransitionSubject,
  transition: Transition,
  o: TransitionOptions,
): Promise<RequestState> {
  const general = subject.request_sub_type === "GENERAL_DIGITIZATION";
  const to = nextState(subject.state, transition, { general, pickedAtPlace: o.pickedAtPlace ?? false });
  if (!to) throw invalidTransition(subject, transition);
  const at = o.now.toISOString();
  const closed = FINAL_STATES.includes(to) ? { closed_at: at } : {};
  if (!(await updateStateGuarded(tx, subject.id, subject.state, to, at, closed))) {
    throw new AppError("INVALID_STATE_TRANSITION", {
      say: (m) => m.refusals.changedMeanwhile,
      details: { state: subject.state, transition },
    });
  }
  await insertEvent(tx, {
    institution_id: subject.institution_id,
    request_id: subject.id,
    at,
    actor_user_id: o.actor?.userId ?? null,
    action: transition,
    from_state: subject.state,
    to_state: to,
    reason: o.reason ?? null,
    note: o.note ?? null,
    data: JSON.stringify(o.data ?? {}),
  });
  const itemStatus = subject.item_id ? itemStatusAfter(subject.state, to) : null;
  if (subject.item_id && itemStatus) await updateItem(tx, subject.item_id, { process_status: itemStatus }, at);
  subject.state = to;
  return to;
}
