import { z } from "zod";
import { idParam } from "../server/schemas.js";
import { ROLE_CODES, SCOPE_TYPES } from "./role-definitions.js";

/** The zod schemas of role-assignments-routes.ts: what its routes accept and answer. */
export const roleDefinitionSchema = z.object({
  role: z.enum(ROLE_CODES),
  label: z.string(),
  description: z.string(),
  scope_types: z.array(z.enum(SCOPE_TYPES)),
});

export const assignmentSchema = z.object({
  id: z.number(),
  user_id: z.number(),
  role: z.enum(ROLE_CODES),
  role_label: z.string(),
  scope_type: z.enum(SCOPE_TYPES),
  scope_id: z.number().nullable(),
  scope_code: z.string().nullable(),
  scope_name: z.string().nullable(),
  created_at: z.string(),
});

export const grantBody = z
  .object({
    role: z.enum(ROLE_CODES),
    scope_type: z.enum(SCOPE_TYPES),
    scope_id: z
      .number()
      .int()
      .positive()
      .nullable()
      .optional()
      .describe("library, desk or department id; leave out for institution scope"),
  })
  .strict();

export const assignmentParams = idParam.extend({ assignment_id: z.coerce.number().int().positive() });

export const institutionAssignmentsQuery = z
  .object({
    role: z.enum(ROLE_CODES).optional(),
    scope_type: z.enum(SCOPE_TYPES).optional(),
    scope_id: z.coerce.number().int().positive().optional().describe("library, desk or department id"),
    limit: z.coerce.number().int().min(1).max(2000).default(1000),
  })
  .strict();

export const institutionAssignmentSchema = assignmentSchema.extend({
  user: z.object({
    id: z.number(),
    primary_id: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    status: z.enum(["ACTIVE", "INACTIVE"]),
  }),
});
