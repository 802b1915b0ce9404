import type { Actor } from "../auth/actor.js";
import { authorize, canSeeUser } from "../auth/policy.js";
import { deleteSessionsOfUser } from "../auth/repository.js";
import type { Db, Executor } from "../db/database.js";
import { isForeignKeyViolation } from "../db/errors.js";
import type { UsersTable } from "../db/schema.js";
import { AppError, invalid, notFound } from "../errors.js";
import { uniqueOr } from "./duplicates.js";
import { hashPassword } from "./login.js";
import { keepAnAdministrator } from "./role-assignments.js";
import { findUserGroupByCode } from "./user-groups-repository.js";
import * as repo from "./users-repository.js";
import type { UserListPosition, UserValues } from "./users-repository.js";

/** Use cases for users (DOMAIN 2). Each owns its transaction. */

interface UserInput {
  primary_id: string;
  first_name: string;
  last_name: string;
  email?: string | null;
  barcode?: string | null;
  /** user group code of the same institution */
  user_group?: string | null;
  preferred_language?: string | null;
  status?: UsersTable["status"];
  expiry_date?: string | null;
  /** plain text, hashed here; null removes the password (the user can then sign in only by API key) */
  password?: string | null;
}

export const MAX_PAGE_SIZE = 100;

const duplicatePrimaryId = (id: string) => `A user with primary id ${id} already exists in this institution.`;

/** A library card belongs to one person: a barcode another user holds is refused, naming the field. */
async function assertBarcodeFree(
  db: Executor,
  institutionId: number,
  barcode: string | null | undefined,
  userId?: number,
) {
  if (!barcode) return;
  if ((await repo.findUserIdByBarcode(db, institutionId, barcode, userId)) !== null) {
    throw new AppError("DUPLICATE", {
      message: `Another user already has the library card ${barcode}.`,
      fields: [{ field: "barcode", message: "is already used" }],
    });
  }
}

async function groupIdFor(db: Executor, institutionId: number, code: string): Promise<number> {
  const group = await findUserGroupByCode(db, institutionId, code);
  if (!group) throw invalid("user_group", `There is no user group with code ${code} in this institution.`);
  return group.id;
}

/** A caller always reaches their own record; anyone else's needs users.read, or it does not exist for them. */
export async function loadUser(db: Executor, actor: Actor, id: number): Promise<repo.UserRow> {
  const user = await repo.findUser(db, actor.institutionId, id);
  if (!user || !canSeeUser(actor, user.id)) throw notFound("user");
  return user;
}

export const readUser = loadUser;

export async function readSelf(db: Db, actor: Actor): Promise<repo.UserRow> {
  return loadUser(db, actor, actor.userId);
}

// The cursor is opaque to clients; it carries the sort key of the last row served.
const encodeCursor = (p: UserListPosition): string =>
  Buffer.from(JSON.stringify([p.lastName, p.firstName, p.id])).toString("base64url");

function decodeCursor(cursor: string): UserListPosition {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(v) &&
      v.length === 3 &&
      typeof v[0] === "string" &&
      typeof v[1] === "string" &&
      Number.isSafeInteger(v[2])
    ) {
      return { lastName: v[0], firstName: v[1], id: v[2] as number };
    }
  } catch {
    // falls through to the validation error
  }
  throw invalid("cursor", "The cursor is not one this API returned; start again without it.");
}

export async function listUsers(
  db: Db,
  actor: Actor,
  filter: { q?: string; user_group?: string; cursor?: string; limit?: number },
): Promise<{ users: repo.UserRow[]; nextCursor: string | null }> {
  authorize(actor, "users.read");
  const limit = filter.limit ?? 50;
  const after = filter.cursor ? decodeCursor(filter.cursor) : undefined;
  const userGroupId =
    filter.user_group === undefined ? undefined : await groupIdFor(db, actor.institutionId, filter.user_group);
  const rows = await repo.listUsers(db, actor.institutionId, { q: filter.q, userGroupId, after, limit });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({ lastName: last.last_name, firstName: last.first_name, id: last.id })
      : null;
  return { users: page, nextCursor };
}

