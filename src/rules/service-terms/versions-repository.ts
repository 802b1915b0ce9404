import type { Executor } from "../../db/database.js";
import type { ServiceTermsVersionsTable } from "../../db/schema.js";

export type VersionedEntity = ServiceTermsVersionsTable["entity"];

export async function insertVersion(db: Executor, v: Omit<ServiceTermsVersionsTable, "id">): Promise<void> {
  await db.insertInto("policy_versions").values(v).execute();
}

/** Newest first; without an id, every record of the kind, deleted ones included. */
export async function listVersions(db: Executor, institutionId: number, entity: VersionedEntity, entityId?: number) {
  let q = db
    .selectFrom("policy_versions")
    .selectAll()
    .where("institution_id", "=", institutionId)
    .where("entity", "=", entity);
  if (entityId !== undefined) q = q.where("entity_id", "=", entityId);
  return q.orderBy("id", "desc").limit(500).execute();
}
