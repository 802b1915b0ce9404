import type { Executor } from "../../db/database.js";
import * as repo from "./repository.js";

/**
 * Lets the given user groups receive files electronically: the one delivery rule every library
 * adds first (setup guide, step 6). Used by the demo and the benchmark; tests set their own.
 */
export async function allowDeliveryTo(db: Executor, institutionId: number, groupCodes: string[], at: string) {
  const table = await repo.findTable(db, institutionId, "delivery");
  if (!table) throw new Error("The institution has no delivery rule table.");
  await repo.insertRule(
    db,
    table,
    {
      name: "Registered patrons receive files",
      description: "The user groups that may receive digitized files by email or link.",
      enabled: 1,
      conditions: JSON.stringify([{ parameter: "user_group", operator: "in_list", value: groupCodes }]),
      output: JSON.stringify({ allowed: true }),
    },
    at,
  );
  await repo.touchTable(db, table.id, at);
}
