import type { Executor } from "../../db/database.js";
import { resolveHandlingPlace } from "../../organisation/handling-place.js";
import { loadPlaceCandidates } from "../../organisation/handling-place-repository.js";
import { compiledTable } from "../tables/compiled-tables.js";
import { describeStep, type Decision, type Facts, type TraceStep } from "../engine/engine.js";
import { fulfillmentUnitTable } from "../tables/rule-tables.js";
import type { ItemRow as ServiceItem } from "../../catalogue/items-repository.js";
import { termsOfUseByCode } from "../service-terms/service-terms-repository.js";
import { tableTitle } from "../engine/table-kinds.js";

/**
 * The checks of DOMAIN 4 that depend on the item (or library) and the rule tables: terms of use
 * through the fulfillment unit, delivery rules, a place that serves the library, display logic.
 * Each answers a step with a sentence and the table, rule and trace behind it.
 */

type CheckName =
  | "terms_of_use"
  | "patron_status"
  | "patron_blocks"
  | "patron_limit"
  /** the patron limit is 0: the user group may not request digitization at all (not a limit reached) */
  | "patron_group"
  | "delivery"
  | "handling_place"
  | "display_logic"
  | "items";

export interface ExplainStep {
  check: CheckName;
  passed: boolean;
  sentence: string;
  table: string | null;
  rule_id: number | null;
  rule_name: string | null;
  trace: (TraceStep & { sentence: string })[] | null;
}

export const step = (check: CheckName, passed: boolean, sentence: string): ExplainStep => ({
  check,
  passed,
  sentence,
  table: null,
  rule_id: null,
  rule_name: null,
  trace: null,
});

export const fromDecision = <O>(
  check: CheckName,
  table: string,
  d: Decision<O>,
  passed: boolean,
  sentence: string,
): ExplainStep => ({
  check,
  passed,
  sentence,
  table,
  rule_id: d.ruleId,
  rule_name: d.ruleName,
  trace: d.trace ? d.trace.map((s) => ({ ...s, sentence: describeStep(s) })) : null,
});

export const byWhom = (d: Decision<unknown>) => (d.ruleName ? `rule "${d.ruleName}"` : "the default rule");

type ServiceName = "digitization" | "general_digitization";
const serviceLabel: Record<ServiceName, string> = {
  digitization: "Digitization",
  general_digitization: "General digitization",
};

export interface Place {
  libraryId: number | null;
  libraryCode: string | null;
  locationCode: string | null;
  materialType: string | null;
  itemPolicy: string | null;
  available: boolean | null;
}

export const placeOfItem = (i: ServiceItem, bibMaterialType: string): Place => ({
  libraryId: i.library_id,
  libraryCode: i.library_code,
  locationCode: i.location_code,
  materialType: i.material_type ?? bibMaterialType,
  itemPolicy: i.item_policy,
  available: i.process_status === "IN_PLACE",
});

/** The terms of use step, with what the terms say beyond digitizable that later steps need. */
export type TermsOfUseStep = ExplainStep & {
  maxPages: number | null;
  /** the terms' is_requestable: display logic's hold_requestable; null when no terms apply */
  holdRequestable: boolean | null;
};

