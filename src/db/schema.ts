import type {
  InstitutionsTable,
  LibrariesTable,
  LocationsTable,
  CirculationDesksTable,
  PrintersTable,
  DepartmentsTable,
  DepartmentServedLibrariesTable,
} from "./schema/organisation.js";
import type {
  UserGroupsTable,
  UsersTable,
  UserBlocksTable,
  RoleAssignmentsTable,
  SessionsTable,
  ApiKeysTable,
  LoginFailuresTable,
} from "./schema/people.js";
import type { BibsTable, HoldingsTable, ItemsTable } from "./schema/catalogue.js";
import type { SamlMessageIdsTable, SamlSpKeysTable } from "./schema/saml.js";
import type {
  RuleTablesTable,
  RuleVersionsTable,
  ServiceTermsVersionsTable,
  RulesTable,
  TermsOfUseTable,
  FulfillmentUnitsTable,
  FulfillmentUnitLocationsTable,
  ApprovalReasonsTable,
} from "./schema/rules.js";
import type { RequestFormConfigsTable } from "./schema/request-form.js";
import type { RequestsTable, RequestTasksTable, RequestFilesTable, RequestEventsTable } from "./schema/requests.js";
import type {
  OutboxTable,
  LetterSettingsTable,
  LetterTemplatesTable,
  LetterSendsTable,
  DeliveryLinksTable,
  PrintoutsTable,
} from "./schema/delivery.js";
import type { MarcImportsTable } from "./schema/marc-imports.js";
import type { IdentityProvidersTable, SignOnStatesTable, SignOnEventsTable } from "./schema/sign-on.js";

/*
 * One schema for both dialects (column conventions in schema/columns.ts). Every table carries
 * institution_id so that no query can cross tenants by accident. The tables are declared by area
 * in schema/; this file assembles them into the Database type Kysely checks queries against.
 */

export * from "./schema/organisation.js";
export * from "./schema/people.js";
export * from "./schema/catalogue.js";
export * from "./schema/rules.js";
export * from "./schema/requests.js";
export * from "./schema/delivery.js";
export * from "./schema/marc-imports.js";
export * from "./schema/sign-on.js";
export * from "./schema/saml.js";

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
  login_failures: LoginFailuresTable;
  saml_message_ids: SamlMessageIdsTable;
  saml_sp_keys: SamlSpKeysTable;
  bibs: BibsTable;
  holdings: HoldingsTable;
  items: ItemsTable;
  rule_tables: RuleTablesTable;
  rules: RulesTable;
  rule_versions: RuleVersionsTable;
  policy_versions: ServiceTermsVersionsTable;
  terms_of_use: TermsOfUseTable;
  fulfillment_units: FulfillmentUnitsTable;
  fulfillment_unit_locations: FulfillmentUnitLocationsTable;
  approval_reasons: ApprovalReasonsTable;
  request_form_configs: RequestFormConfigsTable;
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
  identity_providers: IdentityProvidersTable;
  sign_on_states: SignOnStatesTable;
  sign_on_events: SignOnEventsTable;
}
