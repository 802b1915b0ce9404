import type { Actor } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import { enqueue } from "../outbox/enqueue.js";
import { withRequest } from "../requests/load.js";
import { filesOf, insertEvent } from "../requests/parts-repository.js";
import { workflowSchema } from "../rules/engine/workflow.js";
import { revokeRequestLinks } from "./links-repository.js";

/**
 * Sends the patron fresh links to the files already scanned (no rescanning): the old links stop
 * working and a new document_delivery_notification is written to the outbox, all in one transaction.
 */
export async function reissueLinks(db: Db, actor: Actor, id: number, input: { note?: string | null }, now: Date) {
  return withRequest(db, actor, id, "deliver", async (tx, r) => {
    if (r.state !== "DELIVERED" && r.state !== "COMPLETED") {
      throw new AppError("INVALID_STATE_TRANSITION", {
        message: `Links can be re-issued only for a delivered or completed request; this one is ${r.state}.`,
        details: { state: r.state },
      });
    }
    const files = (await filesOf(tx, [r.id])).filter((f) => f.active === 1);
    if (files.length === 0) {
      throw new AppError("INVALID_STATE_TRANSITION", { message: "The request has no file left to send a link to." });
    }
    const workflow = workflowSchema.parse(JSON.parse(r.workflow));
    const at = now.toISOString();
    const revoked = await revokeRequestLinks(tx, r.id, at);
    await insertEvent(tx, {
      institution_id: r.institution_id,
      request_id: r.id,
      at,
      actor_user_id: actor.userId,
      action: "links_reissued",
      from_state: null,
      to_state: null,
      reason: null,
      note: input.note ?? null,
      data: JSON.stringify({ revoked_links: revoked, file_ids: files.map((f) => f.id) }),
    });
    const outboxId = await enqueue(
      tx,
      {
        institutionId: r.institution_id,
        kind: "letter",
        topic: "document_delivery_notification",
        requestId: r.id,
        payload: {
          user_id: r.user_id,
          target: "link",
          reissue: true,
          file_ids: files.map((f) => f.id),
          max_views: workflow.max_views,
          link_expiry_days: workflow.link_expiry_days,
        },
      },
      now,
    );
    return { request_id: r.id, revoked_links: revoked, outbox_id: outboxId };
  });
}
