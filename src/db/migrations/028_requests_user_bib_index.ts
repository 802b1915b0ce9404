import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * Every placement looks for the patron's open or recent requests on the same title (the
 * duplicate warning). By the patron alone that reads their whole history, row by row, at every
 * placement; by patron and title it reads the few rows that can match.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.createIndex("requests_user_bib_ix").on("requests").columns(["user_id", "bib_id"]).execute();
}
