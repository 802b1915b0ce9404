import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import { notFound } from "../errors.js";
import * as repo from "./institution-repository.js";

/** Use cases for the caller's own institution (the tenant). Creating one is create-institution.ts. */

export async function loadInstitution(db: Db, actor: Actor) {
  const inst = await repo.findInstitution(db, actor.institutionId);
  if (!inst) throw notFound("institution");
  return inst;
}

export async function updateInstitution(db: Db, actor: Actor, input: repo.InstitutionChanges, now: Date) {
  await loadInstitution(db, actor);
  authorize(actor, "organisation.manage");
  return repo.updateInstitution(db, actor.institutionId, input, now.toISOString());
}
