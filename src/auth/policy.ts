import type { RoleCode } from "../db/schema.js";
import { AppError } from "../errors.js";
import { type Actor, hasInstitutionRole, isStaff } from "./actor.js";

/**
 * Institution-wide permissions of the role table (DOMAIN 2). Request actions, which depend on
 * the request's library and place, live in requests/policy.ts.
 */
type Permission =
  | "organisation.manage"
  | "fulfillment.manage"
  | "people.manage"
  | "catalogue.manage"
  | "letters.manage"
  | "configuration.read"
  | "users.read"
  | "blocks.manage";

const byPermission: Record<Exclude<Permission, "configuration.read" | "users.read" | "blocks.manage">, RoleCode[]> = {
  "organisation.manage": ["GENERAL_SYSTEM_ADMINISTRATOR"],
  "fulfillment.manage": ["GENERAL_SYSTEM_ADMINISTRATOR", "FULFILLMENT_ADMINISTRATOR"],
  "people.manage": ["GENERAL_SYSTEM_ADMINISTRATOR"],
  "catalogue.manage": ["GENERAL_SYSTEM_ADMINISTRATOR"],
  "letters.manage": ["GENERAL_SYSTEM_ADMINISTRATOR", "LETTER_ADMINISTRATOR"],
};

export function can(actor: Actor, permission: Permission): boolean {
  switch (permission) {
    case "configuration.read":
      return isStaff(actor);
    case "users.read":
      return actor.grants.some((g) =>
        ["GENERAL_SYSTEM_ADMINISTRATOR", "FULFILLMENT_SERVICES_OPERATOR", "FULFILLMENT_SERVICES_MANAGER"].includes(
          g.role,
        ),
      );
    case "blocks.manage":
      // Desk staff place and lift blocks at the counter, whatever their scope.
      return (
        hasInstitutionRole(actor, "GENERAL_SYSTEM_ADMINISTRATOR") ||
        actor.grants.some((g) => ["FULFILLMENT_SERVICES_OPERATOR", "FULFILLMENT_SERVICES_MANAGER"].includes(g.role))
      );
    default:
      return hasInstitutionRole(actor, ...byPermission[permission]);
  }
}

/** Assertion form: throws FORBIDDEN with the permission named, so the caller knows what is missing. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AppError("FORBIDDEN", { message: `Your roles do not allow this action (needs ${permission}).` });
  }
}
