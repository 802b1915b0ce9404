import type { RoleCode, ScopeType } from "../db/schema.js";

interface RoleDefinition {
  role: RoleCode;
  label: string;
  description: string;
  /** the scope types this role may be granted with (DOMAIN 2) */
  scopeTypes: readonly ScopeType[];
}

/** The role table of DOMAIN 2: the one place that says which role may be granted at which scope. */
export const ROLE_DEFINITIONS: readonly RoleDefinition[] = [
  {
    role: "GENERAL_SYSTEM_ADMINISTRATOR",
    label: "General System Administrator",
    description: "All configuration, user management and role assignment.",
    scopeTypes: ["institution"],
  },
  {
    role: "FULFILLMENT_ADMINISTRATOR",
    label: "Fulfillment Administrator",
    description:
      "Fulfillment configuration: departments, desks, terms of use, fulfillment units and rules, patron limits, delivery rules, digitization and copyright rules, display logic and the request form.",
    scopeTypes: ["institution"],
  },
  {
    role: "LETTER_ADMINISTRATOR",
    label: "Letter Administrator",
    description: "Letters: edit, enable or disable, preview and test-send.",
    scopeTypes: ["institution"],
  },
  {
    role: "FULFILLMENT_SERVICES_MANAGER",
    label: "Fulfillment Services Manager",
    description: "Approve or reject requests and copyright clearance.",
    scopeTypes: ["library", "institution"],
  },
  {
    role: "FULFILLMENT_SERVICES_OPERATOR",
    label: "Fulfillment Services Operator",
    description: "Place requests on behalf of patrons, cancel requests, and manage patron blocks.",
    scopeTypes: ["library", "desk"],
  },
  {
    role: "REQUESTS_OPERATOR",
    label: "Requests Operator",
    description: "Work the pick-from-shelf list; scan items in and out.",
    scopeTypes: ["library"],
  },
  {
    role: "WORK_ORDER_OPERATOR",
    label: "Work Order Operator",
    description: "The department’s or desk’s work: scan in, attach files, mark done, deliver, cancel.",
    scopeTypes: ["department", "desk"],
  },
];

export const ROLE_CODES = ROLE_DEFINITIONS.map((d) => d.role) as [RoleCode, ...RoleCode[]];

export const SCOPE_TYPES: readonly [ScopeType, ...ScopeType[]] = ["institution", "library", "desk", "department"];

export function roleDefinition(role: RoleCode): RoleDefinition {
  const def = ROLE_DEFINITIONS.find((d) => d.role === role);
  if (!def) throw new Error(`Role ${role} is missing from ROLE_DEFINITIONS`);
  return def;
}
