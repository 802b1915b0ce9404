import type { Generated } from "kysely";
import type { Id, Bool, Timestamp, Json } from "./columns.js";

export interface RuleTablesTable {
  id: Id;
  institution_id: number;
  kind: string;
  default_output: Json;
  /** moves with every change, so the engine recompiles a table only when it changed */
  revision: Generated<number>;
  updated_at: Timestamp;
}

export interface RuleVersionsTable {
  id: Id;
  institution_id: number;
  rule_table_id: number;
  /** null for a change of the table itself (default output, order) */
  rule_id: number | null;
  action: "created" | "updated" | "enabled" | "disabled" | "deleted" | "reordered" | "default_updated";
  actor_user_id: number | null;
  at: Timestamp;
  before: Json | null;
  after: Json | null;
}

export interface RulesTable {
  id: Id;
  institution_id: number;
  rule_table_id: number;
  position: number;
  name: string;
  description: string | null;
  enabled: Bool;
  locked: Bool;
  conditions: Json;
  output: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TermsOfUseTable {
  id: Id;
  institution_id: number;
  code: string;
  name: string;
  is_digitizable: Bool;
  /** decimal string, e.g. "5.00" */
  fee_amount: string | null;
  fee_currency: string | null;
  max_pages_per_request: number | null;
  /** may an item under these terms be requested as a hold: display logic's hold_requestable (012; defaults to 1) */
  is_requestable: Generated<Bool>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FulfillmentUnitsTable {
  id: Id;
  institution_id: number;
  code: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FulfillmentUnitLocationsTable {
  institution_id: number;
  fulfillment_unit_id: number;
  location_id: number;
}

/**
 * The history of terms of use, fulfillment units and approval reasons (the service terms). The
 * table keeps the name migration 015 gave it, `policy_versions`; "policy" in code means authorization.
 */
export interface ServiceTermsVersionsTable {
  id: Id;
  institution_id: number;
  entity: "terms_of_use" | "fulfillment_unit" | "approval_reason" | "request_form";
  entity_id: number;
  action: "created" | "updated" | "deleted";
  actor_user_id: number | null;
  at: Timestamp;
  before: Json | null;
  after: Json | null;
}

/** The configurable list an automatic approval names its reason from (DOMAIN 5.5). */
export interface ApprovalReasonsTable {
  id: Id;
  institution_id: number;
  /** what rules store in output.approval_reason */
  code: string;
  label: string;
  description: string | null;
  /** an inactive reason stays valid where it is used but cannot be newly chosen */
  active: Bool;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}