async function toValues(
  db: Executor,
  institutionId: number,
  input: Partial<UserInput>,
  passwordHash: string | null | undefined,
): Promise<Partial<UserValues>> {
  const { user_group, password: _password, ...plain } = input;
  const values: Partial<UserValues> = { ...plain };
  if (user_group !== undefined) {
    values.user_group_id = user_group === null ? null : await groupIdFor(db, institutionId, user_group);
  }
  if (passwordHash !== undefined) values.password_hash = passwordHash;
  return values;
}

// Hashing is slow on purpose; it happens before the transaction so no lock is held meanwhile.
const hashOf = async (password: string | null | undefined) =>
  password === undefined || password === null ? password : hashPassword(password);

export async function createUser(db: Db, actor: Actor, input: UserInput, now: Date): Promise<repo.UserRow> {
  authorize(actor, "people.manage");
  const passwordHash = (await hashOf(input.password)) ?? null;
  const at = now.toISOString();
  return uniqueOr("primary_id", duplicatePrimaryId(input.primary_id), () =>
    db.transaction().execute(async (tx) => {
      await assertBarcodeFree(tx, actor.institutionId, input.barcode);
      const values = await toValues(tx, actor.institutionId, input, passwordHash);
      const id = await repo.insertUser(
        tx,
        actor.institutionId,
        {
          primary_id: input.primary_id,
          first_name: input.first_name,
          last_name: input.last_name,
          email: values.email ?? null,
          barcode: values.barcode ?? null,
          user_group_id: values.user_group_id ?? null,
          preferred_language: values.preferred_language ?? null,
          status: values.status ?? "ACTIVE",
          expiry_date: values.expiry_date ?? null,
          password_hash: passwordHash,
        },
        at,
      );
      return repo.getUser(tx, id);
    }),
  );
}

const ownSession = (actor: Actor, userId: number): number | undefined =>
  actor.via === "session" && actor.userId === userId ? actor.sessionId : undefined;

export async function updateUser(
  db: Db,
  actor: Actor,
  id: number,
  input: Partial<UserInput>,
  now: Date,
): Promise<repo.UserRow> {
  await loadUser(db, actor, id);
  authorize(actor, "people.manage");
  const passwordHash = await hashOf(input.password);
  return uniqueOr("primary_id", duplicatePrimaryId(input.primary_id ?? ""), () =>
    db.transaction().execute(async (tx) => {
      await assertBarcodeFree(tx, actor.institutionId, input.barcode, id);
      if (input.status === "INACTIVE") await keepAnAdministrator(tx, actor.institutionId, { userId: id });
      await repo.updateUser(tx, id, await toValues(tx, actor.institutionId, input, passwordHash), now.toISOString());
      // A new or removed password ends the user's sessions (someone who knew the old one may hold
      // one), except the one through which the user changed their own password.
      if (passwordHash !== undefined) await deleteSessionsOfUser(tx, id, ownSession(actor, id));
      return repo.getUser(tx, id);
    }),
  );
}

const inUse = (what: string[]) =>
  new AppError("IN_USE", {
    message: `The user appears in ${what.join(", ")}; set the user INACTIVE instead of deleting them.`,
    details: { used_by: what },
  });

export async function deleteUser(db: Db, actor: Actor, id: number): Promise<void> {
  await loadUser(db, actor, id);
  authorize(actor, "people.manage");
  try {
    await db.transaction().execute(async (tx) => {
      const used = await repo.userRequestReferences(tx, id);
      if (used.length > 0) throw inUse(used);
      await keepAnAdministrator(tx, actor.institutionId, { userId: id });
      await repo.deleteUser(tx, id);
    });
  } catch (err) {
    // A table added later that points at users still keeps the user, with the same answer.
    if (isForeignKeyViolation(err)) throw inUse(["other records"]);
    throw err;
  }
}
