import type { Actor } from "../../auth/actor.js";
import { authorize } from "../../auth/policy.js";
import type { Db, Executor } from "../../db/database.js";
import { AppError, notFound, type FieldProblem } from "../../errors.js";
import { uniqueOr } from "../../organisation/libraries.js";
import * as repo from "./service-terms-repository.js";
import { versionSnapshot, recordVersion } from "./versions.js";

/** Use cases for terms of use (DOMAIN 5.1) and fulfillment units (5.2). Each owns its transaction. */

interface TermsOfUseInput {
  code: string;
  name: string;
  is_digitizable: boolean;
  /** may an item be requested as a hold (display logic's hold_requestable) */
  is_requestable: boolean;
  digitization_fee: { amount: string; currency: string } | null;
  max_pages_per_request: number | null;
}

const touValues = (v: Partial<TermsOfUseInput>) => ({
  ...(v.code !== undefined ? { code: v.code } : {}),
  ...(v.name !== undefined ? { name: v.name } : {}),
  ...(v.is_digitizable !== undefined ? { is_digitizable: v.is_digitizable ? 1 : 0 } : {}),
  ...(v.is_requestable !== undefined ? { is_requestable: v.is_requestable ? 1 : 0 } : {}),
  ...(v.digitization_fee !== undefined
    ? { fee_amount: v.digitization_fee?.amount ?? null, fee_currency: v.digitization_fee?.currency ?? null }
    : {}),
  ...(v.max_pages_per_request !== undefined ? { max_pages_per_request: v.max_pages_per_request } : {}),
});

export async function listTermsOfUse(db: Executor, actor: Actor) {
  authorize(actor, "configuration.read");
  return repo.listTermsOfUse(db, actor.institutionId);
}

export async function loadTermsOfUse(db: Executor, actor: Actor, id: number) {
  authorize(actor, "configuration.read");
  const row = await repo.findTermsOfUse(db, actor.institutionId, id);
  if (!row) throw notFound("terms of use");
  return row;
}

export async function createTermsOfUse(db: Db, actor: Actor, input: TermsOfUseInput, now: Date) {
  authorize(actor, "fulfillment.manage");
  const at = now.toISOString();
  return uniqueOr("terms of use", input.code, () =>
    db.transaction().execute(async (tx) => {
      const row = await repo.insertTermsOfUse(tx, {
        institution_id: actor.institutionId,
        code: input.code,
        name: input.name,
        is_digitizable: input.is_digitizable ? 1 : 0,
        is_requestable: input.is_requestable ? 1 : 0,
        fee_amount: input.digitization_fee?.amount ?? null,
        fee_currency: input.digitization_fee?.currency ?? null,
        max_pages_per_request: input.max_pages_per_request,
        created_at: at,
        updated_at: at,
      });
      await recordVersion(tx, actor, "terms_of_use", row.id, "created", null, versionSnapshot(row), at);
      return row;
    }),
  );
}

const namesTerms = (outputs: string[], code: string) =>
  outputs.some((o) => (JSON.parse(o) as { terms_of_use?: string }).terms_of_use === code);

export async function updateTermsOfUse(db: Db, actor: Actor, id: number, input: Partial<TermsOfUseInput>, now: Date) {
  const current = await loadTermsOfUse(db, actor, id);
  authorize(actor, "fulfillment.manage");
  return db.transaction().execute(async (tx) => {
    // Rules name a terms of use by code: renaming one that is in use would leave them dangling.
    if (input.code !== undefined && input.code !== current.code) {
      if (namesTerms(await repo.fulfillmentOutputs(tx, actor.institutionId), current.code)) {
        throw new AppError("IN_USE", {
          message: `Fulfillment unit rules use terms of use ${current.code}; point them elsewhere before changing its code.`,
          fields: [{ field: "code", message: "is used by fulfillment unit rules" }],
        });
      }
    }
    const after = await uniqueOr("terms of use", input.code, () =>
      repo.updateTermsOfUse(tx, id, { ...touValues(input), updated_at: now.toISOString() }),
    );
    const [b, a] = [versionSnapshot(current), versionSnapshot(after)];
    if (a !== b) await recordVersion(tx, actor, "terms_of_use", id, "updated", b, a, now.toISOString());
    return after;
  });
}

export async function deleteTermsOfUse(db: Db, actor: Actor, id: number, now: Date): Promise<void> {
  const current = await loadTermsOfUse(db, actor, id);
  authorize(actor, "fulfillment.manage");
  await db.transaction().execute(async (tx) => {
    if (namesTerms(await repo.fulfillmentOutputs(tx, actor.institutionId), current.code)) {
      throw new AppError("IN_USE", {
        message: `Fulfillment unit rules use terms of use ${current.code}; point them elsewhere first.`,
      });
    }
    await repo.deleteTermsOfUse(tx, id);
    await recordVersion(tx, actor, "terms_of_use", id, "deleted", versionSnapshot(current), null, now.toISOString());
  });
}

