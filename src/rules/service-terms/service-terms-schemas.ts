import { z } from "zod";
import { codeField, nameField } from "../../server/schemas.js";

/** The zod schemas of service-terms-routes.ts: what its routes accept and answer. */

const feeSchema = z
  .object({
    amount: z.string().regex(/^\d{1,7}(\.\d{1,2})?$/, "must be an amount such as 5 or 5.00"),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD"),
  })
  .strict();
// The reference platform's Request terms of use carry both: requestable (as a hold) and digitizable.
const requestableField = z
  .boolean()
  .describe("may an item be requested as a hold; display logic rules test it as hold_requestable");
export const termsBody = z
  .object({
    code: codeField,
    name: nameField,
    is_digitizable: z.boolean(),
    is_requestable: requestableField.default(true),
    digitization_fee: feeSchema.nullable().default(null),
    max_pages_per_request: z.number().int().min(1, "must be at least 1").nullable().default(null),
  })
  .strict();
export const termsPatch = z
  .object({
    code: codeField,
    name: nameField,
    is_digitizable: z.boolean(),
    is_requestable: requestableField,
    digitization_fee: feeSchema.nullable(),
    max_pages_per_request: z.number().int().min(1, "must be at least 1").nullable(),
  })
  .partial()
  .strict();
export const termsSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  is_digitizable: z.boolean(),
  is_requestable: requestableField,
  digitization_fee: z.object({ amount: z.string(), currency: z.string() }).nullable(),
  max_pages_per_request: z.number().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export const unitBody = z
  .object({
    code: codeField,
    name: nameField,
    location_ids: z.array(z.number().int().positive()).max(1000),
    default_terms_of_use: codeField,
  })
  .strict();
export const unitSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  locations: z.array(z.object({ id: z.number(), code: z.string(), library_code: z.string() })),
  default_terms_of_use: z.string().nullable(),
  rule_table: z.string().describe("the name of this unit's Request rule table under /api/v1/rule-tables"),
  created_at: z.string(),
  updated_at: z.string(),
});
