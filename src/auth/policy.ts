import type { RoleCode } from "../db/schema.js";
import { AppError } from "../errors.js";
import type { Actor } from "./actor.js";

/**
 * Institution-wide permissions of the role table (DOMAIN 2), one entry per decision. Request
 * actions, which depend on the request's library and place, live in requests/policy.ts.
 *
 * `roles`: the roles that grant the permission; `scope`: "institution" when only an
 * institution-scoped grant counts (configuration of the whole institution), "any" when a grant
 * in any scope does (staff work at a counter or in a department, whose records are filtered by
 * scope elsewhere); `staff`: any role at all. `refusal`: the 403 message, naming what is missing.
 */
interface PermissionRule {
  roles: RoleCode[] | "staff";
  scope: "institution" | "any";
  refusal?: string;
}

const FULFILLMENT_STAFF: RoleCode[] = [
  "GENERAL_SYSTEM_ADMINISTRATOR",
  "FULFILLMENT_ADMINISTRATOR",
  "FULFILLMENT_SERVICES_MANAGER",
  "FULFILLMENT_SERVICES_OPERATOR",
  "REQUESTS_OPERATOR",
  "WORK_ORDER_OPERATOR",
];

const permissions = {
  /** libraries, locations, printers, the institution itself */
  "organisation.manage": { roles: ["GENERAL_SYSTEM_ADMINISTRATOR"], scope: "institution" },
  /** departments, desks, terms of use, fulfillment units, rule tables, approval reasons, patron limits */
  "fulfillment.manage": { roles: ["GENERAL_SYSTEM_ADMINISTRATOR", "FULFILLMENT_ADMINISTRATOR"], scope: "institution" },
  /** users, user groups, role assignments, other users' API keys */
  "people.manage": { roles: ["GENERAL_SYSTEM_ADMINISTRATOR"], scope: "institution" },
  "catalogue.manage": { roles: ["GENERAL_SYSTEM_ADMINISTRATOR"], scope: "institution" },
  "letters.manage": { roles: ["GENERAL_SYSTEM_ADMINISTRATOR", "LETTER_ADMINISTRATOR"], scope: "institution" },
  /** reading the configuration: every staff member */
  "configuration.read": { roles: "staff", scope: "any" },
  /** looking other users up (the desk finds the patron it serves) */
  "users.read": {
    roles: ["GENERAL_SYSTEM_ADMINISTRATOR", "FULFILLMENT_SERVICES_OPERATOR", "FULFILLMENT_SERVICES_MANAGER"],
    scope: "any",
  },
  /** desk staff place and lift blocks at the counter, whatever their scope */
  "blocks.manage": {
    roles: ["FULFILLMENT_SERVICES_OPERATOR", "FULFILLMENT_SERVICES_MANAGER"],
    scope: "any",
  },
  /** letters written as .eml files: those who answer for letters or for fulfillment */
  "mail.read": {
    roles: ["GENERAL_SYSTEM_ADMINISTRATOR", "LETTER_ADMINISTRATOR", "FULFILLMENT_ADMINISTRATOR"],
    scope: "institution",
    refusal: "Your roles do not allow reading sent letters.",
  },
  /** the outbox: what is waiting or stuck, and retrying it */
  "outbox.manage": {
    roles: ["GENERAL_SYSTEM_ADMINISTRATOR", "LETTER_ADMINISTRATOR", "FULFILLMENT_ADMINISTRATOR"],
    scope: "institution",
    refusal: "Your roles do not allow this action (needs letters.manage or fulfillment.manage).",
  },
  /** the printout queue: staff who pick, scan or run fulfillment (each sees their scope's printouts) */
  "printouts.use": {
    roles: FULFILLMENT_STAFF,
    scope: "any",
    refusal: "Only fulfillment staff use the printout queue.",
  },
  /** every printout, whatever the request's scope */
  "printouts.all": { roles: ["GENERAL_SYSTEM_ADMINISTRATOR", "FULFILLMENT_ADMINISTRATOR"], scope: "any" },
  /**
   * What another patron is offered, and why (DOMAIN 4 and 10, explain): a read, for the staff
   * who configure those rules or serve patrons. Placing for them is requests/policy.ts's
   * `canPlaceFor`, the Fulfillment Services Operator's alone.
   */
  "offers.others": {
    roles: [
      "GENERAL_SYSTEM_ADMINISTRATOR",
      "FULFILLMENT_ADMINISTRATOR",
      "FULFILLMENT_SERVICES_MANAGER",
      "FULFILLMENT_SERVICES_OPERATOR",
    ],
    scope: "any",
  },
} satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof permissions;

export function can(actor: Actor, permission: Permission): boolean {
  const rule: PermissionRule = permissions[permission];
  if (permission === "blocks.manage" && can(actor, "people.manage")) return true;
  return actor.grants.some(
    (g) =>
      (rule.roles === "staff" || rule.roles.includes(g.role)) &&
      (rule.scope === "any" || g.scopeType === "institution"),
  );
}

/** Assertion form: throws FORBIDDEN with the permission named, so the caller knows what is missing. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    const rule: PermissionRule = permissions[permission];
    throw new AppError("FORBIDDEN", {
      message: rule.refusal ?? `Your roles do not allow this action (needs ${permission}).`,
    });
  }
}

/** A user's own record, or anyone's for those who look users up; others are told it does not exist. */
export const canSeeUser = (actor: Actor, userId: number): boolean =>
  userId === actor.userId || can(actor, "users.read");

/** Users manage their own API keys; people.manage manages anyone's. */
export function authorizeApiKeysOf(actor: Actor, userId: number): void {
  if (userId !== actor.userId && !can(actor, "people.manage")) {
    throw new AppError("FORBIDDEN", {
      message: "Only the user themself or a General System Administrator may manage these API keys.",
    });
  }
}

/**
 * Patron limits are fulfillment configuration, so a change to a user group that touches only
 * max_digitization_requests is open to fulfillment administrators as well; anything else is people.manage.
 */
export function authorizeUserGroupChange(actor: Actor, onlyLimit: boolean): void {
  if (!(onlyLimit && can(actor, "fulfillment.manage"))) authorize(actor, "people.manage");
}

/** Patrons ask what they are offered; staff with offers.others ask about anyone (others: no such user). */
export const canAskOffersFor = (actor: Actor, userId: number): boolean =>
  userId === actor.userId || can(actor, "offers.others");