interface UnitInput {
  code: string;
  name: string;
  location_ids: number[];
  default_terms_of_use: string;
}

export async function listUnits(db: Executor, actor: Actor) {
  authorize(actor, "configuration.read");
  return repo.listUnits(db, actor.institutionId);
}

export async function loadUnit(db: Executor, actor: Actor, id: number) {
  authorize(actor, "configuration.read");
  const unit = await repo.findUnit(db, actor.institutionId, id);
  if (!unit) throw notFound("fulfillment unit");
  return unit;
}

/** Locations must be the institution's and in no other unit. */
async function checkLocations(db: Executor, actor: Actor, unitId: number | null, ids: number[]) {
  const found = await repo.locationsWithUnits(db, actor.institutionId, ids);
  const problems: FieldProblem[] = [];
  ids.forEach((id, i) => {
    const row = found.find((f) => f.id === id);
    if (!row) problems.push({ field: `location_ids.${i}`, message: `${id} is not a location of this institution` });
    else if (row.unit_id !== null && row.unit_id !== unitId) {
      problems.push({
        field: `location_ids.${i}`,
        message: `location ${id} already belongs to fulfillment unit ${row.unit_code}`,
      });
    }
  });
  if (new Set(ids).size !== ids.length) problems.push({ field: "location_ids", message: "lists a location twice" });
  if (problems.length) {
    throw new AppError("VALIDATION_FAILED", { message: problems.map((p) => p.message).join("; "), fields: problems });
  }
}

export async function createUnit(db: Db, actor: Actor, input: UnitInput, now: Date) {
  authorize(actor, "fulfillment.manage");
  await checkLocations(db, actor, null, input.location_ids);
  if ((await repo.termsOfUseByCode(db, actor.institutionId, [input.default_terms_of_use])).length === 0) {
    throw new AppError("VALIDATION_FAILED", {
      message: `default_terms_of_use: ${input.default_terms_of_use} is not a terms of use of this institution.`,
      fields: [{ field: "default_terms_of_use", message: "is not a terms of use of this institution" }],
    });
  }
  const at = now.toISOString();
  return uniqueOr("fulfillment unit", input.code, () =>
    db.transaction().execute(async (tx) => {
      const unit = await repo.insertUnit(tx, actor.institutionId, { code: input.code, name: input.name }, at);
      await repo.setUnitLocations(tx, actor.institutionId, unit.id, input.location_ids);
      await repo.insertUnitTable(
        tx,
        actor.institutionId,
        unit.id,
        JSON.stringify({ terms_of_use: input.default_terms_of_use }),
        at,
      );
      const after = await unitSnapshot(tx, unit);
      await recordVersion(tx, actor, "fulfillment_unit", unit.id, "created", null, after, at);
      return unit;
    }),
  );
}

export async function updateUnit(
  db: Db,
  actor: Actor,
  id: number,
  input: Partial<Omit<UnitInput, "default_terms_of_use">>,
  now: Date,
) {
  const current = await loadUnit(db, actor, id);
  authorize(actor, "fulfillment.manage");
  if (input.location_ids) await checkLocations(db, actor, id, input.location_ids);
  const { location_ids, ...names } = input;
  return uniqueOr("fulfillment unit", input.code, () =>
    db.transaction().execute(async (tx) => {
      const before = await unitSnapshot(tx, current);
      const unit = await repo.updateUnit(tx, id, names, now.toISOString());
      if (location_ids) await repo.setUnitLocations(tx, actor.institutionId, id, location_ids);
      const after = await unitSnapshot(tx, unit);
      if (after !== before) {
        await recordVersion(tx, actor, "fulfillment_unit", id, "updated", before, after, now.toISOString());
      }
      return unit;
    }),
  );
}

export async function deleteUnit(db: Db, actor: Actor, id: number, now: Date): Promise<void> {
  const current = await loadUnit(db, actor, id);
  authorize(actor, "fulfillment.manage");
  await db.transaction().execute(async (tx) => {
    const before = await unitSnapshot(tx, current);
    await repo.deleteUnit(tx, actor.institutionId, id);
    await recordVersion(tx, actor, "fulfillment_unit", id, "deleted", before, null, now.toISOString());
  });
}

/** A unit as it reads: its names, its locations and its default terms of use (its rules have their own history). */
async function unitSnapshot(tx: Executor, unit: repo.UnitRow): Promise<string> {
  const locations = await repo.unitLocations(tx, unit.id);
  const terms = await repo.unitTableDefault(tx, unit.institution_id, unit.id);
  return versionSnapshot(unit, {
    locations: locations.map((l) => `${l.library_code}/${l.code}`),
    default_terms_of_use: terms?.terms_of_use ?? null,
  });
}
