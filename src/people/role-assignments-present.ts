import type { AssignmentRow } from "./role-assignments-repository.js";
import { roleDefinition } from "./role-definitions.js";

/** The JSON that role-assignments-routes.ts answers. */
export const present = (a: AssignmentRow) => ({
  id: a.id,
  user_id: a.user_id,
  role: a.role,
  role_label: roleDefinition(a.role).label,
  scope_type: a.scope_type,
  scope_id: a.scope_id,
  scope_code: a.scope_code,
  scope_name: a.scope_name,
  created_at: a.created_at,
});

/** An assignment in the institution's overview, with the user who holds it. */
export const presentWithHolder = (
  a: AssignmentRow & { primary_id: string; first_name: string; last_name: string; status: "ACTIVE" | "INACTIVE" },
) => ({
  ...present(a),
  user: { id: a.user_id, primary_id: a.primary_id, first_name: a.first_name, last_name: a.last_name, status: a.status },
});
