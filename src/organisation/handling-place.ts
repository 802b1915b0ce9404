/**
 * Which place handles a digitization request (DOMAIN 1). Pure: the caller loads the
 * candidates (handling-place-repository.ts), this decides and says why.
 */

export interface PlaceCandidate {
  kind: "department" | "desk";
  id: number;
  code: string;
  name: string;
  /** a desk, or a department owned by a library, is library-level */
  level: "library" | "institution";
  /** the desk's library, or the library that owns a library-level department */
  libraryId: number | null;
  /** institution-level departments: serves the whole institution, or only servedLibraryIds */
  servesAll: boolean;
  servedLibraryIds: number[];
  /** desks only: whether the Digitization section is switched on */
  supportsDigitization: boolean;
  workTimeDays: number | null;
}

type PlaceDecision =
  | { place: PlaceCandidate; reason: string }
  | { place: null; reason: string; code: "NO_HANDLING_PLACE" | "UNKNOWN_TARGET" };

const label = (p: PlaceCandidate) => `${p.kind === "desk" ? "circulation desk" : "department"} ${p.code}`;

function servesLibrary(p: PlaceCandidate, libraryId: number): boolean {
  if (p.kind === "desk") return p.supportsDigitization && p.libraryId === libraryId;
  if (p.level === "library") return p.libraryId === libraryId;
  return p.servesAll || p.servedLibraryIds.includes(libraryId);
}

/**
 * Library-level places win over institution-level ones. Among library-level places a
 * department (a dedicated digitization unit) wins over a desk; among institution-level
 * departments one that names the library wins over one that serves everybody. Ties go to the
 * lowest code, so the answer never depends on row order.
 */
function rank(p: PlaceCandidate): number {
  if (p.level === "library") return p.kind === "department" ? 0 : 1;
  return p.servesAll ? 3 : 2;
}

export function resolveHandlingPlace(
  libraryId: number,
  candidates: PlaceCandidate[],
  explicitTarget: { code: string; source: "rule" | "staff" } | null = null,
): PlaceDecision {
  if (explicitTarget) {
    const chosen = candidates.find(
      (p) => p.code === explicitTarget.code && (p.kind === "department" || p.supportsDigitization),
    );
    if (!chosen) {
      return {
        place: null,
        code: "UNKNOWN_TARGET",
        reason: `The ${explicitTarget.source} names ${explicitTarget.code}, which is not a digitization department or a desk that supports digitization.`,
      };
    }
    return {
      place: chosen,
      reason: `The ${explicitTarget.source === "rule" ? "digitization rule" : "staff member"} set the target to ${label(chosen)}.`,
    };
  }
  const serving = candidates
    .filter((p) => servesLibrary(p, libraryId))
    .sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code));
  const best = serving[0];
  if (!best) {
    return {
      place: null,
      code: "NO_HANDLING_PLACE",
      reason: "No digitization department or digitization-enabled circulation desk serves this library.",
    };
  }
  const why =
    best.level === "library"
      ? `it belongs to the item’s library${serving.length > 1 ? ", which wins over institution-level places" : ""}`
      : best.servesAll
        ? "it serves the whole institution and no library-level place serves this library"
        : "it lists this library among those it serves and no library-level place serves it";
  return { place: best, reason: `Handled by ${label(best)} (${best.name}): ${why}.` };
}
