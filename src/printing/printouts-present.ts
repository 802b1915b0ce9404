import { z } from "zod";
import type { PrintoutListRow } from "./printouts-repository.js";
import { printoutSchema } from "./printouts-schemas.js";

/** The JSON that printouts-routes.ts answers. */
export const present = (p: PrintoutListRow): z.infer<typeof printoutSchema> => ({
  id: p.id,
  request_id: p.request_id,
  title: p.title,
  barcode: p.barcode,
  document: p.document,
  status: p.status,
  print_count: p.print_count,
  printer_id: p.printer_id,
  printer_code: p.printer_code,
  printer_name: p.printer_name,
  emailed_to: p.emailed_to,
  created_at: p.created_at,
  updated_at: p.updated_at,
});
