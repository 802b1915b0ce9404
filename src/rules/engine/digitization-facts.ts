import type { Facts } from "./engine.js";

/**
 * The facts a digitization rule is evaluated against (DOMAIN 5.5), from what placement
 * loaded. Pure. Unknown values are null, so rules that need them do not match.
 */
interface DigitizationSubject {
  userGroup: string | null;
  libraryCode: string | null;
  locationCode: string | null;
  materialType: string | null;
  itemPolicy: string | null;
  publicationYear: number | null;
  /** the item's page count, else the record's (from its extent) */
  totalPages: number | null;
  pagesRequested: number | null;
  wholeItem: boolean;
  fullChapter: boolean;
  source: string;
  daysSinceSameItemRequest: number | null;
  openRequestsSameItem: number;
}

export function digitizationFacts(s: DigitizationSubject): Facts {
  // A whole item is all of the work; otherwise the share is known only when both counts are.
  const percentage = s.wholeItem
    ? 100
    : s.pagesRequested !== null && s.totalPages
      ? Math.round((s.pagesRequested / s.totalPages) * 10000) / 100
      : null;
  return {
    user_group: s.userGroup,
    library: s.libraryCode,
    location: s.locationCode,
    material_type: s.materialType,
    item_policy: s.itemPolicy,
    publication_year: s.publicationYear,
    pages_requested: s.pagesRequested,
    percentage_requested: percentage,
    whole_item: s.wholeItem,
    full_chapter: s.fullChapter,
    request_source: s.source,
    days_since_same_item_request: s.daysSinceSameItemRequest,
    open_requests_same_item: s.openRequestsSameItem,
  };
}
