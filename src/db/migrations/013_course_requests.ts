import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * Course-reserve requests (DOMAIN 5.5, request source `course`): staff place them for a course,
 * whose code and name the request keeps. Staff list a course's requests by its code, so the
 * list filter gets an index range read like the other filters, in id order.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("requests").addColumn("course_code", "text").execute();
  await db.schema.alterTable("requests").addColumn("course_name", "text").execute();
  await db.schema
    .createIndex("requests_inst_course_ix")
    .on("requests")
    .columns(["institution_id", "course_code", "id"])
    .execute();
}
