import type { Actor } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import { enqueue } from "../outbox/enqueue.js";
import { closeRequest } from "./close-request.js";
import { withRequest } from "./load.js";
import { decideTaskGuarded, findTask, insertEvent, setFilesActive, tasksOf } from "./parts-repository.js";
import { FINAL_STATES } from "./state-machine.js";
import { applyTransition } from "./transition.js";

/** Approval and copyright clearance (DOMAIN 5.5, 7). */

interface CopyrightDetails {
  source?: string | null;
  licence_or_transaction_number?: string | null;
  fee?: { amount: number; currency: string } | null;
}

interface DecisionInput {
  reason?: string | null;
  note?: string | null;
  details?: CopyrightDetails;
}

async function loadPendingTask(
  tx: Parameters<Parameters<typeof withRequest>[4]>[0],
  requestId: number,
  taskId: number,
  state: string,
) {
  const task = await findTask(tx, requestId, taskId);
  if (!task) throw new AppError("NOT_FOUND", { message: "No such task on this request." });
  if (task.status !== "pending" || FINAL_STATES.includes(state as never) || state === "DELIVERED") {
    throw new AppError("INVALID_STATE_TRANSITION", {
      message: `The ${task.kind} task is already ${task.status} or the request is closed (${state}).`,
      details: { task_status: task.status, state },
    });
  }
  return task;
}

/**
 * Approves a task. When it was the last one pending, the request moves on: a request that
 * waited (approval_mode blocks) goes to the shelf or the scanner; its files become active.
 */
export async function approveTask(
  db: Db,
  actor: Actor,
  requestId: number,
  taskId: number,
  input: DecisionInput,
  now: Date,
) {
  return withRequest(db, actor, requestId, "approve_task", async (tx, r) => {
    const task = await loadPendingTask(tx, r.id, taskId, r.state);
    const at = now.toISOString();
    const ok = await decideTaskGuarded(tx, task.id, {
      status: "approved",
      reason: input.reason ?? null,
      note: input.note ?? null,
      details: JSON.stringify(input.details ?? {}),
      by: actor.userId,
      at,
    });
    if (!ok)
      throw new AppError("INVALID_STATE_TRANSITION", { message: "The task was decided by someone else meanwhile." });
    await insertEvent(tx, {
      institution_id: r.institution_id,
      request_id: r.id,
      at,
      actor_user_id: actor.userId,
      action: `${task.kind}_approved`,
      from_state: r.state,
      to_state: r.state,
      reason: input.reason ?? null,
      note: input.note ?? null,
      data: JSON.stringify({ task_id: task.id, details: input.details ?? {} }),
    });
    const allApproved = (await tasksOf(tx, [r.id])).every((t) => t.status === "approved");
    if (!allApproved) return r.state;
    await setFilesActive(tx, r.id);
    if (r.state === "AWAITING_APPROVAL") {
      const state = await applyTransition(tx, r, "release_after_approval", {
        actor,
        now,
        reason: "all tasks approved",
      });
      if (state === "PICK_FROM_SHELF") {
        await enqueue(
          tx,
          {
            institutionId: r.institution_id,
            kind: "print",
            topic: "resource_request_slip",
            requestId: r.id,
            payload: { place: r.department_code ?? r.desk_code },
          },
          now,
        );
      }
      return state;
    }
    return r.state;
  });
}

/** Rejects a task, which rejects the whole request (DOMAIN 7) and deletes any scanned file. */
export async function rejectTask(
  db: Db,
  actor: Actor,
  requestId: number,
  taskId: number,
  input: DecisionInput & { reason: string },
  now: Date,
) {
  return withRequest(db, actor, requestId, "reject_task", async (tx, r) => {
    const task = await loadPendingTask(tx, r.id, taskId, r.state);
    const ok = await decideTaskGuarded(tx, task.id, {
      status: "rejected",
      reason: input.reason,
      note: input.note ?? null,
      details: JSON.stringify(input.details ?? {}),
      by: actor.userId,
      at: now.toISOString(),
    });
    if (!ok)
      throw new AppError("INVALID_STATE_TRANSITION", { message: "The task was decided by someone else meanwhile." });
    return closeRequest(tx, r, "reject", {
      reason: input.reason,
      note: input.note ?? `${task.kind} task rejected`,
      actor,
      now,
    });
  });
}
