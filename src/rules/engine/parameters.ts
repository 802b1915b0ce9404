import { MATERIAL_TYPES } from "../../shared/material-types.js";

/**
 * The input-parameter registry of DOMAIN 5: every parameter a rule may test, with its type
 * (which decides the operators) and its domain (which decides the values). Pure.
 */

type ParameterType = "code" | "number" | "year" | "percentage" | "boolean";

/** Where a code parameter's values come from: a fixed list, or the institution's own codes. */
type Domain =
  | { kind: "fixed"; values: readonly string[] }
  | { kind: "institution"; of: "user_group" | "library" | "location" | "item_policy" };

export interface ParameterDef {
  name: string;
  type: ParameterType;
  label: string;
  domain?: Domain;
}

export type Operator =
  | "equals"
  | "not_equals"
  | "in_list"
  | "not_in_list"
  | "less_than"
  | "greater_than"
  | "between"
  | "is_empty"
  | "is_not_empty"
  | "contains";

export const OPERATORS: readonly Operator[] = [
  "equals",
  "not_equals",
  "in_list",
  "not_in_list",
  "less_than",
  "greater_than",
  "between",
  "is_empty",
  "is_not_empty",
  "contains",
];

// Numbers and years are both ordered quantities: the same operators.
const ordered: readonly Operator[] = [
  "equals",
  "not_equals",
  "in_list",
  "not_in_list",
  "less_than",
  "greater_than",
  "between",
  "is_empty",
  "is_not_empty",
];

export const operatorsByType: Record<ParameterType, readonly Operator[]> = {
  code: ["equals", "not_equals", "in_list", "not_in_list", "is_empty", "is_not_empty", "contains"],
  number: ordered,
  year: ordered,
  percentage: ["equals", "not_equals", "less_than", "greater_than", "between", "is_empty", "is_not_empty"],
  boolean: ["equals", "not_equals", "is_empty", "is_not_empty"],
};

const p = (name: string, type: ParameterType, label: string, domain?: Domain): ParameterDef =>
  domain ? { name, type, label, domain } : { name, type, label };

const userGroup = p("user_group", "code", "the patron’s user group", { kind: "institution", of: "user_group" });
const library = p("library", "code", "the item’s library", { kind: "institution", of: "library" });
const location = p("location", "code", "the item’s location", { kind: "institution", of: "location" });
const materialType = p("material_type", "code", "the material type", { kind: "fixed", values: MATERIAL_TYPES });
const itemPolicy = p("item_policy", "code", "the item policy");

const REQUEST_SOURCES = ["patron", "staff", "api", "openurl", "course"] as const;
export const SERVICES = ["digitization", "general_digitization"] as const;

/** The parameters each rule table may use (DOMAIN 5.2, 5.3, 5.4, 5.5, 5.7). */
export const parametersByKind = {
  digitization: [
    userGroup,
    library,
    location,
    materialType,
    itemPolicy,
    p("publication_year", "year", "the year of publication"),
    p("pages_requested", "number", "the number of pages requested"),
    p("percentage_requested", "percentage", "the percentage of the work requested (pages requested / total pages)"),
    p("whole_item", "boolean", "whether the whole item is requested"),
    p("full_chapter", "boolean", "whether a whole chapter is requested"),
    p("request_source", "code", "where the request comes from", { kind: "fixed", values: REQUEST_SOURCES }),
    p(
      "days_since_same_item_request",
      "number",
      "days since the same patron last requested the same item (empty when never)",
    ),
    p("open_requests_same_item", "number", "the patron’s other open requests for the same item"),
  ],
  delivery: [userGroup, library, location, materialType],
  display_logic: [
    userGroup,
    library,
    location,
    materialType,
    p("item_available", "boolean", "whether an item is on the shelf"),
    p("full_text_online", "boolean", "whether the title has full text online (a full_text_url)"),
    p("hold_requestable", "boolean", "whether the item can be requested as a hold (its terms of use)"),
  ],
  fulfillment_unit: [userGroup, itemPolicy, materialType, location, library],
  patron_limits: [userGroup],
} satisfies Record<string, ParameterDef[]>;

export type TableKind = keyof typeof parametersByKind;

export function findParameter(kind: TableKind, name: string): ParameterDef | undefined {
  return (parametersByKind[kind] as ParameterDef[]).find((d) => d.name === name);
}
