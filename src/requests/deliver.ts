import type { Actor } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import { enqueue } from "../outbox/enqueue.js";
import { workflowSchema } from "../rules/engine/workflow.js";
import { withRequest } from "./load.js";
import { filesOf, tasksOf } from "./parts-repository.js";
import { applyTransition, invalidTransition } from "./transition.js";

/** The letter that carries each delivery target (DOMAIN 6). */
const deliveryLetter = (target: "attachment" | "link" | "repository") =>
  target === "attachment" ? "digitization_notification_item" : "document_delivery_notification";

/**
 * Delivers the scanned file(s): the request becomes DELIVERED and the letter that carries the
 * file or its link is recorded in the outbox in the same transaction, to be sent by the worker.
 */
export async function deliverRequest(db: Db, actor: Actor, id: number, input: { note?: string | null }, now: Date) {
  return withRequest(db, actor, id, "deliver", async (tx, r) => {
    if (r.state !== "DIGITIZED") throw invalidTransition(r, "deliver");
    const pending = (await tasksOf(tx, [r.id])).filter((t) => t.status !== "approved");
    if (pending.length > 0) {
      throw new AppError("TASKS_NOT_APPROVED", {
        message: `The ${pending.map((t) => t.kind).join(" and ")} task must be approved before delivery.`,
        details: { tasks: pending.map((t) => ({ kind: t.kind, status: t.status })) },
      });
    }
    const files = (await filesOf(tx, [r.id])).filter((f) => f.active === 1);
    const workflow = workflowSchema.parse(JSON.parse(r.workflow));
    const letter = deliveryLetter(workflow.target);
    const state = await applyTransition(tx, r, "deliver", {
      actor,
      now,
      note: input.note,
      data: { target: workflow.target, letter, file_ids: files.map((f) => f.id) },
    });
    await enqueue(
      tx,
      {
        institutionId: r.institution_id,
        kind: "letter",
        topic: letter,
        requestId: r.id,
        payload: {
          user_id: r.user_id,
          target: workflow.target,
          file_ids: files.map((f) => f.id),
          max_views: workflow.max_views,
          link_expiry_days: workflow.link_expiry_days,
        },
      },
      now,
    );
    return state;
  });
}
