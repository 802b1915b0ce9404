import type { Generated } from "kysely";
import type { Id, Bool, Timestamp, Json } from "./columns.js";

/** An institution's request form configuration (DOMAIN 5.6; migration 021). */
export interface RequestFormConfigsTable {
  id: Id;
  institution_id: number;
  /** the configuration as JSON: fields, checkboxes, copyright_notice */
  config: Json;
  /** a consortium's form that its members read instead of their own, and cannot change */
  applies_to_members: Bool;
  updated_at: Timestamp;
  /** moves with every change, so a copy of the form held in memory knows it is stale */
  revision: Generated<number>;
}
