import { DEFAULT_WORKFLOW } from "../src/rules/workflow.js";
import type { AppContext } from "../src/server/context.js";
import type { InstitutionFixture } from "./factories.js";

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
  const bib = await ctx.db
    .insertInto("bibs")
    .values({
      institution_id: inst.id,
      title: "A title",
      author: null,
      publisher: null,
      publication_date: null,
      publication_year: null,
      edition: null,
      isbn: null,
      issn: null,
      language: null,
      material_type: "book",
      extent: null,
      page_count: null,
      identifiers: "{}",
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
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
      bib_id: bib.id,
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

/** Points the institution's default digitization rule at a place, as a rule may (DOMAIN 5.5). */
export async function targetDefaultRuleAt(ctx: AppContext, inst: InstitutionFixture, code: string): Promise<void> {
  await ctx.db
    .updateTable("rule_tables")
    .set({ default_output: JSON.stringify({ ...DEFAULT_WORKFLOW, target_destination: code }) })
    .where("institution_id", "=", inst.id)
    .where("kind", "=", "digitization")
    .execute();
}
