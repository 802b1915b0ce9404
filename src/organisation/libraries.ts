import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import { isUniqueViolation } from "../db/errors.js";
import { AppError, notFound } from "../errors.js";
import * as repo from "./libraries-repository.js";

/** Use cases for libraries and their locations. Each owns its transaction. */

const duplicate = (what: string, code: string): AppError =>
  new AppError("DUPLICATE", {
    message: `A ${what} with code ${code} already exists.`,
    fields: [{ field: "code", message: "is already used" }],
  });

/** Runs a write and turns a unique-code violation into DUPLICATE naming the code field. */
export async function uniqueOr<T>(what: string, code: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (code !== undefined && isUniqueViolation(err)) throw duplicate(what, code);
    throw err;
  }
}

export async function loadLibrary(db: Db, actor: Actor, id: number) {
  const lib = await repo.findLibrary(db, actor.institutionId, id);
  if (!lib) throw notFound("library");
  return lib;
}

export async function createLibrary(db: Db, actor: Actor, input: { code: string; name: string }, now: Date) {
  authorize(actor, "organisation.manage");
  return uniqueOr("library", input.code, () => repo.insertLibrary(db, actor.institutionId, input, now.toISOString()));
}

export async function updateLibrary(
  db: Db,
  actor: Actor,
  id: number,
  input: { code?: string; name?: string },
  now: Date,
) {
  await loadLibrary(db, actor, id);
  authorize(actor, "organisation.manage");
  return uniqueOr("library", input.code, () => repo.updateLibrary(db, id, input, now.toISOString()));
}

export async function deleteLibrary(db: Db, actor: Actor, id: number): Promise<void> {
  await loadLibrary(db, actor, id);
  authorize(actor, "organisation.manage");
  await db.transaction().execute(async (tx) => {
    const used = await repo.libraryUsage(tx, id);
    if (used.length > 0) {
      throw new AppError("IN_USE", {
        message: `The library still has ${used.join(", ")}; remove or move them first.`,
        details: { used_by: used },
      });
    }
    await repo.deleteLibrary(tx, id);
  });
}

export async function loadLocation(db: Db, actor: Actor, id: number) {
  const loc = await repo.findLocation(db, actor.institutionId, id);
  if (!loc) throw notFound("location");
  return loc;
}

export async function createLocation(
  db: Db,
  actor: Actor,
  libraryId: number,
  input: { code: string; name: string },
  now: Date,
) {
  await loadLibrary(db, actor, libraryId);
  authorize(actor, "organisation.manage");
  return uniqueOr("location in this library", input.code, () =>
    repo.insertLocation(db, actor.institutionId, libraryId, input, now.toISOString()),
  );
}

export async function updateLocation(
  db: Db,
  actor: Actor,
  id: number,
  input: { code?: string; name?: string },
  now: Date,
) {
  await loadLocation(db, actor, id);
  authorize(actor, "organisation.manage");
  return uniqueOr("location in this library", input.code, () => repo.updateLocation(db, id, input, now.toISOString()));
}

export async function deleteLocation(db: Db, actor: Actor, id: number): Promise<void> {
  await loadLocation(db, actor, id);
  authorize(actor, "organisation.manage");
  await db.transaction().execute(async (tx) => {
    const used = await repo.locationUsage(tx, id);
    if (used.length > 0) {
      throw new AppError("IN_USE", {
        message: `The location still has ${used.join(", ")}; move them first.`,
        details: { used_by: used },
      });
    }
    await repo.deleteLocation(tx, id);
  });
}
