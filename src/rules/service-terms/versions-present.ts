import * as uc from "./versions.js";

/** The JSON that versions-routes.ts answers. */
export const present = (v: Awaited<ReturnType<typeof uc.listVersions>>[number]) => ({
  id: v.id,
  record_id: v.entity_id,
  action: v.action,
  actor_user_id: v.actor_user_id,
  at: v.at,
  before: v.before === null ? null : (JSON.parse(v.before) as Record<string, unknown>),
  after: v.after === null ? null : (JSON.parse(v.after) as Record<string, unknown>),
});
