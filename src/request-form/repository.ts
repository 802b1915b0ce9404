import { sql, type Selectable } from "kysely";
import type { Executor } from "../db/database.js";
import { unlessHeld } from "../db/held-rows.js";
import { prepared } from "../db/prepared.js";
import { memoRead, primeMemo } from "../db/read-memo.js";
import type { RequestFormConfigsTable } from "../db/schema/request-form.js";

// Built once: every placement reads the form (db/prepared.ts).
const configQuery = prepared((db, v: { institutionId: number }) =>
  db.selectFrom("request_form_configs").selectAll().where("institution_id", "=", v.institutionId),
);
const configKey = (institutionId: number) => `request_form_config:${institutionId}`;

export async function findConfigRow(db: Executor, institutionId: number) {
  return memoRead(db, configKey(institutionId), async () => (await configQuery(db, { institutionId }))[0]);
}

/**
 * The form rows of an institution and of its consortium, if any (members may read the
 * consortium's): placement-repository.ts reads them with the patron on PostgreSQL.
 */
export const ownAndConsortiumConfigRows = (db: Executor, v: { institutionId: number }) =>
  db
    .selectFrom("request_form_configs")
    .selectAll()
    .where((eb) =>
      eb.or([
        eb("institution_id", "=", v.institutionId),
        eb(
          "institution_id",
          "=",
          eb.selectFrom("institutions").select("consortium_id").where("id", "=", v.institutionId),
        ),
      ]),
    );

/**
 * ownAndConsortiumConfigRows on PostgreSQL, each form's text left out (null) where `held`
 * (db/held-rows.ts) says the caller holds the row at its current revision.
 */
export const ownAndConsortiumConfigRowsBeyond = (db: Executor, v: { institutionId: number; held: string }) =>
  ownAndConsortiumConfigRows(db, v)
    .clearSelect()
    .select(["id", "institution_id", "applies_to_members", "updated_at", "revision"])
    .select(unlessHeld("config", v.held).as("config"));

/** findConfigRow's answer for each of these institutions, read together with others (read-memo.ts). */
export function primeConfigRows(
  db: Executor,
  institutionIds: number[],
  rows: Selectable<RequestFormConfigsTable>[],
): void {
  for (const id of institutionIds)
    primeMemo(
      db,
      configKey(id),
      rows.find((r) => r.institution_id === id),
    );
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
      .set({
        config,
        applies_to_members: appliesToMembers ? 1 : 0,
        updated_at: at,
        revision: sql<number>`revision + 1`,
      })
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
