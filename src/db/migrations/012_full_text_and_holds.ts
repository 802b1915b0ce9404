import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * The facts display logic tests (DOMAIN 5.7) that Recto had no data for: a title's full text
 * online (the MARC 856 link, or one staff enter) and whether a terms of use lets an item be
 * requested as a hold. Every terms of use so far was written without the choice; holds were the
 * reference platform's default, so they become requestable.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("bibs").addColumn("full_text_url", "text").execute();
  await db.schema
    .alterTable("terms_of_use")
    .addColumn("is_requestable", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}