export async function termsOfUseStep(
  db: Executor,
  institutionId: number,
  userGroup: string | null,
  item: ServiceItem,
  place: Place,
  trace: boolean,
): Promise<TermsOfUseStep> {
  const where = `${place.libraryCode}/${place.locationCode}`;
  if (item.unit_id === null) {
    return {
      ...step(
        "terms_of_use",
        true,
        `Location ${where} belongs to no fulfillment unit, so no terms of use restricts it.`,
      ),
      maxPages: null,
      holdRequestable: null,
    };
  }
  const ref = fulfillmentUnitTable(item.unit_id);
  const table = await compiledTable<{ terms_of_use: string }>(db, institutionId, ref.key);
  const facts: Facts = {
    user_group: userGroup,
    item_policy: place.itemPolicy,
    material_type: place.materialType,
    location: place.locationCode,
    library: place.libraryCode,
  };
  const d = table.evaluate(facts, { trace });
  const [terms] = await termsOfUseByCode(db, institutionId, [d.output.terms_of_use]);
  const digitizable = terms?.is_digitizable === 1;
  const sentence =
    `Location ${where} is in fulfillment unit ${item.unit_code}; ${byWhom(d)} of its Request rules gives terms of use ` +
    `${d.output.terms_of_use}${terms ? ` (${terms.name})` : ""}, which ${digitizable ? "allows" : "does not allow"} digitization.`;
  return {
    ...fromDecision("terms_of_use", `fulfillment_unit.${item.unit_code}`, d, digitizable, sentence),
    maxPages: terms?.max_pages_per_request ?? null,
    holdRequestable: terms ? terms.is_requestable === 1 : null,
  };
}

export async function deliveryStep(
  db: Executor,
  institutionId: number,
  userGroup: string | null,
  place: Place,
  trace: boolean,
): Promise<ExplainStep> {
  const table = await compiledTable<{ allowed: boolean }>(db, institutionId, "delivery");
  const d = table.evaluate(
    {
      user_group: userGroup,
      library: place.libraryCode,
      location: place.locationCode,
      material_type: place.materialType,
    },
    { trace },
  );
  const sentence = d.output.allowed
    ? `${tableTitle.delivery}: ${byWhom(d)} lets user group ${userGroup ?? "(none)"} receive files electronically.`
    : `${tableTitle.delivery}: ${byWhom(d)} does not let user group ${userGroup ?? "(none)"} receive files electronically, so digitization is not offered.`;
  return fromDecision("delivery", "delivery", d, d.output.allowed, sentence);
}

export async function placeStep(db: Executor, institutionId: number, libraryId: number | null): Promise<ExplainStep> {
  if (libraryId === null) {
    return step(
      "handling_place",
      true,
      "The title has no holdings: the patron names the library when placing the request.",
    );
  }
  const decision = resolveHandlingPlace(libraryId, await loadPlaceCandidates(db, institutionId));
  return step("handling_place", decision.place !== null, decision.reason);
}

/** Display logic's facts about the title and the item beyond its place (null: unknown). */
export interface OfferFacts {
  fullTextOnline: boolean;
  holdRequestable: boolean | null;
}

/**
 * The facts of general digitization: a title without items has nothing to place a hold on.
 * Full text online is the title's all the same.
 */
export const titleOnlyFacts = (bib: { full_text_url: string | null }): OfferFacts => ({
  fullTextOnline: bib.full_text_url !== null,
  holdRequestable: false,
});

export const itemFacts = (bib: { full_text_url: string | null }, terms: TermsOfUseStep): OfferFacts => ({
  fullTextOnline: bib.full_text_url !== null,
  holdRequestable: terms.holdRequestable,
});

export async function displayStep(
  db: Executor,
  institutionId: number,
  service: ServiceName,
  userGroup: string | null,
  place: Place,
  known: OfferFacts,
  trace: boolean,
): Promise<ExplainStep> {
  const table = await compiledTable<{ hide: string[] }>(db, institutionId, "display_logic");
  const d = table.evaluate(
    {
      user_group: userGroup,
      library: place.libraryCode,
      location: place.locationCode,
      material_type: place.materialType,
      item_available: place.available,
      full_text_online: known.fullTextOnline,
      hold_requestable: known.holdRequestable,
    },
    { trace },
  );
  const hidden = d.output.hide.includes(service);
  const sentence = hidden
    ? `Display logic: ${byWhom(d)} hides ${serviceLabel[service]} from this patron.`
    : d.ruleName
      ? `Display logic: rule "${d.ruleName}" matched but does not hide ${serviceLabel[service]}.`
      : `Display logic: no rule hides ${serviceLabel[service]}.`;
  return fromDecision("display_logic", "display_logic", d, !hidden, sentence);
}
