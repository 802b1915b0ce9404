import { z } from "zod";
import { SERVICES, type TableKind } from "./parameters.js";
import { DEFAULT_WORKFLOW, workflowSchema } from "./workflow.js";

/** What each rule table decides (its output) and what a new institution starts with. */

export const deliveryOutputSchema = z.object({ allowed: z.boolean() }).strict();
export const displayOutputSchema = z.object({ hide: z.array(z.enum(SERVICES)) }).strict();
export const fulfillmentOutputSchema = z.object({ terms_of_use: z.string().min(1) }).strict();

export const outputSchemaByKind: Record<TableKind, z.ZodType> = {
  digitization: workflowSchema,
  delivery: deliveryOutputSchema,
  display_logic: displayOutputSchema,
  fulfillment_unit: fulfillmentOutputSchema,
};

/** Delivery defaults to false (DOMAIN 5.4); display logic hides nothing by default. */
export const initialDefaultOutput: Record<Exclude<TableKind, "fulfillment_unit">, unknown> = {
  digitization: DEFAULT_WORKFLOW,
  delivery: { allowed: false },
  display_logic: { hide: [] },
};

export const tableTitle: Record<TableKind, string> = {
  digitization: "Digitization and copyright rules",
  delivery: "Electronic document delivery rules",
  display_logic: "Display logic rules",
  fulfillment_unit: "Fulfillment unit request rules",
};
