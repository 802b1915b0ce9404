import type { Generated } from "kysely";
import type { Id, Bool, Timestamp, Json, Optional } from "./columns.js";

export interface InstitutionsTable {
  id: Id;
  code: string;
  name: string;
  time_zone: string;
  default_language: string;
  /** the consortium institution whose rules this member inherits (DOMAIN 5.8) */
  consortium_id: Optional<number>;
  /** 0/1 (026_sign_on): patrons may sign in with a password; staff always may */
  patron_local_passwords: Generated<Bool>;
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
