import type { ReactElement } from "react";
import type { Place } from "../../shared/router";
import type { SetupAreas } from "../workspace";
import { departmentPages } from "./departments/pages";
import { ReadinessPage } from "./ReadinessPage";
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
  { slug: "departments", step: 2, area: "fulfillment", label: "departments", page: departmentPages },
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
