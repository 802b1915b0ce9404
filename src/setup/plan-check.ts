import type { Actor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import type { FieldProblem } from "../errors.js";
import { findDeskByCode } from "../organisation/desks-repository.js";
import { findLibraryByCode } from "../organisation/libraries-repository.js";
import { findUser } from "../people/users-repository.js";
import { reasonCodes } from "../rules/service-terms/approval-reasons.js";
import type { Say } from "../shared/messages/index.js";
import type { PlanInput } from "./plan-model.js";

/**
 * What the answers' shape cannot say: how they fit together and with what the institution
 * already has. Every problem at once, each at the field the planning page shows it beside.
 */
export async function planProblems(db: Executor, actor: Actor, input: PlanInput): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const at = (field: string, message: string, say: Say) => problems.push({ field, message, say });
  const inst = actor.institutionId;

  twice(input.libraries.map((l) => l.code)).forEach((i) =>
    at(`libraries.${i}.code`, "is listed twice", (m) => m.plan.listedTwice),
  );
  if (input.place === "desks") {
    twice(input.libraries.map((l) => l.desk?.code ?? null)).forEach((i) =>
      at(`libraries.${i}.desk.code`, "is listed twice", (m) => m.plan.listedTwice),
    );
    for (const [i, lib] of input.libraries.entries()) {
      if (!lib.desk) {
        at(`libraries.${i}.desk`, "is required when desks do the scanning", (m) => m.plan.deskNeeded);
        continue;
      }
      const desk = await findDeskByCode(db, inst, lib.desk.code);
      const library = await findLibraryByCode(db, inst, lib.code);
      if (desk && desk.library_id !== library?.id)
        at(`libraries.${i}.desk.code`, `desk ${desk.code} belongs to another library`, (m) => m.plan.deskElsewhere);
    }
  }
  if (input.printer === null)
    at("printer", "is required: the departments print pick slips there", (m) => m.plan.printerNeeded);

  const approving = input.approval_required || input.copyright_clearance_required;
  if (approving && input.approval_mode === null)
    at("approval_mode", "is required when approval or copyright clearance is", (m) => m.plan.modeNeeded);
  if (approving && input.approval_mode === "automatic") {
    const active =
      input.approval_reason === null ? undefined : (await reasonCodes(db, inst)).get(input.approval_reason);
    if (input.approval_reason === null)
      at("approval_reason", "is required when approval is automatic", (m) => m.plan.reasonNeeded);
    else if (active !== true)
      at("approval_reason", `${input.approval_reason} is not an active approval reason`, (m) => m.plan.reasonUnknown);
  }

  twice(input.user_groups.map((g) => g.code)).forEach((i) =>
    at(`user_groups.${i}.code`, "is listed twice", (m) => m.plan.listedTwice),
  );
  if (!input.user_groups.some((g) => g.may_request))
    at("user_groups", "at least one user group must be allowed to request", (m) => m.plan.noGroupMayRequest);

  twice(input.staff.map((s) => s.user_id)).forEach((i) =>
    at(`staff.${i}.user_id`, "is listed twice", (m) => m.plan.listedTwice),
  );
  for (const [i, s] of input.staff.entries()) {
    const user = await findUser(db, inst, s.user_id);
    if (!user || user.status !== "ACTIVE")
      at(
        `staff.${i}.user_id`,
        `user ${s.user_id} is not an active user of this institution`,
        (m) => m.plan.userUnknown,
      );
  }
  if (!input.staff.some((s) => s.scans))
    at("staff", "at least one person must do the scanning", (m) => m.plan.noScanner);
  return problems;
}

/** The positions of values already seen earlier in the list (nulls are not compared). */
function twice<T>(values: (T | null)[]): number[] {
  return values.flatMap((v, i) => (v !== null && values.indexOf(v) < i ? [i] : []));
}
