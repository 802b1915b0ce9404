import { Readable } from "node:stream";
import { isLetterEnabled } from "../letters/templates.js";
import { sendMail, stableMessageId } from "../letters/mailer.js";
import { PermanentDeliveryError, type OutboxMessage } from "../outbox/outbox.js";
import { insertEvent } from "../requests/parts-repository.js";
import type { DomainContext } from "../context.js";
import { ensurePrintout, setEmailed } from "./printouts-repository.js";
import { prepareSlip, slipDocument } from "./slip.js";

/**
 * The outbox handler for print jobs (DOMAIN 1): the pick slip goes into the printout queue of
 * the handling place's default printer, and when that printer prints by email, to its address
 * as a PDF. A retried job reuses its printout and does not email it again once recorded. The
 * PDF is laid out only to be emailed: the queue's staff get theirs laid out when they open it.
 */
export async function runPrintJob(m: OutboxMessage, ctx: DomainContext): Promise<void> {
  if (m.topic !== "resource_request_slip") throw new PermanentDeliveryError(`There is no print document ${m.topic}.`);
  if (m.requestId === null) throw new PermanentDeliveryError("The print job is not about a request.");
  const at = ctx.clock.now().toISOString();
  if (!(await isLetterEnabled(ctx.db, m.institutionId, "resource_request_slip"))) {
    await insertEvent(ctx.db, {
      institution_id: m.institutionId,
      request_id: m.requestId,
      at,
      actor_user_id: null,
      action: "letter_suppressed",
      from_state: null,
      to_state: null,
      reason: null,
      note: null,
      data: JSON.stringify({ letter: "resource_request_slip", why: "the letter is disabled" }),
    });
    return;
  }
  // The slip's text is rendered even when no PDF is laid out: a template that does not render
  // fails the job (and says why) instead of queueing a printout that cannot be printed.
  const slip = await prepareSlip(ctx.db, m.institutionId, m.requestId, {
    today: at.slice(0, 10),
    renderLimits: ctx.config.letterRender,
  });
  const printout = await ensurePrintout(ctx.db, {
    institution_id: m.institutionId,
    outbox_id: m.id,
    request_id: m.requestId,
    printer_id: slip.printerId,
    document: "resource_request_slip",
    created_at: at,
  });
  if (slip.printerEmail && printout.emailed_to === null) {
    const pdf = await slipDocument(slip);
    const key = `print-${m.id}`;
    await sendMail(
      ctx.config,
      m.institutionId,
      {
        to: slip.printerEmail,
        subject: `Pick slip: request ${m.requestId}`,
        text: `Pick slip for request ${m.requestId} (attached).`,
        html: `<p>Pick slip for request ${m.requestId} (attached).</p>`,
        messageId: stableMessageId(ctx.config, key),
        attachments: [
          {
            filename: `pick-slip-${m.requestId}.pdf`,
            contentType: "application/pdf",
            content: () => Promise.resolve(Readable.from([Buffer.from(pdf)])),
          },
        ],
      },
      key,
      ctx.mailer,
    );
    await setEmailed(ctx.db, printout.id, slip.printerEmail, at);
  }
}
