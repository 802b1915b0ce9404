import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * The request form gets a revision that every change moves, as rule tables have had since 006:
 * a placement on PostgreSQL then reads a form's long text only when the process does not hold
 * that revision already (db/held-rows.ts). A timestamp would not do: two changes within one
 * millisecond, or a clock set back, would leave an old text looking current.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable("request_form_configs")
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}
