import type { Insertable, Updateable } from "kysely";
import type { Executor } from "../../db/database.js";
import { consortiumOf } from "../../organisation/institution-repository.js";
import type { ApprovalReasonsTable } from "../../db/schema.js";
import { findTable, listRules } from "../tables/repository.js";

/** The approval reasons an automatic approval names (DOMAIN 5.5). */

export async function listReasons(db: Executor, institutionId: number) {
  return db
    .selectFrom("approval_reasons")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export async function findReason(db: Executor, institutionId: number, id: number) {
  return db
    .selectFrom("approval_reasons")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export type ReasonRow = NonNullable<Awaited<ReturnType<typeof findReason>>>;

export async function insertReason(db: Executor, row: Omit<Insertable<ApprovalReasonsTable>, "position">) {
  const last = await db
    .selectFrom("approval_reasons")
    .select((eb) => eb.fn.max("position").as("max"))
    .where("institution_id", "=", row.institution_id)
    .executeTakeFirst();
  return db
    .insertInto("approval_reasons")
    .values({ ...row, position: Number(last?.max ?? 0) + 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateReason(db: Executor, id: number, v: Updateable<ApprovalReasonsTable>) {
  return db.updateTable("approval_reasons").set(v).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteReason(db: Executor, id: number): Promise<void> {
  await db.deleteFrom("approval_reasons").where("id", "=", id).execute();
}

export async function setReasonPosition(db: Executor, id: number, position: number, at: string): Promise<void> {
  await db.updateTable("approval_reasons").set({ position, updated_at: at }).where("id", "=", id).execute();
}

/** The digitization outputs of the institution, each with the rule it belongs to (null: the default). */
export async function digitizationOutputs(db: Executor, institutionId: number) {
  const table = await findTable(db, institutionId, "digitization");
  if (!table) return [];
  const rules = await listRules(db, table.id);
  return [
    ...rules.map((r) => ({ rule: { id: r.id, name: r.name }, output: r.output })),
    { rule: null, output: table.default_output },
  ];
}

/**
 * The labels of these codes, for showing a request's reason: the institution's own list first,
 * then its consortium's, whose inherited rules may name a reason the member does not have.
 */
export async function reasonLabels(db: Executor, institutionId: number, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const consortium = await consortiumOf(db, institutionId);
  const owners = [institutionId, ...(consortium ? [consortium.id] : [])];
  const rows = await db
    .selectFrom("approval_reasons")
    .select(["institution_id", "code", "label"])
    .where("institution_id", "in", owners)
    .where("code", "in", codes)
    .execute();
  const labels = new Map<string, string>();
  for (const owner of owners.reverse()) {
    for (const r of rows) if (r.institution_id === owner) labels.set(r.code, r.label);
  }
  return labels;
}
