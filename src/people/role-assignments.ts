import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import type { Db, Executor } from "../db/database.js";
import type { RoleCode, ScopeType } from "../db/schema.js";
import { AppError, invalid, notFound } from "../errors.js";
import { findDepartment } from "../organisation/departments-repository.js";
import { findDesk } from "../organisation/desks-repository.js";
import { lockInstitution } from "../organisation/institution-repository.js";
import { findLibrary } from "../organisation/libraries-repository.js";
import * as repo from "./role-assignments-repository.js";
import { roleDefinition } from "./role-definitions.js";
import { lockUser } from "./users-repository.js";
import { loadUser } from "./users.js";

/** Use cases for granting and removing roles with their scopes (DOMAIN 2). */

interface GrantInput {
  role: RoleCode;
  scope_type: ScopeType;
  /** library, desk or department id; absent or null for institution scope */
  scope_id?: number | null;
}

/** Each scope's place, looked up in its own repository: a grant may only name one of the institution's. */
const findScope = { library: findLibrary, desk: findDesk, department: findDepartment } as const;

const scopeNoun: Record<ScopeType, string> = {
  institution: "institution",
  library: "library",
  desk: "circulation desk",
  department: "digitization department",
};

/** Checks the grant against the role table before anything is written. */
function checkShape(input: GrantInput): repo.GrantValues {
  const def = roleDefinition(input.role);
  if (!def.scopeTypes.includes(input.scope_type)) {
    const allowed = def.scopeTypes.map((s) => scopeNoun[s]).join(" or ");
    throw invalid("scope_type", `${def.label} can be granted only with ${allowed} scope.`);
  }
  const scopeId = input.scope_id ?? null;
  if (input.scope_type === "institution" && scopeId !== null) {
    throw invalid("scope_id", "Leave scope_id out for institution scope: the grant covers the whole institution.");
  }
  if (input.scope_type !== "institution" && scopeId === null) {
    throw invalid("scope_id", `Give the id of the ${scopeNoun[input.scope_type]} this grant is scoped to.`);
  }
  return { role: input.role, scope_type: input.scope_type, scope_id: scopeId };
}

export async function listRoleAssignments(db: Db, actor: Actor, userId: number) {
  const user = await loadUser(db, actor, userId);
  return repo.listAssignments(db, user.id);
}

/** Who holds which role where, across the institution (the setup's user × role × scope view). */
export async function listInstitutionRoleAssignments(
  db: Db,
  actor: Actor,
  filter: {
    role?: RoleCode | undefined;
    scope_type?: ScopeType | undefined;
    scope_id?: number | undefined;
    limit: number;
  },
) {
  authorize(actor, "people.manage");
  const rows = await repo.listInstitutionAssignments(db, actor.institutionId, {
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.scope_type ? { scopeType: filter.scope_type } : {}),
    ...(filter.scope_id !== undefined ? { scopeId: filter.scope_id } : {}),
    limit: filter.limit,
  });
  return { rows: rows.slice(0, filter.limit), truncated: rows.length > filter.limit };
}

export async function grantRole(db: Db, actor: Actor, userId: number, input: GrantInput, now: Date) {
  const user = await loadUser(db, actor, userId);
  authorize(actor, "people.manage");
  const grant = checkShape(input);
  return db.transaction().execute(async (tx) => {
    if (grant.scope_type !== "institution" && grant.scope_id !== null) {
      if (!(await findScope[grant.scope_type](tx, actor.institutionId, grant.scope_id))) {
        throw invalid(
          "scope_id",
          `There is no ${scopeNoun[grant.scope_type]} with id ${grant.scope_id} in this institution.`,
        );
      }
    }
    // Concurrent grants of the same role to the same user must not both pass the duplicate check.
    await lockUser(tx, user.id);
    if (await repo.findSameGrant(tx, user.id, grant)) {
      throw new AppError("DUPLICATE", {
        message: `The user already has ${roleDefinition(grant.role).label} with this scope.`,
        fields: [{ field: "role", message: "is already granted with this scope" }],
      });
    }
    const id = await repo.insertAssignment(tx, user, grant, now.toISOString());
    return repo.getAssignment(tx, id);
  });
}

/**
 * Only a General System Administrator gives roles: taking the last active one away (revoking
 * the role, setting its holder INACTIVE, deleting them) would leave the institution with nobody
 * who can give it back on screen (only the operator's command line). Call it in the transaction
 * that makes the change, before it.
 */
export async function keepAnAdministrator(
  tx: Executor,
  institutionId: number,
  leaving: { assignmentId: number } | { userId: number },
): Promise<void> {
  if ("userId" in leaving && !(await repo.isAdministrator(tx, leaving.userId))) return;
  // two administrators leaving at once must not both pass the count
  await lockInstitution(tx, institutionId);
  if ((await repo.countOtherActiveAdministrators(tx, institutionId, leaving)) === 0)
    throw new AppError("IN_USE", {
      message:
        "This is the institution’s last General System Administrator: give the role to another active staff member first.",
    });
}

export async function revokeRole(db: Db, actor: Actor, userId: number, assignmentId: number): Promise<void> {
  const user = await loadUser(db, actor, userId);
  authorize(actor, "people.manage");
  await db.transaction().execute(async (tx) => {
    const assignment = await repo.findAssignment(tx, actor.institutionId, user.id, assignmentId);
    if (!assignment) throw notFound("role assignment");
    if (assignment.role === "GENERAL_SYSTEM_ADMINISTRATOR" && assignment.scope_type === "institution") {
      await keepAnAdministrator(tx, actor.institutionId, { assignmentId: assignment.id });
    }
    await repo.deleteAssignment(tx, assignment.id);
  });
}
