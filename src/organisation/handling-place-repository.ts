import type { Executor } from "../db/database.js";
import { listDesks } from "./desks-repository.js";
import type { PlaceCandidate } from "./handling-place.js";

/** Every place in the institution that could handle digitization, in the shape resolveHandlingPlace wants. */
export async function loadPlaceCandidates(db: Executor, institutionId: number): Promise<PlaceCandidate[]> {
  const [depts, served, allDesks] = await Promise.all([
    db
      .selectFrom("departments")
      .select(["id", "code", "name", "owner_level", "owner_library_id", "serves_all_libraries", "work_time_days"])
      .where("institution_id", "=", institutionId)
      .execute(),
    db
      .selectFrom("department_served_libraries")
      .select(["department_id", "library_id"])
      .where("institution_id", "=", institutionId)
      .execute(),
    listDesks(db, institutionId),
  ]);
  const desks = allDesks.filter((d) => d.supports_digitization === 1);
  return [
    ...depts.map((d): PlaceCandidate => ({
      kind: "department",
      id: d.id,
      code: d.code,
      name: d.name,
      level: d.owner_level,
      libraryId: d.owner_library_id,
      servesAll: d.serves_all_libraries === 1,
      servedLibraryIds: served.filter((s) => s.department_id === d.id).map((s) => s.library_id),
      supportsDigitization: true,
      workTimeDays: d.work_time_days,
    })),
    ...desks.map((d): PlaceCandidate => ({
      kind: "desk",
      id: d.id,
      code: d.code,
      name: d.name,
      level: "library",
      libraryId: d.library_id,
      servesAll: false,
      servedLibraryIds: [],
      supportsDigitization: d.supports_digitization === 1,
      workTimeDays: d.work_time_days,
    })),
  ];
}
