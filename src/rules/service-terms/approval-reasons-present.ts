import type { ReasonRow } from "./approval-reasons-repository.js";

/** The JSON that approval-reasons-routes.ts answers. */
export const present = (r: ReasonRow) => ({
  id: r.id,
  code: r.code,
  label: r.label,
  description: r.description,
  active: r.active === 1,
  position: r.position,
  created_at: r.created_at,
  updated_at: r.updated_at,
});
