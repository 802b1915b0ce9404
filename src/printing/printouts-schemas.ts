import { z } from "zod";

/** The zod schemas of printouts-routes.ts: what its routes accept and answer. */
export const statusField = z.enum(["queued", "printed", "dismissed"]);
export const printoutSchema = z.object({
  id: z.number(),
  request_id: z.number(),
  title: z.string().describe("The title of the request's slip"),
  barcode: z.string().nullable().describe("The barcode of the item to pick; null for a title-level request"),
  document: z.string(),
  status: statusField,
  print_count: z.number(),
  printer_id: z.number().nullable(),
  printer_code: z.string().nullable(),
  printer_name: z.string().nullable(),
  emailed_to: z.string().nullable().describe("the printer's address, when it was sent by print-by-email"),
  created_at: z.string(),
  updated_at: z.string(),
});
