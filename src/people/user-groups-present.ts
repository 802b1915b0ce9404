import { describeLimit } from "../rules/tables/patron-limits.js";
import * as uc from "./user-groups.js";

/** The JSON that user-groups-routes.ts answers. */
export const present = (g: uc.UserGroupView) => ({
  id: g.id,
  code: g.code,
  name: g.name,
  max_digitization_requests: g.max_digitization_requests,
  limit_description: describeLimit(g.max_digitization_requests),
  limit_rule: g.limit_rule,
  shared: g.shared === 1,
  locked: g.consortium_group_id !== null,
  consortium: g.consortium,
  created_at: g.created_at,
  updated_at: g.updated_at,
});
