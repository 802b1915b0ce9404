import type { UserRow } from "./users-repository.js";

/** The JSON that users-routes.ts answers. */
export const present = (u: UserRow) => ({
  id: u.id,
  primary_id: u.primary_id,
  first_name: u.first_name,
  last_name: u.last_name,
  email: u.email,
  barcode: u.barcode,
  user_group: u.user_group,
  user_group_name: u.user_group_name,
  preferred_language: u.preferred_language,
  status: u.status,
  expiry_date: u.expiry_date,
  has_password: Number(u.has_password) === 1,
  created_at: u.created_at,
  updated_at: u.updated_at,
});
