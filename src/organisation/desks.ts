import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import { AppError, invalid, notFound } from "../errors.js";
import * as repo from "./desks-repository.js";
import { loadLibrary, uniqueOr } from "./libraries.js";
import { rulesTargeting } from "./place-references-repository.js";

/** Use cases for circulation desks (DOMAIN 1). Each owns its transaction. */

interface DigitizationSection {
  supports_digitization: boolean;
  work_time_days: number | null;
}

interface NewDesk {
  code: string;
  name: string;
  /** omitted: the desk does not support digitization */
  digitization?: { supports_digitization: boolean; work_time_days?: number | null | undefined } | undefined;
}

interface DeskChanges {
  code?: string | undefined;
  name?: string | undefined;
  /** merged into the desk's current section; only the keys sent change */
  digitization?:
    { supports_digitization?: boolean | undefined; work_time_days?: number | null | undefined } | undefined;
}

/** A desk that does digitization must say after how many days an unfilled request expires. */
function checkDigitization(section: DigitizationSection): DigitizationSection {
  if (section.supports_digitization && section.work_time_days === null) {
    throw invalid(
      "digitization.work_time_days",
      "digitization.work_time_days is required (whole days, at least 1) when supports_digitization is true.",
    );
  }
  return section;
}

export async function loadDesk(db: Db, actor: Actor, id: number) {
  const desk = await repo.findDesk(db, actor.institutionId, id);
  if (!desk) throw notFound("circulation desk");
  return desk;
}

export async function listLibraryDesks(db: Db, actor: Actor, libraryId: number) {
  await loadLibrary(db, actor, libraryId);
  return repo.listDesks(db, actor.institutionId, libraryId);
}

export async function createDesk(db: Db, actor: Actor, libraryId: number, input: NewDesk, now: Date) {
  await loadLibrary(db, actor, libraryId);
  authorize(actor, "fulfillment.manage");
  const section = checkDigitization({
    supports_digitization: input.digitization?.supports_digitization ?? false,
    work_time_days: input.digitization?.work_time_days ?? null,
  });
  return uniqueOr("circulation desk", input.code, () =>
    repo.insertDesk(
      db,
      actor.institutionId,
      libraryId,
      { code: input.code, name: input.name, ...section },
      now.toISOString(),
    ),
  );
}

export async function updateDesk(db: Db, actor: Actor, id: number, input: DeskChanges, now: Date) {
  const current = await loadDesk(db, actor, id);
  authorize(actor, "fulfillment.manage");
  const { digitization, ...fields } = input;
  const section = digitization
    ? checkDigitization({
        supports_digitization: digitization.supports_digitization ?? current.supports_digitization === 1,
        work_time_days:
          digitization.work_time_days === undefined ? current.work_time_days : digitization.work_time_days,
      })
    : {};
  return uniqueOr("circulation desk", input.code, () =>
    repo.updateDesk(db, id, { ...fields, ...section }, now.toISOString()),
  );
}

export async function deleteDesk(db: Db, actor: Actor, id: number): Promise<void> {
  const desk = await loadDesk(db, actor, id);
  authorize(actor, "fulfillment.manage");
  await db.transaction().execute(async (tx) => {
    const used: string[] = [];
    if (await repo.deskHasRequests(tx, id)) used.push("requests");
    used.push(...(await rulesTargeting(tx, actor.institutionId, desk.code)));
    if (used.length > 0) {
      throw new AppError("IN_USE", {
        message: `The circulation desk ${desk.code} is still referenced by ${used.join(", ")}.`,
        details: { used_by: used },
      });
    }
    await repo.deleteDesk(tx, id);
  });
}
