import type { AttributeMapping } from "./provider-model.js";

/*
 * A provider's claims or attributes through its mapping, to the user fields Recto keeps. Pure:
 * OpenID Connect claims and SAML attributes alike arrive as `name -> values` (a single claim is a
 * one-value list), so both protocols share this and its tests.
 */

export type Attributes = Record<string, string[]>;

export interface MappedPerson {
  primaryId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  preferredLanguage: string | null;
  userGroupCode: string;
}

/** Why a person's attributes cannot make a Recto user (the sign-in is refused for it). */
export type MappingRefusal = "no_primary_id" | "no_group_matched";

export type MappingResult = { ok: true; person: MappedPerson } | { ok: false; reason: MappingRefusal };

/** The attribute's first non-blank value, trimmed; null when it is absent or blank. */
function first(attributes: Attributes, name: string | null | undefined): string | null {
  if (!name) return null;
  for (const v of attributes[name] ?? []) {
    const t = v.trim();
    if (t !== "") return t;
  }
  return null;
}

/**
 * The group of the first rule, in the mapping's order, whose value equals one of the attribute's
 * values (a person affiliated as both staff and student gets the rule listed first); else the
 * default, which null makes a refusal.
 */
function groupOf(attributes: Attributes, mapping: AttributeMapping["user_group"]): string | null {
  const values = new Set((attributes[mapping.attribute] ?? []).map((v) => v.trim()));
  const rule = mapping.rules.find((r) => values.has(r.value.trim()));
  return rule?.user_group_code ?? mapping.default_user_group_code;
}

export function mapAttributes(attributes: Attributes, mapping: AttributeMapping): MappingResult {
  const primaryId = first(attributes, mapping.primary_id);
  if (primaryId === null) return { ok: false, reason: "no_primary_id" };
  const userGroupCode = groupOf(attributes, mapping.user_group);
  if (userGroupCode === null) return { ok: false, reason: "no_group_matched" };
  return {
    ok: true,
    person: {
      primaryId,
      email: first(attributes, mapping.email),
      firstName: first(attributes, mapping.first_name),
      lastName: first(attributes, mapping.last_name),
      preferredLanguage: first(attributes, mapping.preferred_language),
      userGroupCode,
    },
  };
}

/** Claims (strings, numbers, booleans, or lists of them) as attributes; objects are left out. */
export function claimsToAttributes(claims: Record<string, unknown>): Attributes {
  const out: Attributes = {};
  for (const [name, value] of Object.entries(claims)) {
    const list = Array.isArray(value) ? (value as unknown[]) : [value];
    const values = list
      .filter((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean")
      .map(String);
    if (values.length > 0) out[name] = values;
  }
  return out;
}
