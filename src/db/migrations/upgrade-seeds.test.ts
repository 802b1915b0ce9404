import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { emptyDatabase } from "../../../test/empty-database.js";
import * as m001 from "./001_initial.js";
import * as m005 from "./005_outbox_indexes.js";
import * as m006 from "./006_rule_engine.js";
import * as m007 from "./007_letters_and_links.js";
import * as m008 from "./008_marc_import.js";
import * as m009 from "./009_catalogue_search.js";
import * as m010 from "./010_requests_user_list_index.js";
import * as m011 from "./011_patron_limit_table.js";
import * as m012 from "./012_full_text_and_holds.js";
import * as m013 from "./013_course_requests.js";
import * as m014 from "./014_approval_reasons.js";
import * as m015 from "./015_policy_versions.js";
import * as m016 from "./016_import_heartbeat.js";
import * as m017 from "./017_login_failures.js";
import * as m019 from "./019_link_view_window.js";

/**
 * The migrations that seed data (006 rule tables and predefined rules, 011 patron limit rows,
 * 014 approval reasons) carry their own data, so that they never change with the app's seeding
 * code. This pins what they write: an upgrade from the first version, with institutions that
 * existed before 006 and before 011, ends with exactly the rows of the fixture, which was taken
 * from the migrations as they were when they still called the app's seeding code.
 */

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "upgrade-seeds.fixture.json");
const at = "2026-03-02T09:00:00.000Z";

async function institution(db: Kysely<any>, code: string): Promise<number> {
  const row = await db
    .insertInto("institutions")
    .values({ code, name: code, time_zone: "UTC", default_language: "en", created_at: at, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function group(db: Kysely<any>, institutionId: number, code: string, max: number | null): Promise<void> {
  await db
    .insertInto("user_groups")
    .values({
      institution_id: institutionId,
      code,
      name: code,
      max_digitization_requests: max,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/** The seeded rows of every institution, without ids and timestamps (which differ from run to run). */
async function seededRows(db: Kysely<any>) {
  const codeOf = new Map(
    (await db.selectFrom("institutions").select(["id", "code"]).execute()).map((i) => [Number(i.id), i.code]),
  );
  const tables = await db.selectFrom("rule_tables").selectAll().orderBy("institution_id").orderBy("kind").execute();
  const kindOf = new Map(tables.map((t) => [Number(t.id), `${codeOf.get(Number(t.institution_id))}/${t.kind}`]));
  const rules = await db.selectFrom("rules").selectAll().orderBy("rule_table_id").orderBy("position").execute();
  const ruleName = new Map(rules.map((r) => [Number(r.id), r.name]));
  const versions = await db.selectFrom("rule_versions").selectAll().orderBy("id").execute();
  const reasons = await db
    .selectFrom("approval_reasons")
    .selectAll()
    .orderBy("institution_id")
    .orderBy("position")
    .execute();
  const json = (s: string | null) => (s === null ? null : JSON.parse(s));
  return {
    rule_tables: tables.map((t) => ({
      table: kindOf.get(Number(t.id)),
      default_output: json(t.default_output),
      revision: Number(t.revision),
    })),
    rules: rules.map((r) => ({
      table: kindOf.get(Number(r.rule_table_id)),
      position: Number(r.position),
      name: r.name,
      description: r.description,
      enabled: Number(r.enabled),
      locked: Number(r.locked),
      conditions: json(r.conditions),
      output: json(r.output),
    })),
    rule_versions: versions.map((v) => ({
      table: kindOf.get(Number(v.rule_table_id)),
      rule: v.rule_id === null ? null : (ruleName.get(Number(v.rule_id)) ?? "(deleted)"),
      action: v.action,
      actor_user_id: v.actor_user_id,
      before: json(v.before),
      after: json(v.after),
    })),
    approval_reasons: reasons.map((r) => ({
      institution: codeOf.get(Number(r.institution_id)),
      code: r.code,
      label: r.label,
      description: r.description,
      active: Number(r.active),
      position: Number(r.position),
    })),
  };
}

describe("migrations that seed data", () => {
  it("write the same rule tables, rules, limit rows and approval reasons on an upgrade from the first version", async () => {
    const { db, dialect } = await emptyDatabase();
    const run = async (...ms: { up(db: Kysely<any>, dialect: "sqlite" | "postgres"): Promise<void> }[]) => {
      for (const m of ms) await m.up(db, dialect);
    };
    await run(m001, m005);
    // Before 006: one institution with nothing, one with a digitization table of its own whose
    // rule names its approval reason in free text (006 keeps its rules; 014 rewrites the reason).
    const bare = await institution(db, "BARE");
    await group(db, bare, "NONE", 0);
    await group(db, bare, "FIVE", 5);
    await group(db, bare, "OPEN", null);
    const own = await institution(db, "OWN");
    await group(db, own, "STAFF", 3);
    const table = await db
      .insertInto("rule_tables")
      .values({
        institution_id: own,
        kind: "digitization",
        default_output: JSON.stringify({ target: "attachment" }),
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("rules")
      .values({
        institution_id: own,
        rule_table_id: table.id,
        position: 1,
        name: "Faculty",
        description: null,
        enabled: 1,
        locked: 0,
        conditions: JSON.stringify([{ parameter: "user_group", operator: "equals", value: "FACULTY" }]),
        output: JSON.stringify({ approval_mode: "automatic", approval_reason: "Faculty" }),
        created_at: at,
        updated_at: at,
      })
      .execute();
    await run(m006, m007, m008, m009, m010);
    // Between 006 and 011: an institution that an older version created without rule tables.
    const late = await institution(db, "LATE");
    await group(db, late, "PATRON", 2);
    await run(m011, m012, m013, m014, m015, m016, m017, m019);

    const rows = await seededRows(db);
    expect(rows).toEqual(JSON.parse(fs.readFileSync(FIXTURE, "utf8")));
  });
});
