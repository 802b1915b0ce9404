import type { CheckSentence, Messages, Say } from "./index.js";

/*
 * A zod issue as a sentence in the reader's language, chosen by what failed (its code and
 * limits), never by translating zod's English: a missing value, a text too long, a number out of
 * range, a custom check that names its sentence with `sayOnFailure`. The issue's own English
 * message is kept for API clients and the /almaws routes, which read it as before.
 */

export interface IssueFacts {
  /** zod's issue code: invalid_type, too_big, too_small, invalid_format, custom, ... */
  code: string;
  /** the rest of the issue: expected, origin, minimum, maximum, params, keys, ... */
  params: Record<string, unknown>;
  /** the field was not sent at all (or was empty), as opposed to sent with a wrong value */
  missing: boolean;
}

const num = (v: unknown): number => (typeof v === "number" || typeof v === "bigint" ? Number(v) : NaN);

function limitSay(origin: unknown, bound: "min" | "max", n: number): Say {
  if (origin === "string") return bound === "max" ? (m) => m.fields.tooLong(n) : (m) => m.fields.tooShort(n);
  if (origin === "array" || origin === "set")
    return bound === "max" ? (m) => m.fields.tooMany(n) : (m) => m.fields.tooFew(n);
  if (origin === "number" || origin === "int" || origin === "bigint")
    return bound === "max" ? (m) => m.fields.atMost(n) : (m) => m.fields.atLeast(n);
  return (m) => m.fields.invalid;
}

function typeSay(expected: unknown): Say {
  switch (expected) {
    case "number":
    case "bigint":
      return (m) => m.fields.notANumber;
    case "int":
      return (m) => m.fields.notWhole;
    case "string":
      return (m) => m.fields.notText;
    case "boolean":
      return (m) => m.fields.notYesOrNo;
    case "array":
      return (m) => m.fields.notAList;
    default:
      return (m) => m.fields.invalid;
  }
}

function customSay(params: unknown): Say {
  const key = (params as { say?: unknown } | undefined)?.say;
  if (typeof key === "string") return (m: Messages) => m.fields[key as CheckSentence] ?? m.fields.invalid;
  return (m) => m.fields.invalid;
}

export function sayIssue(issue: IssueFacts): Say {
  const p = issue.params;
  if (issue.missing && issue.code !== "unrecognized_keys") return (m) => m.fields.required;
  switch (issue.code) {
    case "invalid_type":
      return typeSay(p.expected);
    case "too_big":
      return limitSay(p.origin, "max", num(p.maximum));
    case "too_small":
      // An empty text where one is needed is a missing answer, not a short one.
      if (p.origin === "string" && num(p.minimum) <= 1) return (m) => m.fields.required;
      return limitSay(p.origin, "min", num(p.minimum));
    case "not_multiple_of":
      return (m) => m.fields.notWhole;
    case "invalid_format":
      return (m) => m.fields.badFormat;
    case "invalid_value":
    case "invalid_union":
      return (m) => m.fields.notOneOf;
    case "unrecognized_keys": {
      const keys = Array.isArray(p.keys) ? p.keys.map(String).join(", ") : "";
      return (m) => m.fields.unknownFields(keys);
    }
    case "custom":
      return customSay(p.params);
    default:
      return (m) => m.fields.invalid;
  }
}
