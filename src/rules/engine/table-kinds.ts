import { z } from "zod";
import { SERVICES, type TableKind } from "./parameters.js";
import { DEFAULT_WORKFLOW, workflowSchema } from "./workflow.js";

/** What each rule table decides (its output) and what a new institution starts with. */

const deliveryOutputSchema = z.object({ allowed: z.boolean() }).strict();
const displayOutputSchema = z.object({ hide: z.array(z.enum(SERVICES)) }).strict();
const fulfillmentOutputSchema = z.object({ terms_of_use: z.string().min(1) }).strict();
/** DOMAIN 5.3: null is no limit, 0 shuts the group out of digitization, N caps active requests. */
const patronLimitOutputSchema = z
  .object({
    max_digitization_requests: z
      .number()
      .int("must be a whole number")
      .min(0, "must be 0 or more (0: cannot request digitization; null: no limit)")
      .nullable(),
  })
  .strict();

export const outputSchemaByKind: Record<TableKind, z.ZodType> = {
  digitization: workflowSchema,
  delivery: deliveryOutputSchema,
  display_logic: displayOutputSchema,
  fulfillment_unit: fulfillmentOutputSchema,
  patron_limits: patronLimitOutputSchema,
};

/** Delivery defaults to false (DOMAIN 5.4); display logic hides nothing; a group with no row has no limit. */
export const initialDefaultOutput: Record<Exclude<TableKind, "fulfillment_unit">, unknown> = {
  digitization: DEFAULT_WORKFLOW,
  delivery: { allowed: false },
  display_logic: { hide: [] },
  patron_limits: { max_digitization_requests: null },
};

export const tableTitle: Record<TableKind, string> = {
  digitization: "Digitization and copyright rules",
  delivery: "Electronic document delivery rules",
  display_logic: "Display logic rules",
  fulfillment_unit: "Fulfillment unit request rules",
  patron_limits: "Patron limits",
};
