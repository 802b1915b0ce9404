import type { Executor } from "../db/database.js";
import { prepared } from "../db/prepared.js";

// Built once: every placement reads the form (db/prepared.ts).
const configQuery = prepared((db, v: { institutionId: number }) =>
  db.selectFrom("request_form_configs").selectAll().where("institution_id", "=", v.institutionId),
);

export async function findConfigRow(db: Executor, institutionId: number) {
  return (await configQuery(db, { institutionId }))[0];
}

export async function upsertConfig(
  db: Executor,
  institutionId: number,
  config: string,
  appliesToMembers: boolean,
  at: string,
): Promise<number> {
  const existing = await findConfigRow(db, institutionId);
  if (existing) {
    await db
      .updateTable("request_form_configs")
      .set({ config, applies_to_members: appliesToMembers ? 1 : 0, updated_at: at })
      .where("id", "=", existing.id)
      .execute();
    return existing.id;
  }
  const row = await db
    .insertInto("request_form_configs")
    .values({ institution_id: institutionId, config, applies_to_members: appliesToMembers ? 1 : 0, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
