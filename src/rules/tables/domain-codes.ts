import type { Executor } from "../../db/database.js";
import { listLibraries, listLocations } from "../../organisation/libraries-repository.js";
import { listUserGroups } from "../../people/user-groups-repository.js";
import { listTermsOfUse } from "../service-terms/service-terms-repository.js";

export const codesOf = (rows: readonly { code: string }[]): Set<string> => new Set(rows.map((r) => r.code));

/** The institution's codes that rule values are checked against, each read from its table's repository. */
export async function domainCodes(db: Executor, institutionId: number) {
  return {
    user_group: codesOf(await listUserGroups(db, institutionId)),
    library: codesOf(await listLibraries(db, institutionId)),
    location: codesOf(await listLocations(db, institutionId)),
    terms_of_use: codesOf(await listTermsOfUse(db, institutionId)),
  };
}
