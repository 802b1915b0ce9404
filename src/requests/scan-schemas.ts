import { z } from "zod";
import { ALL_STATES } from "./state-machine.js";

/** The zod schemas of scan-routes.ts: what the scan station sends and is answered. */

const stateEnum = z.enum(ALL_STATES as [string, ...string[]]);

export const scanBody = z
  .object({
    barcode: z
      .string()
      .trim()
      .min(1, "is required: scan or type the item's barcode")
      .max(100, "must be at most 100 characters")
      .describe("The item's barcode, as the scanner reads it"),
    place: z
      .object({
        kind: z.enum(["department", "desk"]).describe("A digitization department or a circulation desk"),
        code: z.string().trim().min(1).max(50).optional().describe("The place's code, e.g. DIGI_DEPT_INST"),
        id: z.coerce.number().int().positive().optional().describe("Or the place's id (the workspace's places)"),
      })
      .strict()
      .refine((p) => p.code !== undefined || p.id !== undefined, {
        message: "needs the place's code or its id",
      })
      .describe("The place the scan station works for: the request handled there gets the next step"),
  })
  .strict();

const placeSchema = z.object({ kind: z.enum(["department", "desk"]), code: z.string(), name: z.string() });

export const scanResultSchema = z.object({
  step: z
    .enum(["pick", "scan_in"])
    .describe("What was done: picked from the shelf, or (on arrival at the place) scanned in"),
  message: z.string().describe("What was done, in words"),
  request: z.object({
    request_id: z.string(),
    title: z.string(),
    barcode: z.string(),
    item_description: z.string().nullable(),
    library: z.string().describe("The item's library code"),
    place: placeSchema.describe("The place the scan was made for, which handles the request"),
    patron: z.object({ user_id: z.string().describe("The patron's primary id"), name: z.string() }),
    state_before: stateEnum,
    state_after: stateEnum,
  }),
});
