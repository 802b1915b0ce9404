import type { ReactElement } from "react";
import type { Place } from "../../shared/router";
import type { SetupAreas } from "../workspace";
import { departmentPages } from "./departments/pages";
import { fulfillmentUnitPages } from "./fulfillment-units/FulfillmentUnitsPage";
import { libraryPages } from "./libraries/LibrariesPage";
import { printerPages } from "./printers/PrintersPage";
import { ReadinessPage } from "./ReadinessPage";
import type { SectionLabel } from "./sections-text";
import { termsOfUsePages } from "./terms-of-use/TermsOfUsePage";
import { userGroupPages } from "./user-groups/UserGroupsPage";

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
  { slug: "libraries", step: null, area: "organisation", label: "libraries", page: libraryPages },
  { slug: "printers", step: null, area: "organisation", label: "printers", page: printerPages },
  { slug: "terms-of-use", step: 3, area: "fulfillment", label: "termsOfUse", page: termsOfUsePages },
  { slug: "fulfillment-units", step: 4, area: "fulfillment", label: "fulfillmentUnits", page: fulfillmentUnitPages },
  { slug: "user-groups", step: 5, area: "people", label: "userGroups", page: userGroupPages },
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
