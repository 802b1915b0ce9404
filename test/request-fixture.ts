import { DEFAULT_WORKFLOW } from "../src/rules/engine/workflow.js";
import type { AppContext } from "../src/server/context.js";
import { makeTitle, type InstitutionFixture } from "./factories.js";

/**
 * A minimal request row handled at a desk or department, written directly: tests of
 * organisation records only need something that references the place.
 */
export async function insertRequestAt(
  ctx: AppContext,
  inst: InstitutionFixture,
  userId: number,
  place: { deskId?: number; departmentId?: number },
): Promise<number> {
  const at = ctx.clock.now().toISOString();
  const title = await makeTitle(ctx, inst, { holdings: false });
  const req = await ctx.db
    .insertInto("requests")
    .values({
      institution_id: inst.id,
      request_type: "DIGITIZATION",
      request_sub_type: "GENERAL_DIGITIZATION",
      state: "NEW",
      is_active: 1,
      user_id: userId,
      placed_by_user_id: userId,
      request_source: "patron",
      bib_id: title.mmsId,
      item_id: null,
      library_id: inst.libraries.main,
      department_id: place.departmentId ?? null,
      desk_id: place.deskId ?? null,
      form: "{}",
      workflow: JSON.stringify(DEFAULT_WORKFLOW),
      workflow_rule_id: null,
      request_date: at,
      due_at: at,
      closed_at: null,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return req.id;
}
