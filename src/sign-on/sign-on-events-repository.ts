import type { Executor } from "../db/database.js";

/** The one home of the `sign_on_events` table's SQL (026_sign_on): each sign-in through a provider. */

export async function insertSignOnEvent(
  db: Executor,
  v: { institutionId: number; providerId: number; userId: number; accountCreated: boolean; changedFields: string[] },
  at: string,
): Promise<void> {
  await db
    .insertInto("sign_on_events")
    .values({
      institution_id: v.institutionId,
      provider_id: v.providerId,
      user_id: v.userId,
      account_created: v.accountCreated ? 1 : 0,
      changed_fields: JSON.stringify(v.changedFields),
      created_at: at,
    })
    .execute();
}
