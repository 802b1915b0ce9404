import type { Actor } from "../auth/actor.js";
import { authorize, can } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import { enqueue } from "../outbox/enqueue.js";
import { canSee } from "../requests/policy.js";
import { findRequest } from "../requests/repository.js";
import { OPEN_STATES } from "../requests/state-machine.js";

/**
 * Pick slips for requests staff choose (the work queues' "Print slips"): one print job per
 * request through the outbox, the same path as the slip printed when a request reaches the
 * shelf, so each lands in the printout queue of its place's printer (and is emailed to a
 * print-by-email printer). All or nothing: a request the caller may not see, or one that is
 * closed, queues no slip at all.
 */
export async function queueSlips(db: Db, actor: Actor, requestIds: readonly number[], now: Date) {
  authorize(actor, "printouts.use");
  const ids = [...new Set(requestIds)];
  return db.transaction().execute(async (tx) => {
    const queued: { requestId: number; outboxId: number }[] = [];
    for (const id of ids) {
      const r = await findRequest(tx, actor.institutionId, id);
      // The printout queue's own scope: its administrators see every printout, others their requests.
      if (!r || !(can(actor, "printouts.all") || canSee(actor, r))) {
        throw new AppError("NOT_FOUND", { message: `No such request: ${id}.`, details: { request_id: String(id) } });
      }
      if (!OPEN_STATES.includes(r.state)) {
        throw new AppError("INVALID_STATE_TRANSITION", {
          message: `Request ${id} is ${r.state}: slips are printed for open requests only.`,
          details: { request_id: String(id), state: r.state },
        });
      }
      const outboxId = await enqueue(
        tx,
        {
          institutionId: actor.institutionId,
          kind: "print",
          topic: "resource_request_slip",
          requestId: r.id,
          payload: { place: r.department_code ?? r.desk_code, asked_by: actor.primaryId },
        },
        now,
      );
      queued.push({ requestId: r.id, outboxId });
    }
    return queued;
  });
}
