import { z } from "zod";

/** The zod schemas of workspace/routes.ts. */
const screen = (what: string) => z.boolean().describe(what);

export const workspaceSchema = z.object({
  user: z.object({ user_id: z.string(), primary_id: z.string(), name: z.string() }),
  screens: z
    .object({
      queues: screen("the work queues of the places in scope"),
      scan_station: screen("picking and scanning in by barcode"),
      digitization: screen("uploading files and delivering them"),
      approvals: screen("approval and copyright-clearance tasks"),
      place_for_patron: screen("placing a request for a patron"),
      printouts: screen("the printout queue"),
      outbox: screen("letters and print jobs waiting or failed"),
      explain: screen("why a patron is offered what they are offered"),
      setup: screen("configuration of the institution"),
    })
    .describe("The staff app's screens with work for the caller. A hint for the pages: every call still authorizes."),
  setup_areas: z
    .object({
      organisation: screen("libraries, printers, the institution"),
      fulfillment: screen(
        "departments, desks, terms of use, fulfillment units, rule tables, approval reasons, the request form",
      ),
      people: screen("users, user groups, roles"),
      letters: screen("letters"),
      catalogue: screen("the catalogue and its imports"),
    })
    .describe(
      "The parts of the setup section the caller may change. A hint for the pages: every call still authorizes.",
    ),
  places: z
    .array(
      z.object({
        kind: z.enum(["department", "desk"]),
        id: z.string(),
        code: z.string(),
        name: z.string(),
        library: z.string().nullable().describe("the library's code; null for an institution-level department"),
        roles: z.array(z.string()).describe("the caller's roles that cover this place"),
      }),
    )
    .describe(
      "The digitization departments and desks the caller works at; the app asks which one when there are several.",
    ),
});
