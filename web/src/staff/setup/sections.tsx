import type { ReactElement } from "react";
import type { Place } from "../../shared/router";
import type { SetupAreas } from "../workspace";
import { departmentPages } from "./departments/pages";
import { cataloguePages } from "./loading/CataloguePage";
import { patronPages } from "./loading/PatronsPage";
import { ExplainPage } from "./explain/ExplainPage";
import { fulfillmentUnitPages } from "./fulfillment-units/FulfillmentUnitsPage";
import { LetterPage } from "./letters/LetterPage";
import { LettersPage } from "./letters/LettersPage";
import { libraryPages } from "./libraries/LibrariesPage";
import { PlanningPage } from "./planning/PlanningPage";
import { printerPages } from "./printers/PrintersPage";
import { ReadinessPage } from "./ReadinessPage";
import { RequestFormPage } from "./request-form/RequestFormPage";
import { RolesPage } from "./roles/RolesPage";
import { ReasonsRoute } from "./rules/ReasonsPage";
import { RulesRoute } from "./rules/RulesRoute";
import type { SectionLabel } from "./sections-text";
import { termsOfUsePages } from "./terms-of-use/TermsOfUsePage";
import { userGroupPages } from "./user-groups/UserGroupsPage";
import { signOnPages } from "./sign-on/SignOnPage";

/**
 * The setup section's parts in the guide's order (its eleven steps, then the checks). Each part
 * owns the addresses under /staff/setup/<slug>; `rest` is what follows the slug ("" or "/12"),
 * so a part routes its own detail pages. `area`: the setup permission the part needs to show in
 * the navigation (null: every staff member with setup). A step may have several parts (step 5:
 * user groups and their patron limits; step 7: the rules and the approval reasons they name):
 * they follow one another here, and the navigation lists them under the step's one number.
 */
export interface SetupSection {
  slug: string;
  step: number | null;
  area: keyof SetupAreas | null;
  label: SectionLabel;
  page(place: Place, rest: string): ReactElement | null;
  /** false: reached from another part's links (a fulfillment unit's rules), not listed in the navigation */
  nav?: false;
}

/** A rule table's part: the one rule-table editor, at /setup/rules/<table>. */
const rules = (table: string, step: number, label: SectionLabel): SetupSection => ({
  slug: `rules/${table}`,
  step,
  area: "fulfillment",
  label,
  page: (place, rest) => <RulesRoute place={place} rest={`/${table}${rest}`} />,
});

export const SETUP_SECTIONS: SetupSection[] = [
  {
    slug: "planning",
    step: 1,
    area: "organisation",
    label: "planning",
    page: (place) => <PlanningPage place={place} />,
  },
  { slug: "departments", step: 2, area: "fulfillment", label: "departments", page: departmentPages },
  { slug: "libraries", step: null, area: "organisation", label: "libraries", page: libraryPages },
  { slug: "printers", step: null, area: "organisation", label: "printers", page: printerPages },
  { slug: "terms-of-use", step: 3, area: "fulfillment", label: "termsOfUse", page: termsOfUsePages },
  { slug: "fulfillment-units", step: 4, area: "fulfillment", label: "fulfillmentUnits", page: fulfillmentUnitPages },
  {
    slug: "rules",
    step: 4,
    area: "fulfillment",
    label: "fulfillmentUnits",
    nav: false,
    page: (place, rest) => <RulesRoute place={place} rest={rest} />,
  },
  { slug: "user-groups", step: 5, area: "people", label: "userGroups", page: userGroupPages },
  rules("patron_limits", 5, "patronLimits"),
  { slug: "patrons", step: null, area: "people", label: "patrons", page: patronPages },
  rules("delivery", 6, "delivery"),
  rules("digitization", 7, "digitization"),
  {
    slug: "approval-reasons",
    step: 7,
    area: "fulfillment",
    label: "approvalReasons",
    page: (place, rest) => <ReasonsRoute place={place} rest={rest} />,
  },
  {
    slug: "request-form",
    step: 8,
    area: "fulfillment",
    label: "requestForm",
    page: (_, rest) => (rest === "" ? <RequestFormPage /> : null),
  },
  rules("display_logic", 9, "displayLogic"),
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
  { slug: "sign-on", step: null, area: "people", label: "signOn", page: signOnPages },
  { slug: "catalogue", step: null, area: "catalogue", label: "catalogue", page: cataloguePages },
  { slug: "readiness", step: null, area: null, label: "readiness", page: (place) => <ReadinessPage place={place} /> },
  { slug: "explain", step: null, area: null, label: "explain", page: (place) => <ExplainPage place={place} /> },
];

/** The section an address under /setup belongs to, and the rest of the address after its slug. */
export function findSection(sub: string): { section: SetupSection; rest: string } | null {
  const m = /^\/setup(?:\/(.+))?$/.exec(sub);
  if (!m) return null;
  const address = m[1] ?? "readiness";
  // the longest slug the address starts with: rules/digitization before rules
  const section = [...SETUP_SECTIONS]
    .sort((a, b) => b.slug.length - a.slug.length)
    .find((s) => address === s.slug || address.startsWith(`${s.slug}/`));
  return section ? { section, rest: address.slice(section.slug.length) } : null;
}

/** One entry of the navigation: a part outside the guide's steps, or a step with its parts. */
export interface SetupNavEntry {
  step: number | null;
  parts: SetupSection[];
}

/** The parts shown, each step's parts gathered under it, so every step number appears once. */
export function navEntries(shown: SetupSection[]): SetupNavEntry[] {
  const entries: SetupNavEntry[] = [];
  for (const part of shown) {
    const last = entries.at(-1);
    if (part.step !== null && last?.step === part.step) last.parts.push(part);
    else entries.push({ step: part.step, parts: [part] });
  }
  return entries;
}
