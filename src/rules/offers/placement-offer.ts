import type { Executor } from "../../db/database.js";
import { AppError } from "../../errors.js";
import {
  deliveryStep,
  displayStep,
  itemFacts,
  placeOfItem,
  termsOfUseStep,
  titleOnlyFacts,
  type ExplainStep,
  type OfferFacts,
  type Place,
} from "./offer-checks.js";
import { placeCodes } from "../../organisation/libraries-repository.js";
import type { ItemRow as ServiceItem } from "../../catalogue/items-repository.js";

/**
 * The rule-table checks of DOMAIN 4 that placement repeats for the chosen item or library, so
 * that what is not offered cannot be placed either: terms of use, delivery rules, display logic.
 * (Patron status, blocks, limits and the handling place are checked by placement itself.)
 * Throws DIGITIZATION_NOT_OFFERED with the deciding sentence; answers the terms' page cap.
 */
export async function assertOffered(
  db: Executor,
  institutionId: number,
  userGroup: string | null,
  bib: { id: number; material_type: string; full_text_url: string | null },
  /** the chosen item as placement read it (null: a title-level request) */
  item: ServiceItem | null,
  libraryId: number,
): Promise<{ maxPages: number | null }> {
  let maxPages: number | null = null;
  let known: OfferFacts = titleOnlyFacts(bib);
  const steps: (() => Promise<ExplainStep>)[] = [];
  let place: Place;
  if (item !== null) {
    place = placeOfItem(item, bib.material_type);
    steps.push(async () => {
      const terms = await termsOfUseStep(db, institutionId, userGroup, item, place, false);
      maxPages = terms.maxPages;
      known = itemFacts(bib, terms);
      return terms;
    });
  } else {
    const codes = await placeCodes(db, libraryId, null);
    place = {
      libraryId,
      libraryCode: codes.libraryCode,
      locationCode: null,
      materialType: bib.material_type,
      itemPolicy: null,
      available: false,
    };
  }
  steps.push(() => deliveryStep(db, institutionId, userGroup, place, false));
  steps.push(() =>
    displayStep(
      db,
      institutionId,
      item === null ? "general_digitization" : "digitization",
      userGroup,
      place,
      known,
      false,
    ),
  );
  for (const run of steps) {
    const s = await run();
    if (!s.passed) {
      throw new AppError("DIGITIZATION_NOT_OFFERED", {
        message: s.sentence,
        details: { check: s.check, table: s.table, rule_id: s.rule_id, rule_name: s.rule_name },
      });
    }
  }
  return { maxPages };
}
