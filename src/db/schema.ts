import type { ColumnType, Generated } from "kysely";

/*
 * One schema for both dialects. Conventions that keep SQLite and PostgreSQL alike:
 * ids are integers (PostgreSQL bigint parsed to number), booleans are 0/1 integers,
 * JSON is stored as text, timestamps are ISO-8601 UTC strings (timestamptz on PostgreSQL).
 * Every table carries institution_id so that no query can cross tenants by accident.
 */

type Id = Generated<number>;
type Bool = number;
type Timestamp = string;
type Json = string;
/** A column added after the first release: optional on insert, so older writers need not name it. */
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface InstitutionsTable {
  id: Id;
  code: string;
  name: string;
  time_zone: string;
  default_language: string;
  /** the consortium institution whose rules this member inherits (DOMAIN 5.8) */
  consortium_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LibrariesTable {
  id: Id;
  institution_id: number;
  code: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LocationsTable {
  id: Id;
  institution_id: number;
  library_id: number;
  code: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CirculationDesksTable {
  id: Id;
  institution_id: number;
  library_id: number;
  code: string;
  name: string;
  supports_digitization: Bool;
  work_time_days: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PrintersTable {
  id: Id;
  institution_id: number;
  code: string;
  name: string;
  description: string | null;
  email: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DepartmentsTable {
  id: Id;
  institution_id: number;
  code: string;
  name: string;
  description: string | null;
  work_time_days: number;
  map_url: string | null;
  default_printer_id: number | null;
  owner_level: "institution" | "library";
  owner_library_id: number | null;
  serves_all_libraries: Bool;
  contact_info: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DepartmentServedLibrariesTable {
  institution_id: number;
  department_id: number;
  library_id: number;
}

export interface UserGroupsTable {
  id: Id;
  institution_id: number;
  code: string;
  name: string;
  max_digitization_requests: number | null;
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

export interface BibsTable {
  id: Id;
  institution_id: number;
  title: string;
  author: string | null;
  publisher: string | null;
  publication_date: string | null;
  publication_year: number | null;
  edition: string | null;
  isbn: string | null;
  issn: string | null;
  language: string | null;
  material_type: string;
  extent: string | null;
  page_count: number | null;
  identifiers: Json;
  /** 245 $c (008_marc_import) */
  statement_of_responsibility: Optional<string>;
  /** subject headings (6XX), one per line, for search (indexed by 009_catalogue_search); written by the MARC importer */
  subjects: Optional<string>;
  /** the imported MARC record as MARC-in-JSON */
  marc: Optional<Json>;
  /** what a re-import matches on (see recordKey in catalogue/marc/extract-fields.ts) */
  record_key: Optional<string>;
  /** the 001 as imported, which MFHD holdings records point to from their 004 */
  control_number: Optional<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HoldingsTable {
  id: Id;
  institution_id: number;
  bib_id: number;
  library_id: number;
  location_id: number;
  call_number: string | null;
  summary_holdings: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ProcessStatus = "IN_PLACE" | "ON_LOAN" | "MISSING" | "IN_TRANSIT" | "IN_DIGITIZATION";

export interface ItemsTable {
  id: Id;
  institution_id: number;
  bib_id: number;
  holding_id: number;
  library_id: number;
  location_id: number;
  barcode: string;
  item_policy: string | null;
  material_type: string | null;
  description: string | null;
  page_count: number | null;
  process_status: ProcessStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
}

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

export type RequestState =
  | "NEW"
  | "AWAITING_APPROVAL"
  | "PICK_FROM_SHELF"
  | "IN_TRANSIT"
  | "IN_DIGITIZATION"
  | "DIGITIZED"
  | "DELIVERED"
  | "COMPLETED"
  | "CANCELLED"
  | "REJECTED"
  | "EXPIRED";

export interface RequestsTable {
  id: Id;
  institution_id: number;
  request_type: "DIGITIZATION";
  request_sub_type: "PATRON_DIGITIZATION" | "GENERAL_DIGITIZATION" | "STAFF_DIGITIZATION";
  state: RequestState;
  /** 1 while the request is open; counted by the patron limit */
  is_active: Bool;
  user_id: number;
  placed_by_user_id: number;
  request_source: "patron" | "staff" | "api" | "openurl";
  bib_id: number;
  item_id: number | null;
  library_id: number;
  department_id: number | null;
  desk_id: number | null;
  form: Json;
  workflow: Json;
  workflow_rule_id: number | null;
  request_date: Timestamp;
  due_at: Timestamp;
  closed_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface RequestTasksTable {
  id: Id;
  institution_id: number;
  request_id: number;
  kind: "approval" | "copyright";
  status: "pending" | "approved" | "rejected";
  reason: string | null;
  note: string | null;
  details: Json;
  decided_by_user_id: number | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
}

export interface RequestFilesTable {
  id: Id;
  institution_id: number;
  request_id: number;
  storage_key: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  /** pages of a PDF; null for images and PDFs that could not be counted */
  page_count: number | null;
  active: Bool;
  uploaded_by_user_id: number;
  created_at: Timestamp;
  deleted_at: Timestamp | null;
}

export interface RequestEventsTable {
  id: Id;
  institution_id: number;
  request_id: number;
  at: Timestamp;
  actor_user_id: number | null;
  action: string;
  from_state: RequestState | null;
  to_state: RequestState | null;
  reason: string | null;
  note: string | null;
  data: Json;
}

export type OutboxStatus = "pending" | "processing" | "done" | "failed";

export interface OutboxTable {
  id: Id;
  institution_id: number;
  kind: "letter" | "print";
  topic: string;
  request_id: number | null;
  payload: Json;
  /** "processing": claimed by a worker; next_attempt_at then holds the end of its lease */
  status: OutboxStatus;
  /** tries started so far, counted when a worker claims the row */
  attempts: number;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  processed_at: Timestamp | null;
}

export interface LetterSettingsTable {
  institution_id: number;
  code: string;
  enabled: Bool;
  updated_at: Timestamp;
}

export interface LetterTemplatesTable {
  institution_id: number;
  code: string;
  language: string;
  subject: string;
  body_html: string;
  body_text: string;
  updated_at: Timestamp;
}

export interface LetterSendsTable {
  id: Id;
  institution_id: number;
  /** one row per outbox letter: its tries share this row and its Message-ID */
  outbox_id: number;
  request_id: number | null;
  letter_code: string;
  message_id: string;
  recipient: string | null;
  /** sending: handed to the transport, outcome unknown (a crash); unsent: the last try failed; sent: accepted; suppressed: letter disabled */
  status: "sending" | "unsent" | "sent" | "suppressed";
  tries: number;
  transport: "smtp" | "eml" | null;
  eml_name: string | null;
  first_try_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface DeliveryLinksTable {
  id: Id;
  institution_id: number;
  request_id: number;
  file_id: number;
  /** the letter that carries this link; its token is derived from the link id, so a resend can rebuild it */
  outbox_id: number | null;
  /** sha256 of the token; the token itself is never stored */
  token_hash: string;
  max_views: number;
  views: number;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  created_at: Timestamp;
}

export interface PrintoutsTable {
  id: Id;
  institution_id: number;
  /** the print job it came from: one printout per job, however often the worker tries */
  outbox_id: number;
  request_id: number;
  /** the default printer of the handling place; null when the place has none (queue only) */
  printer_id: number | null;
  document: "resource_request_slip";
  status: "queued" | "printed" | "dismissed";
  print_count: number;
  /** the printer's address when it was sent by print-by-email */
  emailed_to: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type MarcImportStatus = "QUEUED" | "RUNNING" | "DONE" | "FAILED";

/** A MARC import started from the API and run by the worker (008_marc_import). */
export interface MarcImportsTable {
  id: Id;
  institution_id: number;
  requested_by_user_id: number | null;
  status: MarcImportStatus;
  profile: string;
  dry_run: Bool;
  create_missing: Bool;
  /** [{ name, storage_key }] */
  files: Json;
  records_total: number;
  records_done: number;
  /** the ImportReport once finished */
  report: Json | null;
  error: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface Database {
  institutions: InstitutionsTable;
  libraries: LibrariesTable;
  locations: LocationsTable;
  circulation_desks: CirculationDesksTable;
  printers: PrintersTable;
  departments: DepartmentsTable;
  department_served_libraries: DepartmentServedLibrariesTable;
  user_groups: UserGroupsTable;
  users: UsersTable;
  user_blocks: UserBlocksTable;
  role_assignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  bibs: BibsTable;
  holdings: HoldingsTable;
  items: ItemsTable;
  rule_tables: RuleTablesTable;
  rules: RulesTable;
  rule_versions: RuleVersionsTable;
  terms_of_use: TermsOfUseTable;
  fulfillment_units: FulfillmentUnitsTable;
  fulfillment_unit_locations: FulfillmentUnitLocationsTable;
  requests: RequestsTable;
  request_tasks: RequestTasksTable;
  request_files: RequestFilesTable;
  request_events: RequestEventsTable;
  outbox: OutboxTable;
  letter_settings: LetterSettingsTable;
  letter_templates: LetterTemplatesTable;
  letter_sends: LetterSendsTable;
  delivery_links: DeliveryLinksTable;
  printouts: PrintoutsTable;
  marc_imports: MarcImportsTable;
}
