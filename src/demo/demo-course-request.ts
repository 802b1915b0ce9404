import { loadActor } from "../auth/repository.js";
import { firstShelvedItemInLibrary } from "../catalogue/items-repository.js";
import { findLibraryIdByCode } from "../organisation/libraries-repository.js";
import { requestFormSchema } from "../requests/form.js";
import { placeRequest } from "../requests/place-request.js";
import type { DomainContext } from "../context.js";
import { DEMO_DELIVERY_PATRON } from "./demo-delivery.js";
import { findUserByPrimaryId } from "../people/users-repository.js";

const OPERATOR = "demo-fs-operator";
const DEMO_COURSE = { code: "HIST-201", name: "Early modern Europe" } as const;

/**
 * One course-reserve request, so the demo shows the source `course` that predefined rule 6
 * tests: the Fulfillment Services Operator places it for the faculty patron, on an item of a
 * library the operator serves, through the real use case.
 */
export async function seedCourseRequest(ctx: DomainContext, institutionId: number): Promise<number | null> {
  const { db } = ctx;
  const patronRow = await findUserByPrimaryId(db, institutionId, DEMO_DELIVERY_PATRON);
  const operatorRow = await findUserByPrimaryId(db, institutionId, OPERATOR);
  const main = await findLibraryIdByCode(db, institutionId, "MAIN");
  const item = main === null ? undefined : await firstShelvedItemInLibrary(db, institutionId, main);
  if (!patronRow || !operatorRow || !item) return null;
  const operator = await loadActor(db, operatorRow.id, "session");
  if (!operator) return null;
  const placed = await placeRequest(
    db,
    operator,
    {
      userId: patronRow.id,
      mmsId: item.bib_id,
      itemId: item.id,
      source: "staff",
      course: DEMO_COURSE,
      form: requestFormSchema.parse({
        required_pages_range: [{ from_page: "1", to_page: "12" }],
        comment: "Week 3 reading",
      }),
    },
    ctx.clock.now(),
  );
  return placed.request.id;
}
