import { sql, type Kysely } from "kysely";
import { seedApprovalReasons } from "../../rules/service-terms/seed-approval-reasons.js";
import type { Dialect } from "../dialect.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists */

/**
 * Approval reasons become a configurable list (DOMAIN 5.5): every institution gets the starting
 * list, and digitization rules (and default outputs) that named a reason in free text now name
 * its code. A free text that matches no reason becomes a reason of its own, so that every rule
 * still validates and every request still shows what it said.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pg = dialect === "postgres";
  const ts = pg ? sql`timestamptz` : sql`text`;
  const ref = pg ? "bigint" : "integer";
  const table = db.schema.createTable("approval_reasons");
  await (
    pg
      ? table.addColumn("id", "bigint", (c) => c.generatedByDefaultAsIdentity().primaryKey())
      : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
  )
    .addColumn("institution_id", ref, (c) => c.notNull().references("institutions.id").onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .addUniqueConstraint("approval_reasons_code_uq", ["institution_id", "code"])
    .execute();

  const at = new Date().toISOString();
  const institutions = await db.selectFrom("institutions").select("id").orderBy("id").execute();
  for (const inst of institutions) {
    const institutionId = Number(inst.id);
    await seedApprovalReasons(db, institutionId, at);
    await rewriteFreeTextReasons(db, institutionId, at);
  }
}

/** "Public domain", "public_domain" and "PUBLIC DOMAIN" are the same reason. */
const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** Free texts the old predefined rules and common practice used that no code or label spells. */
const aliases: Record<string, string> = {
  faculty: "FACULTY_TEACHING",
  "license held": "LICENCE_HELD",
  "open license": "OPEN_LICENCE",
  permission: "PERMISSION_OBTAINED",
};

const codeFromText = (text: string) =>
  text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 45) || "REASON";

async function rewriteFreeTextReasons(db: Kysely<any>, institutionId: number, at: string): Promise<void> {
  const digitization = await db
    .selectFrom("rule_tables")
    .select(["id", "default_output"])
    .where("institution_id", "=", institutionId)
    .where("kind", "=", "digitization")
    .executeTakeFirst();
  if (!digitization) return;
  const reasons = await db
    .selectFrom("approval_reasons")
    .select(["code", "label", "position"])
    .where("institution_id", "=", institutionId)
    .execute();
  const byText = new Map<string, string>();
  for (const r of reasons) {
    byText.set(normalise(r.label as string), r.code as string);
    byText.set(normalise(r.code as string), r.code as string);
  }
  const codes = new Set(reasons.map((r) => r.code as string));
  let position = Math.max(0, ...reasons.map((r) => Number(r.position)));

  const codeFor = async (text: string): Promise<string> => {
    if (codes.has(text)) return text;
    const known = byText.get(normalise(text)) ?? aliases[normalise(text)];
    if (known && codes.has(known)) return known;
    let code = codeFromText(text);
    for (let n = 2; codes.has(code); n += 1) code = `${codeFromText(text)}_${n}`;
    position += 1;
    await db
      .insertInto("approval_reasons")
      .values({
        institution_id: institutionId,
        code,
        label: text.trim().slice(0, 255) || code,
        description: "Added on upgrade from the free text a digitization rule named.",
        active: 1,
        position,
        created_at: at,
        updated_at: at,
      })
      .execute();
    codes.add(code);
    byText.set(normalise(text), code);
    return code;
  };
  // The rewritten output, or null when it already names a code (or names no reason).
  const rewrite = async (json: string): Promise<string | null> => {
    const output = JSON.parse(json) as { approval_reason?: unknown };
    const text = output.approval_reason;
    if (typeof text !== "string" || codes.has(text)) return null;
    return JSON.stringify({ ...output, approval_reason: await codeFor(text) });
  };

  let changed = false;
  const tableId = Number(digitization.id);
  const defaultAfter = await rewrite(digitization.default_output as string);
  if (defaultAfter !== null) {
    await db.updateTable("rule_tables").set({ default_output: defaultAfter }).where("id", "=", tableId).execute();
    await version(db, institutionId, tableId, null, "default_updated", digitization.default_output, defaultAfter, at);
    changed = true;
  }
  const rules = await db.selectFrom("rules").selectAll().where("rule_table_id", "=", tableId).orderBy("id").execute();
  for (const rule of rules) {
    const output = await rewrite(rule.output as string);
    if (output === null) continue;
    await db.updateTable("rules").set({ output, updated_at: at }).where("id", "=", rule.id).execute();
    const before = snapshot(rule);
    await version(db, institutionId, tableId, Number(rule.id), "updated", before, snapshot({ ...rule, output }), at);
    changed = true;
  }
  if (changed) {
    await db
      .updateTable("rule_tables")
      .set({ revision: sql`revision + 1`, updated_at: at })
      .where("id", "=", tableId)
      .execute();
  }
}

// The shape rule-tables.ts records, so the history reads the same before and after the upgrade.
const snapshot = (r: Record<string, any>) =>
  JSON.stringify({
    position: Number(r.position),
    name: r.name,
    description: r.description,
    enabled: Number(r.enabled) === 1,
    locked: Number(r.locked) === 1,
    conditions: JSON.parse(r.conditions as string),
    output: JSON.parse(r.output as string),
  });

async function version(
  db: Kysely<any>,
  institutionId: number,
  tableId: number,
  ruleId: number | null,
  action: "updated" | "default_updated",
  before: string,
  after: string,
  at: string,
): Promise<void> {
  await db
    .insertInto("rule_versions")
    .values({
      institution_id: institutionId,
      rule_table_id: tableId,
      rule_id: ruleId,
      action,
      actor_user_id: null,
      at,
      before,
      after,
    })
    .execute();
}
