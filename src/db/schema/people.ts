import type { Generated } from "kysely";
import type { Bool, Id, Optional, Timestamp } from "./columns.js";

export interface UserGroupsTable {
  id: Id;
  institution_id: number;
  code: string;
  name: string;
  /** 0/1 (011_patron_limit_table): a consortium group that every member holds a locked copy of */
  shared: Generated<Bool>;
  /** in a member, the consortium group this locked copy mirrors (011_patron_limit_table) */
  consortium_group_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Id;
  institution_id: number;
  primary_id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  user_group_id: number | null;
  preferred_language: string | null;
  status: "ACTIVE" | "INACTIVE";
  expiry_date: string | null;
  password_hash: string | null;
  /** the library card's barcode (migration 024), unique in the institution */
  barcode: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserBlocksTable {
  id: Id;
  institution_id: number;
  user_id: number;
  block_type: string;
  note: string | null;
  expires_at: Timestamp | null;
  created_at: Timestamp;
}

export type RoleCode =
  | "GENERAL_SYSTEM_ADMINISTRATOR"
  | "FULFILLMENT_ADMINISTRATOR"
  | "LETTER_ADMINISTRATOR"
  | "FULFILLMENT_SERVICES_MANAGER"
  | "FULFILLMENT_SERVICES_OPERATOR"
  | "REQUESTS_OPERATOR"
  | "WORK_ORDER_OPERATOR";

export type ScopeType = "institution" | "library" | "desk" | "department";

export interface RoleAssignmentsTable {
  id: Id;
  institution_id: number;
  user_id: number;
  role: RoleCode;
  scope_type: ScopeType;
  /** library, desk or department id; null for institution scope */
  scope_id: number | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: Id;
  institution_id: number;
  user_id: number;
  token_hash: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  /** the identity provider the session was opened through (026_sign_on); null for a password */
  identity_provider_id: Optional<number>;
}

/**
 * One failed (or still unsettled) sign-in, counted by the throttle (017_login_failures). Not tied
 * to an institution: the institution code typed may not exist, and an address spans them all.
 */
export interface LoginFailuresTable {
  id: Id;
  /** "account": subject is a hash of the institution code and user id typed; "address": the client address */
  scope: "account" | "address";
  subject: string;
  failed_at: Timestamp;
}

export interface ApiKeysTable {
  id: Id;
  institution_id: number;
  user_id: number;
  label: string;
  prefix: string;
  key_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}
