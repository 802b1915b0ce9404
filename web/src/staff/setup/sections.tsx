import type { ReactElement } from "react";
import type { Place } from "../../shared/router";
import type { SetupAreas } from "../workspace";
import { LetterPage } from "./letters/LetterPage";
import { LettersPage } from "./letters/LettersPage";
import { ReadinessPage } from "./ReadinessPage";
import { RequestFormPage } from "./request-form/RequestFormPage";
import { RolesPage } from "./roles/RolesPage";
import type { SectionLabel } from "./sections-text";

/**
 * The setup section's parts in the guide's order (its eleven steps, then the checks). Each part
 * owns the addresses under /staff/setup/<slug>; `rest` is what follows the slug ("" or "/12"),
 * so a part routes its own detail pages. `area`: the setup permission the part needs to show in
 * the navigation (null: every staff member with setup).
 */
export interface SetupSection {
  slug: string;
  step: number | null;
  area: keyof SetupAreas | null;
  label: SectionLabel;
  page(place: Place, rest: string): ReactElement | null;
}

export const SETUP_SECTIONS: SetupSection[] = [
  {
    slug: "request-form",
    step: 8,
    area: "fulfillment",
    label: "requestForm",
    page: (_, rest) => (rest === "" ? <RequestFormPage /> : null),
  },
  {
    slug: "letters",
    step: 10,
    area: "letters",
    label: "letters",
    page: (place, rest) => {
      const code = /^\/([a-z_]+)$/.exec(rest)?.[1];
      return rest === "" ? <LettersPage place={place} /> : code ? <LetterPage place={place} code={code} /> : null;
    },
  },
  {
    slug: "roles",
    step: 11,
    area: "people",
    label: "roles",
    page: (place, rest) => (rest === "" ? <RolesPage place={place} /> : null),
  },
  { slug: "readiness", step: null, area: null, label: "readiness", page: (place) => <ReadinessPage place={place} /> },
];

/** The section an address under /setup belongs to, and the rest of the address after its slug. */
export function findSection(sub: string): { section: SetupSection; rest: string } | null {
  const m = /^\/setup(?:\/([a-z0-9-]+)(\/.*)?)?$/.exec(sub);
  if (!m) return null;
  const slug = m[1] ?? "readiness";
  const section = SETUP_SECTIONS.find((s) => s.slug === slug);
  return section ? { section, rest: m[2] ?? "" } : null;
}
