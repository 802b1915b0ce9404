import type { Id, Bool, Timestamp, Json } from "./columns.js";

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

export type RequestSource = "patron" | "staff" | "api" | "openurl" | "course";

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
  request_source: RequestSource;
  bib_id: number;
  item_id: number | null;
  library_id: number;
  department_id: number | null;
  desk_id: number | null;
  form: Json;
  workflow: Json;
  workflow_rule_id: number | null;
  /** set only on course-reserve requests (request_source "course") */
  course_code: string | null;
  course_name: string | null;
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
