import { sql, type Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations describe tables that the typed schema does not know yet */

/*
 * Letters (DOMAIN 6) and delivery links (DOMAIN 8).
 * - letter_settings / letter_templates hold only what an institution changed: a letter without a
 *   row is enabled as its default says and renders its built-in text.
 * - letter_sends records every try to send an outbox letter (one row per outbox message, with a
 *   stable Message-ID), so a worker that crashed after sending is detected and does not send twice.
 * - delivery_links stores the hash of each link token, never the token.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === "postgres";
  const ts = pg ? sql`timestamptz` : sql`text`;
  const ref = pg ? "bigint" : "integer";
  const id = (t: ReturnType<typeof db.schema.createTable>) =>
    pg
      ? t.addColumn("id", "bigint", (c) => c.generatedByDefaultAsIdentity().primaryKey())
      : t.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
  const inst = (c: any) => c.notNull().references("institutions.id").onDelete("cascade");

  await db.schema
    .createTable("letter_settings")
    .addColumn("institution_id", ref, inst)
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("letter_settings_pk", ["institution_id", "code"])
    .execute();

  await db.schema
    .createTable("letter_templates")
    .addColumn("institution_id", ref, inst)
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("body_text", "text", (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("letter_templates_pk", ["institution_id", "code", "language"])
    .execute();

  await id(db.schema.createTable("letter_sends"))
    .addColumn("institution_id", ref, inst)
    .addColumn("outbox_id", ref, (c) => c.notNull().unique().references("outbox.id").onDelete("cascade"))
    .addColumn("request_id", ref, (c) => c.references("requests.id").onDelete("set null"))
    .addColumn("letter_code", "text", (c) => c.notNull())
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("recipient", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("tries", "integer", (c) => c.notNull())
    .addColumn("transport", "text")
    .addColumn("eml_name", "text")
    .addColumn("first_try_at", ts, (c) => c.notNull())
    .addColumn("sent_at", ts)
    .execute();
  await db.schema.createIndex("letter_sends_eml_ix").on("letter_sends").columns(["institution_id", "id"]).execute();

  await id(db.schema.createTable("delivery_links"))
    .addColumn("institution_id", ref, inst)
    .addColumn("request_id", ref, (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("file_id", ref, (c) => c.notNull().references("request_files.id").onDelete("cascade"))
    .addColumn("outbox_id", ref, (c) => c.references("outbox.id").onDelete("set null"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("max_views", "integer", (c) => c.notNull())
    .addColumn("views", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expires_at", ts, (c) => c.notNull())
    .addColumn("revoked_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  // The printout queue (DOMAIN 1): every print job, kept for staff to print, reprint or dismiss.
  await id(db.schema.createTable("printouts"))
    .addColumn("institution_id", ref, inst)
    .addColumn("outbox_id", ref, (c) => c.notNull().unique().references("outbox.id").onDelete("cascade"))
    .addColumn("request_id", ref, (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("printer_id", ref, (c) => c.references("printers.id").onDelete("set null"))
    .addColumn("document", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("print_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("emailed_to", "text")
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("printouts_queue_ix")
    .on("printouts")
    .columns(["institution_id", "status", "id"])
    .execute();

  // The page count of a PDF, recorded when it is attached (null: not a PDF, or not countable).
  await db.schema.alterTable("request_files").addColumn("page_count", "integer").execute();

  await db.schema.createIndex("delivery_links_request_ix").on("delivery_links").column("request_id").execute();
}
