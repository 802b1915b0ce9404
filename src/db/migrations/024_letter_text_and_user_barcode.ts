import type { Kysely } from "kysely";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * Staff read on a request's page what each letter said, so the letter's text is kept when it is
 * sent (its download tokens withheld: the patron's links stay theirs); letters sent before this
 * have none. Patrons carry a library card: the desk finds them by its barcode as by their id.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("letter_sends").addColumn("subject", "text").execute();
  await db.schema.alterTable("letter_sends").addColumn("body_text", "text").execute();
  await db.schema.alterTable("letter_sends").addColumn("body_html", "text").execute();
  await db.schema.createIndex("letter_sends_request_ix").on("letter_sends").columns(["request_id", "id"]).execute();

  await db.schema.alterTable("users").addColumn("barcode", "text").execute();
  // Unique per institution; several users without a card (NULL) are fine on both databases.
  await db.schema.createIndex("users_barcode_uq").on("users").columns(["institution_id", "barcode"]).unique().execute();
}
