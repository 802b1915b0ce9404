import { z } from "zod";
import { printerSchema } from "./printers-schemas.js";

/** The JSON that printers-routes.ts answers. */
export interface PrinterRow {
  id: number;
  code: string;
  name: string;
  description: string | null;
  email: string | null;
  created_at: string;
  updated_at: string;
}
export const presentPrinter = (p: PrinterRow): z.infer<typeof printerSchema> => ({
  id: p.id,
  code: p.code,
  name: p.name,
  description: p.description,
  email: p.email,
  print_method: p.email ? "email" : "queue",
  created_at: p.created_at,
  updated_at: p.updated_at,
});
