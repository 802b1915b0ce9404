import { randomBytes } from "node:crypto";
import { newApiKey, sha256 } from "../src/auth/tokens.js";
import type { RoleCode, ScopeType } from "../src/db/schema.js";
import { createInstitution } from "../src/organisation/create-institution.js";
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
  const group = async (c: string, max: number | null) =>
    (
      await db
        .insertInto("user_groups")
        .values({
          institution_id: id,
          code: c,
          name: c,
          max_digitization_requests: max,
          created_at: at,
          updated_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
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
