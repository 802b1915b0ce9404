import type { Actor } from "../auth/actor.js";
import { can } from "../auth/policy.js";
import { doesAnywhere, isRequestStaff, mayPlaceForOthers } from "../requests/policy.js";

/**
 * Which screens of the staff app the actor has work on. The app shows what this answers and no
 * more; each screen's server calls still authorize on their own (a screen shown here is a hint,
 * never a permission).
 */
export function staffScreens(actor: Actor) {
  const admin = actor.grants.some((g) => g.role === "GENERAL_SYSTEM_ADMINISTRATOR");
  return {
    /** the work queues of the places in scope */
    queues: admin || actor.grants.some((g) => isRequestStaff(g.role)),
    /** picking and scanning in by barcode */
    scan_station: doesAnywhere(actor, "pick") || doesAnywhere(actor, "scan_in"),
    /** uploading files and delivering them */
    digitization: doesAnywhere(actor, "attach_file"),
    /** approval and copyright-clearance tasks */
    approvals: doesAnywhere(actor, "approve_task"),
    place_for_patron: mayPlaceForOthers(actor),
    printouts: can(actor, "printouts.use"),
    outbox: can(actor, "outbox.manage"),
    explain: can(actor, "offers.others"),
    setup:
      can(actor, "fulfillment.manage") ||
      can(actor, "organisation.manage") ||
      can(actor, "letters.manage") ||
      can(actor, "people.manage"),
  };
}

export type StaffScreens = ReturnType<typeof staffScreens>;

/**
 * Which parts of the setup section the actor may change, by the permission each part needs; the
 * setup screens show only these (reading the configuration stays open to all staff).
 */
export function setupAreas(actor: Actor) {
  return {
    /** libraries, printers, the institution */
    organisation: can(actor, "organisation.manage"),
    /** departments, desks, terms of use, fulfillment units, rule tables, approval reasons, the request form */
    fulfillment: can(actor, "fulfillment.manage"),
    /** users, user groups, roles */
    people: can(actor, "people.manage"),
    letters: can(actor, "letters.manage"),
    catalogue: can(actor, "catalogue.manage"),
  };
}
