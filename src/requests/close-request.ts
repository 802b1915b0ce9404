import type { Actor } from "../auth/actor.js";
import type { Db, Executor } from "../db/database.js";
import { revokeRequestLinks } from "../delivery/links-repository.js";
import { enqueue } from "../outbox/enqueue.js";
import { withRequest } from "./load.js";
import { type RequestRow } from "./repository.js";
import { markFilesDeleted } from "./parts-repository.js";
import type { Transition } from "./state-machine.js";
import { applyTransition } from "./transition.js";

/** Cancel, reject and expire: the three ways a request ends without being fulfilled. */

interface CloseInput {
  reason: string;
  note?: string | null;
  /**
   * false: no request_cancelled letter (the reference platform's notify_user=false); the history
   * event records `patron_notified: false`. Default true: the letter goes out if it is enabled.
   */
  notifyUser?: boolean;
}

export interface Closed {
  state: string;
  /** storage keys of files to remove once the transaction has committed */
  removedFiles: string[];
}

/** Shared by all three: the transition, the request_cancelled letter, and for rejections the files. */
export async function closeRequest(
  tx: Executor,
  r: Pick<RequestRow, "id" | "institution_id" | "state" | "item_id" | "request_sub_type" | "user_id">,
  transition: Extract<Transition, "cancel" | "reject" | "expire">,
  input: CloseInput & { actor: Actor | null; now: Date },
): Promise<Closed> {
  const wasDelivered = r.state === "DELIVERED";
  const notify = input.notifyUser !== false;
  const state = await applyTransition(tx, r, transition, {
    actor: input.actor,
    now: input.now,
    reason: input.reason,
    note: input.note,
    data: { ...(wasDelivered ? { delivery_revoked: true } : {}), ...(notify ? {} : { patron_notified: false }) },
  });
  // Rejection means the copy must not exist; a cancelled or expired scan is not kept either.
  const removedFiles = await markFilesDeleted(tx, r.id, input.now.toISOString());
  // Cancelling a delivered request takes its download links back (DOMAIN 7).
  await revokeRequestLinks(tx, r.id, input.now.toISOString());
  if (!notify) return { state, removedFiles };
  await enqueue(
    tx,
    {
      institutionId: r.institution_id,
      kind: "letter",
      topic: "request_cancelled",
      requestId: r.id,
      payload: { user_id: r.user_id, outcome: state, reason: input.reason, note: input.note ?? null },
    },
    input.now,
  );
  return { state, removedFiles };
}

export async function cancelRequest(db: Db, actor: Actor, id: number, input: CloseInput, now: Date) {
  return withRequest(db, actor, id, "cancel", (tx, r) => closeRequest(tx, r, "cancel", { ...input, actor, now }));
}

export async function rejectRequest(db: Db, actor: Actor, id: number, input: CloseInput, now: Date) {
  return withRequest(db, actor, id, "reject", (tx, r) => closeRequest(tx, r, "reject", { ...input, actor, now }));
}
