import type { Actor } from "../auth/actor.js";
import { authorize as authorizePermission, can } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import type { LetterRenderLimits } from "../config.js";
import { AppError, notFound } from "../errors.js";
import { findPrintout, listPrintouts, moveStatus, type PrintoutRow } from "./printouts-repository.js";
import { canSee, visibleRequestsFilter } from "../requests/policy.js";
import { renderSlip } from "./slip.js";

/**
 * Staff who pick, scan or run fulfillment use the printout queue; patrons do not. Each sees the
 * printouts of the requests in their scope (the same scope as the request list); administrators
 * of the institution or of fulfillment see them all.
 */
const authorize = (actor: Actor): void => authorizePermission(actor, "printouts.use");

export async function listQueue(
  db: Db,
  actor: Actor,
  filter: { status?: PrintoutRow["status"]; printerId?: number; limit: number },
) {
  authorize(actor);
  return listPrintouts(db, actor.institutionId, filter, seesAll(actor) ? null : visibleRequestsFilter(actor));
}

const seesAll = (actor: Actor) => can(actor, "printouts.all");

async function load(db: Db, actor: Actor, id: number) {
  const row = await findPrintout(db, actor.institutionId, id);
  if (!row) throw notFound("printout");
  authorize(actor);
  // Outside the caller's scope, the printout does not exist for them.
  if (!seesAll(actor) && !canSee(actor, row)) throw notFound("printout");
  return row;
}

export async function printoutPdf(
  db: Db,
  actor: Actor,
  id: number,
  coverSheet: boolean,
  now: Date,
  renderLimits: LetterRenderLimits,
) {
  const row = await load(db, actor, id);
  const slip = await renderSlip(db, actor.institutionId, row.request_id, {
    coverSheet,
    today: now.toISOString().slice(0, 10),
    renderLimits,
  });
  return { row, pdf: slip.pdf };
}

const MOVES = {
  print: { from: ["queued"], to: "printed", count: true },
  reprint: { from: ["printed", "dismissed"], to: "printed", count: true },
  dismiss: { from: ["queued", "printed"], to: "dismissed", count: false },
} as const;

/** print (a queued one), reprint (one printed or dismissed before) or dismiss. */
export async function movePrintout(db: Db, actor: Actor, id: number, action: keyof typeof MOVES, now: Date) {
  const row = await load(db, actor, id);
  const move = MOVES[action];
  if (!(await moveStatus(db, id, [...move.from], move.to, move.count, now.toISOString()))) {
    throw new AppError("PRINTOUT_STATE_CONFLICT", {
      message: `A printout that is ${row.status} cannot be given '${action}'; it must be ${move.from.join(" or ")}.`,
      details: { status: row.status },
    });
  }
  return (await findPrintout(db, actor.institutionId, id))!;
}
