import type { ApiKeyRow } from "./api-keys-repository.js";

/** The JSON that api-keys-routes.ts answers. */
export const present = (k: ApiKeyRow) => ({
  id: k.id,
  label: k.label,
  prefix: k.prefix,
  created_at: k.created_at,
  last_used_at: k.last_used_at,
  revoked_at: k.revoked_at,
});
