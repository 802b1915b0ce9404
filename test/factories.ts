import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { newApiKey, sha256 } from "../src/auth/tokens.js";
import type { RoleCode, ScopeType } from "../src/db/schema.js";
import { createInstitution } from "../src/organisation/create-institution.js";
import { insertGroupLimitRow, isGroupRow, patronLimitTableId } from "../src/rules/tables/patron-limit-rows.js";
import type { AppContext } from "../src/server/context.js";

/*
 * Factories build a fresh institution per test, so tests never see each other's rows and
 * never need to truncate. They write rows directly: they set the scene, the API is what is tested.
 */

const unique = (prefix: string): string => `${prefix}_${randomBytes(4).toString("hex").toUpperCase()}`;

export interface InstitutionFixture {
  id: number;
  code: string;
  libraries: { main: number; law: number };
  locations: { mainStacks: number; lawStacks: number };
  desks: { mainDesk: number };
  departments: { inst: number };
  groups: Record<"UNDERGRAD" | "GRAD" | "FACULTY" | "STAFF", number>;
}

export async function makeInstitution(ctx: AppContext): Promise<InstitutionFixture> {
  const at = ctx.clock.now().toISOString();
  const code = unique("INST");
  const { id } = await createInstitution(ctx.db, { code, name: `Test ${code}` }, ctx.clock.now());
  const db = ctx.db;
  const lib = async (c: string) =>
    (
      await db
        .insertInto("libraries")
        .values({ institution_id: id, code: c, name: `${c} Library`, created_at: at, updated_at: at })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const main = await lib("MAIN");
  const law = await lib("LAW");
  const loc = async (libraryId: number, c: string) =>
    (
      await db
        .insertInto("locations")
        .values({ institution_id: id, library_id: libraryId, code: c, name: c, created_at: at, updated_at: at })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const mainStacks = await loc(main, "STACKS");
  const lawStacks = await loc(law, "STACKS");
  const mainDesk = (
    await db
      .insertInto("circulation_desks")
      .values({
        institution_id: id,
        library_id: main,
        code: "MAIN_DESK",
        name: "Main desk",
        supports_digitization: 0,
        work_time_days: null,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  const dept = await db
    .selectFrom("departments")
    .select("id")
    .where("institution_id", "=", id)
    .where("code", "=", "DIGI_DEPT_INST")
    .executeTakeFirstOrThrow();
  const group = async (c: string, max: number | null) => {
    const row = await db
      .insertInto("user_groups")
      .values({ institution_id: id, code: c, name: c, created_at: at, updated_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertGroupLimitRow(db, id, c, max, at, null);
    return row.id;
  };
  // Delivery rules default to "no" (DOMAIN 5.4); tests start from a library that delivers to
  // everyone, and tests of delivery rules change it.
  await db
    .updateTable("rule_tables")
    .set({ default_output: JSON.stringify({ allowed: true }), revision: sql<number>`revision + 1` })
    .where("institution_id", "=", id)
    .where("kind", "=", "delivery")
    .execute();
  return {
    id,
    code,
    libraries: { main, law },
    locations: { mainStacks, lawStacks },
    desks: { mainDesk },
    departments: { inst: dept.id },
    groups: {
      UNDERGRAD: await group("UNDERGRAD", 3),
      GRAD: await group("GRAD", 5),
      FACULTY: await group("FACULTY", null),
      STAFF: await group("STAFF", null),
    },
  };
}

export interface UserFixture {
  id: number;
  primaryId: string;
  apiKey: string;
}

export async function makeUser(
  ctx: AppContext,
  inst: InstitutionFixture,
  options: {
    group?: keyof InstitutionFixture["groups"];
    roles?: { role: RoleCode; scope?: ScopeType; scopeId?: number | null }[];
    passwordHash?: string;
    email?: string | null;
    status?: "ACTIVE" | "INACTIVE";
  } = {},
): Promise<UserFixture> {
  const at = ctx.clock.now().toISOString();
  const primaryId = unique("user").toLowerCase();
  const user = await ctx.db
    .insertInto("users")
    .values({
      institution_id: inst.id,
      primary_id: primaryId,
      first_name: "Test",
      last_name: primaryId,
      email: options.email === undefined ? `${primaryId}@example.edu` : options.email,
      user_group_id: inst.groups[options.group ?? "UNDERGRAD"],
      preferred_language: null,
      status: options.status ?? "ACTIVE",
      expiry_date: null,
      password_hash: options.passwordHash ?? null,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const r of options.roles ?? []) {
    await ctx.db
      .insertInto("role_assignments")
      .values({
        institution_id: inst.id,
        user_id: user.id,
        role: r.role,
        scope_type: r.scope ?? "institution",
        scope_id: r.scopeId ?? null,
        created_at: at,
      })
      .execute();
  }
  const apiKey = newApiKey();
  await ctx.db
    .insertInto("api_keys")
    .values({
      institution_id: inst.id,
      user_id: user.id,
      label: "test",
      prefix: apiKey.slice(0, 8),
      key_hash: sha256(apiKey),
      created_at: at,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { id: user.id, primaryId, apiKey };
}

export const admin = (ctx: AppContext, inst: InstitutionFixture) =>
  makeUser(ctx, inst, { group: "STAFF", roles: [{ role: "GENERAL_SYSTEM_ADMINISTRATOR" }] });

export interface TitleFixture {
  mmsId: number;
  holdingId: number | null;
  itemIds: number[];
  barcodes: string[];
}

/** A title with one holding in `library` and `items` items (described when descriptions are given). */
export async function makeTitle(
  ctx: AppContext,
  inst: InstitutionFixture,
  options: {
    library?: keyof InstitutionFixture["libraries"];
    items?: number;
    descriptions?: string[];
    holdings?: boolean;
    pageCount?: number | null;
  } = {},
): Promise<TitleFixture> {
  const at = ctx.clock.now().toISOString();
  const lib = options.library ?? "main";
  const bib = await ctx.db
    .insertInto("bibs")
    .values({
      institution_id: inst.id,
      title: `Title ${unique("T")}`,
      author: "Author, Test",
      publisher: null,
      publication_date: "1990",
      publication_year: 1990,
      edition: null,
      isbn: null,
      issn: null,
      language: "eng",
      material_type: options.descriptions ? "JOURNAL" : "BOOK",
      extent: null,
      page_count: options.pageCount === undefined ? 300 : options.pageCount,
      identifiers: "{}",
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (options.holdings === false) return { mmsId: bib.id, holdingId: null, itemIds: [], barcodes: [] };
  const location = lib === "main" ? inst.locations.mainStacks : inst.locations.lawStacks;
  const holding = await ctx.db
    .insertInto("holdings")
    .values({
      institution_id: inst.id,
      bib_id: bib.id,
      library_id: inst.libraries[lib],
      location_id: location,
      call_number: "QA76 .T4",
      summary_holdings: null,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const count = options.descriptions?.length ?? options.items ?? 1;
  const itemIds: number[] = [];
  const barcodes: string[] = [];
  for (let i = 0; i < count; i++) {
    const barcode = unique("B");
    const item = await ctx.db
      .insertInto("items")
      .values({
        institution_id: inst.id,
        bib_id: bib.id,
        holding_id: holding.id,
        library_id: inst.libraries[lib],
        location_id: location,
        barcode,
        item_policy: null,
        material_type: null,
        description: options.descriptions?.[i] ?? null,
        page_count: null,
        process_status: "IN_PLACE",
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    itemIds.push(item.id);
    barcodes.push(barcode);
  }
  return { mmsId: bib.id, holdingId: holding.id, itemIds, barcodes };
}

/** Sets the institution's Default Digitization Rule output (the rule engine's seam). */
export async function setDefaultWorkflow(ctx: AppContext, inst: InstitutionFixture, workflow: Record<string, unknown>) {
  const current = await ctx.db
    .selectFrom("rule_tables")
    .select("default_output")
    .where("institution_id", "=", inst.id)
    .where("kind", "=", "digitization")
    .executeTakeFirstOrThrow();
  await ctx.db
    .updateTable("rule_tables")
    .set({
      default_output: JSON.stringify({ ...JSON.parse(current.default_output), ...workflow }),
      // the engine recompiles a table when its revision moves
      revision: sql<number>`revision + 1`,
    })
    .where("institution_id", "=", inst.id)
    .where("kind", "=", "digitization")
    .execute();
}

/** How many rows of `table` belong to the institution: proves that refused input wrote nothing. */
export async function countRows(
  ctx: AppContext,
  table: "requests" | "outbox" | "request_files",
  institutionId: number,
) {
  const row = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as("n"))
    .where("institution_id", "=", institutionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sets a group's patron limit (its row of the patron limits table) without going through the API. */
export async function setGroupLimit(ctx: AppContext, inst: InstitutionFixture, groupCode: string, max: number | null) {
  const table = await patronLimitTableId(ctx.db, inst.id);
  const rows = await ctx.db
    .selectFrom("rules")
    .select(["id", "conditions"])
    .where("rule_table_id", "=", table)
    .execute();
  const row = rows.find((r) => isGroupRow(r.conditions, groupCode));
  if (!row) throw new Error(`no patron limit row for ${groupCode}`);
  await ctx.db
    .updateTable("rules")
    .set({ output: JSON.stringify({ max_digitization_requests: max }) })
    .where("id", "=", row.id)
    .execute();
  await ctx.db
    .updateTable("rule_tables")
    .set({ revision: sql<number>`revision + 1` })
    .where("id", "=", table)
    .execute();
}

/** A printer SLIPS (printing by email when `email` is given) made the department's default: its pick slips go there. */
export async function makeSlipPrinter(
  ctx: AppContext,
  inst: InstitutionFixture,
  email: string | null,
): Promise<number> {
  const at = ctx.clock.now().toISOString();
  const printer = await ctx.db
    .insertInto("printers")
    .values({
      institution_id: inst.id,
      code: "SLIPS",
      name: "Slips",
      description: null,
      email,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await ctx.db
    .updateTable("departments")
    .set({ default_printer_id: printer.id })
    .where("id", "=", inst.departments.inst)
    .execute();
  return printer.id;
}
