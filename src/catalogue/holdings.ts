import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import { invalid, notFound } from "../errors.js";
import {
  findLibrary,
  findLibraryByCode,
  findLocation,
  findLocationByCode,
  librariesWithLocationCode,
} from "../organisation/libraries-repository.js";
import { loadBib } from "./bibs.js";
import * as repo from "./holdings-repository.js";

/** Use cases for holdings. Each owns its transaction. */

interface HoldingInput {
  /** a library id (number) or code (string) */
  library: number | string;
  /** a location id (number) or a location code within that library (string) */
  location: number | string;
  call_number?: string | null | undefined;
  summary_holdings?: string | null | undefined;
}

async function resolveLibrary(db: Db, institutionId: number, ref: number | string) {
  const lib =
    typeof ref === "number"
      ? await findLibrary(db, institutionId, ref)
      : await findLibraryByCode(db, institutionId, ref);
  if (!lib) throw invalid("library", `No library ${ref} in this institution.`);
  return lib;
}

async function resolveLocation(
  db: Db,
  institutionId: number,
  library: { id: number; code: string },
  ref: number | string,
) {
  if (typeof ref === "number") {
    const loc = await findLocation(db, institutionId, ref);
    if (!loc) throw invalid("location", `No location ${ref} in this institution.`);
    if (loc.library_id !== library.id) {
      throw invalid("location", `Location ${loc.code} belongs to another library, not to ${library.code}.`);
    }
    return loc;
  }
  const loc = await findLocationByCode(db, institutionId, library.id, ref);
  if (loc) return loc;
  const elsewhere = await librariesWithLocationCode(db, institutionId, ref);
  throw invalid(
    "location",
    elsewhere.length > 0
      ? `Location ${ref} belongs to ${elsewhere.map((l) => l.code).join(", ")}, not to ${library.code}.`
      : `Library ${library.code} has no location ${ref}.`,
  );
}

export async function loadHolding(db: Db, actor: Actor, bibId: number, holdingId: number) {
  const holding = await repo.findHolding(db, actor.institutionId, holdingId);
  if (!holding || holding.bib_id !== bibId) throw notFound("holding");
  return holding;
}

export async function listHoldings(db: Db, actor: Actor, bibId: number) {
  return db.transaction().execute(async (tx) => {
    await loadBib(tx, actor, bibId);
    return repo.listHoldingsOfBib(tx, actor.institutionId, bibId);
  });
}

export async function createHolding(db: Db, actor: Actor, bibId: number, input: HoldingInput, now: Date) {
  return db.transaction().execute(async (tx) => {
    await loadBib(tx, actor, bibId);
    authorize(actor, "catalogue.manage");
    const library = await resolveLibrary(tx, actor.institutionId, input.library);
    const location = await resolveLocation(tx, actor.institutionId, library, input.location);
    const id = await repo.insertHolding(
      tx,
      actor.institutionId,
      {
        bib_id: bibId,
        library_id: library.id,
        location_id: location.id,
        call_number: input.call_number ?? null,
        summary_holdings: input.summary_holdings ?? null,
      },
      now.toISOString(),
    );
    return loadHolding(tx, actor, bibId, id);
  });
}
