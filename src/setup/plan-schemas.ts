import { z } from "zod";
import { MATERIAL_TYPES } from "../shared/material-types.js";
import { codeField, nameField } from "../server/schemas.js";

/**
 * The setup guide's seven planning questions (step 1), answered at once. The answers name the
 * libraries, places, user groups and staff by code; what exists is kept, what does not is made.
 */
const days = z.number().int("must be a whole number").min(1, "must be at least 1").max(365, "must be at most 365");

export const planBody = z
  .object({
    dry_run: z
      .boolean()
      .default(false)
      .describe("true: answer the proposal (every change the plan would make) and write nothing"),
    place: z
      .enum(["institution_department", "library_departments", "desks"])
      .describe(
        "question 1, where the scanning is done: the institution's department (DIGI_DEPT_INST) for every library, " +
          "a department of each library, or a circulation desk of each library",
      ),
    work_time_days: days.describe("days after which an unfilled request at the place expires"),
    libraries: z
      .array(
        z
          .object({
            code: codeField,
            name: nameField,
            desk: z
              .object({ code: codeField, name: nameField })
              .strict()
              .nullable()
              .default(null)
              .describe("place `desks`: the library's desk that scans (made when its code is new)"),
          })
          .strict(),
      )
      .min(1, "name at least one library")
      .max(50)
      .describe("every library whose items patrons may ask for (question 5); new codes are created"),
    printer: z
      .object({
        code: codeField,
        name: nameField,
        email: z.email("must be a valid email address").max(254).nullable().default(null),
      })
      .strict()
      .nullable()
      .default(null)
      .describe("where the departments print pick slips: by email, or (no email) the on-screen printout queue"),
    approval_required: z.boolean().describe("question 2: staff approve each request"),
    copyright_clearance_required: z.boolean().describe("question 3: staff clear copyright for each request"),
    approval_mode: z.enum(["parallel", "blocks", "automatic"]).nullable().default(null),
    approval_reason: z.string().max(50).nullable().default(null).describe("approval_mode automatic: the reason's code"),
    delivery: z.enum(["attachment", "link"]).describe("how patrons get the file"),
    max_views: z.number().int().min(1).max(1000).nullable().default(null),
    link_expiry_days: days.nullable().default(null),
    user_groups: z
      .array(
        z
          .object({
            code: codeField,
            name: nameField,
            may_request: z.boolean().describe("question 4"),
            max_requests: z
              .number()
              .int("must be a whole number")
              .min(1, "must be at least 1")
              .max(1000)
              .nullable()
              .default(null)
              .describe("question 6: active requests at once; null: no limit"),
          })
          .strict(),
      )
      .min(1, "name at least one user group")
      .max(50),
    excluded_material_types: z
      .array(z.enum(MATERIAL_TYPES))
      .max(MATERIAL_TYPES.length)
      .default([])
      .describe("question 5: material types patrons may not ask copies of"),
    staff: z
      .array(
        z
          .object({
            user_id: z.number().int().positive(),
            scans: z.boolean().describe("Work Order Operator at every place the plan uses"),
            approves: z.boolean().describe("Fulfillment Services Manager for the institution"),
            requests_for_patrons: z.boolean().describe("Fulfillment Services Operator at every library"),
            picks: z.boolean().describe("Requests Operator at every library"),
          })
          .strict(),
      )
      .max(100)
      .describe("question 7: who does which part of the work"),
  })
  .strict();

const change = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.object({ kind: z.literal(kind), action: z.enum(["create", "update", "keep"]), ...shape });

export const planChangeSchema = z.discriminatedUnion("kind", [
  change("library", { code: z.string(), name: z.string() }),
  change("printer", { code: z.string(), name: z.string(), email: z.string().nullable() }),
  change("department", {
    code: z.string(),
    name: z.string(),
    work_time_days: z.number(),
    printer: z.string().nullable(),
    serves: z.array(z.string()).describe("library codes; empty: the whole institution"),
  }),
  change("desk", { code: z.string(), name: z.string(), library: z.string(), work_time_days: z.number() }),
  change("user_group", { code: z.string(), name: z.string(), max_requests: z.number().nullable() }),
  change("delivery_rule", { groups: z.array(z.string()) }),
  change("display_rule", { material_types: z.array(z.string()) }),
  change("digitization_default", {
    target: z.enum(["attachment", "link"]),
    approval_required: z.boolean(),
    copyright_clearance_required: z.boolean(),
    approval_mode: z.enum(["parallel", "blocks", "automatic"]).nullable(),
    approval_reason: z.string().nullable(),
    max_views: z.number().nullable(),
    link_expiry_days: z.number().nullable(),
  }),
  change("letter", { code: z.string() }),
  change("role", {
    user: z.string().describe("primary id"),
    user_name: z.string(),
    role: z.string(),
    scope_type: z.enum(["institution", "library", "department", "desk"]),
    scope: z.string().nullable().describe("the code of the library, department or desk"),
  }),
]);

export const planAnswerSchema = z.object({
  dry_run: z.boolean(),
  changes: z.array(planChangeSchema).describe("in the order they are (or would be) made"),
});
