import { z } from "zod";
import { codeField } from "../server/schemas.js";
import { userFields } from "./user-fields.js";
import * as uc from "./users.js";

/** The zod schemas of users-routes.ts: what its routes accept and answer. */
export const userSchema = z.object({
  id: z.number(),
  primary_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string().nullable(),
  barcode: z.string().nullable().describe("the library card's barcode"),
  user_group: z.string().nullable().describe("the user group's code"),
  user_group_name: z.string().nullable(),
  preferred_language: z.string().nullable(),
  status: z.enum(["ACTIVE", "INACTIVE"]),
  expiry_date: z.string().nullable(),
  has_password: z.boolean().describe("whether the user can sign in with a password"),
  created_at: z.string(),
  updated_at: z.string(),
});

const fields = {
  ...userFields,
  user_group: codeField.nullable().describe("code of a user group of this institution"),
};

export const createBody = z
  .object({
    ...fields,
    first_name: fields.first_name.default(""),
    email: fields.email.optional(),
    barcode: fields.barcode.optional(),
    user_group: fields.user_group.optional(),
    preferred_language: fields.preferred_language.optional(),
    status: fields.status.optional(),
    expiry_date: fields.expiry_date.optional(),
    password: fields.password.optional(),
  })
  .strict();
export const patchBody = z
  .object({
    ...fields,
    password: fields.password
      .nullable()
      .describe(
        "write-only; null removes the password. Setting or removing it ends the user's sessions, except the caller's own session when changing their own password",
      ),
  })
  .partial()
  .strict();

export const listQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe("part of the primary id, name, email or library card barcode"),
    user_group: codeField.optional().describe("user group code"),
    cursor: z.string().max(1000).optional().describe("next_cursor of the previous page"),
    limit: z.coerce.number().int().min(1).max(uc.MAX_PAGE_SIZE).optional().describe("page size, 1-100; default 50"),
  })
  .strict();
