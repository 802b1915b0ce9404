import { z } from "zod";
import { deskSchema } from "./desks-schemas.js";

/** The JSON that desks-routes.ts answers. */
export interface DeskRow {
  id: number;
  library_id: number;
  code: string;
  name: string;
  supports_digitization: number;
  work_time_days: number | null;
  created_at: string;
  updated_at: string;
}
export const presentDesk = (d: DeskRow): z.infer<typeof deskSchema> => ({
  id: d.id,
  library_id: d.library_id,
  code: d.code,
  name: d.name,
  digitization: { supports_digitization: d.supports_digitization === 1, work_time_days: d.work_time_days },
  created_at: d.created_at,
  updated_at: d.updated_at,
});
