import type { Actor } from "../../auth/actor.js";
import { authorize } from "../../auth/policy.js";
import type { Executor } from "../../db/database.js";
import * as repo from "./versions-repository.js";

/**
 * Terms of use and fulfillment units are versioned and audited like rules (DOMAIN 5: who, when,
 * before, after): each change writes its version in the change's own transaction.
 */

/** The record as it reads, without the keys and stamps that every version would repeat. */
export function versionSnapshot(row: object, extra: Record<string, unknown> = {}): string {
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k !== "id" && k !== "institution_id" && k !== "created_at" && k !== "updated_at") rest[k] = v;
  }
  return JSON.stringify({ ...rest, ...extra });
}

export async function recordVersion(
  tx: Executor,
  actor: Actor,
  entity: repo.VersionedEntity,
  entityId: number,
  action: "created" | "updated" | "deleted",
  before: string | null,
  after: string | null,
  at: string,
): Promise<void> {
  await repo.insertVersion(tx, {
    institution_id: actor.institutionId,
    entity,
    entity_id: entityId,
    action,
    actor_user_id: actor.via === "system" ? null : actor.userId,
    at,
    before,
    after,
  });
}

export async function listVersions(db: Executor, actor: Actor, entity: repo.VersionedEntity, entityId?: number) {
  authorize(actor, "configuration.read");
  return repo.listVersions(db, actor.institutionId, entity, entityId);
}
