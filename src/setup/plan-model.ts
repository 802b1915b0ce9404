import type { MaterialType } from "../shared/material-types.js";

/** The planning answers (setup step 1) as the use case reads them; plan-schemas.ts checks their shape. */
export interface PlanInput {
  dry_run: boolean;
  place: "institution_department" | "library_departments" | "desks";
  work_time_days: number;
  libraries: { code: string; name: string; desk: { code: string; name: string } | null }[];
  printer: { code: string; name: string; email: string | null } | null;
  approval_required: boolean;
  copyright_clearance_required: boolean;
  approval_mode: "parallel" | "blocks" | "automatic" | null;
  approval_reason: string | null;
  delivery: "attachment" | "link";
  max_views: number | null;
  link_expiry_days: number | null;
  user_groups: { code: string; name: string; may_request: boolean; max_requests: number | null }[];
  excluded_material_types: MaterialType[];
  staff: { user_id: number; scans: boolean; approves: boolean; requests_for_patrons: boolean; picks: boolean }[];
}

type Action = "create" | "update" | "keep";
type Scope = "institution" | "library" | "department" | "desk";

/** One thing the plan makes, changes or finds already right, in the order it does so. */
export type PlanChange = { action: Action } & (
  | { kind: "library"; code: string; name: string }
  | { kind: "printer"; code: string; name: string; email: string | null }
  | {
      kind: "department";
      code: string;
      name: string;
      work_time_days: number;
      printer: string | null;
      /** library codes; empty: the whole institution */
      serves: string[];
    }
  | { kind: "desk"; code: string; name: string; library: string; work_time_days: number }
  | { kind: "user_group"; code: string; name: string; max_requests: number | null }
  | { kind: "delivery_rule"; groups: string[] }
  | { kind: "display_rule"; material_types: string[] }
  | {
      kind: "digitization_default";
      target: "attachment" | "link";
      approval_required: boolean;
      copyright_clearance_required: boolean;
      approval_mode: "parallel" | "blocks" | "automatic" | null;
      approval_reason: string | null;
      max_views: number | null;
      link_expiry_days: number | null;
    }
  | { kind: "letter"; code: string }
  | { kind: "role"; user: string; user_name: string; role: string; scope_type: Scope; scope: string | null }
);

/** The rules the plan writes are found again by name, so planning twice updates them instead of adding more. */
export const PLANNED_DELIVERY_RULE = "Planned: the user groups that may request receive files";
export const PLANNED_DISPLAY_RULE = "Planned: material types not offered for digitization";
