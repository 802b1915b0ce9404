import { z } from "zod";
import { codeField, idParam, nameField, optionalText } from "../server/schemas.js";
import { emailField, workTimeDays } from "./fields.js";

/** The zod schemas of departments-routes.ts: what its routes accept and answer. */
const libraryRef = z.object({ id: z.number(), code: z.string(), name: z.string() });
export const operatorSchema = z.object({
  user_id: z.number(),
  primary_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string().nullable(),
});
const addressSchema = z.object({
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  postal_code: z.string().nullable(),
  country: z.string().nullable(),
});
const contactInfoSchema = z.object({
  addresses: z.array(addressSchema),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
});
export const departmentSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  work_time_days: z.number(),
  map_url: z.string().nullable(),
  default_printer: z.string().nullable().describe("code of the printer all of the department's printing goes to"),
  owner_level: z.enum(["institution", "library"]),
  owner_library_id: z.number().nullable(),
  served_libraries: z
    .object({ all: z.boolean(), libraries: z.array(libraryRef) })
    .describe("all: serves the whole institution; libraries: every library it serves"),
  contact_info: contactInfoSchema,
  operators: z.array(operatorSchema),
  created_at: z.string(),
  updated_at: z.string(),
});

const optionalLine = (max: number) =>
  z.string().trim().max(max, `must be at most ${max} characters`).nullable().default(null);
const contactInfoBody = z
  .object({
    addresses: z
      .array(
        z
          .object({
            line1: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
            line2: optionalLine(200),
            city: optionalLine(100),
            postal_code: optionalLine(20),
            country: optionalLine(100),
          })
          .strict(),
      )
      .max(20, "at most 20 addresses")
      .default([]),
    phones: z
      .array(z.string().trim().min(1, "must not be empty").max(50, "must be at most 50 characters"))
      .max(20, "at most 20 phone numbers")
      .default([]),
    emails: z.array(emailField).max(20, "at most 20 email addresses").default([]),
  })
  .strict();
const servedLibrariesBody = z
  .union([z.object({ all: z.literal(true) }).strict(), z.array(z.number().int().positive()).min(1).max(1000)], {
    error: 'must be { "all": true } or a non-empty list of library ids',
  })
  .describe(
    'Institution-level departments: { "all": true } or a list of library ids. A library-level department serves its own library; omit it.',
  );
const departmentFields = {
  code: codeField,
  name: nameField,
  description: optionalText(),
  work_time_days: workTimeDays.describe("unfilled requests handled here expire after this many days"),
  map_url: z
    .url({ protocol: /^https?$/, error: "must be an http or https URL" })
    .max(2000, "must be at most 2000 characters")
    .nullable()
    .optional(),
  default_printer: codeField.nullable().optional().describe("a printer code of this institution, or null"),
  owner_level: z.enum(["institution", "library"]),
  owner_library_id: z
    .number()
    .int()
    .positive()
    .nullable()
    .optional()
    .describe("required for a library-level department, not allowed for an institution-level one"),
  served_libraries: servedLibrariesBody.optional(),
  contact_info: contactInfoBody.optional(),
};
export const departmentBody = z.object(departmentFields).strict();
export const departmentChanges = z.object(departmentFields).partial().strict();
export const listQuery = z.object({
  library_id: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe("the library's list: its own departments and the institution-level ones serving it"),
});
export const operatorParams = idParam.extend({ user_id: z.coerce.number().int().positive() });
