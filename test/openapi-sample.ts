/* A minimal value an OpenAPI schema accepts: the bodies the authorization matrix sends, so that validation passes and authorization is what answers. */

// ---- bodies from the route's OpenAPI schema ---------------------------------------------------

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minItems?: number;
  minLength?: number;
  minimum?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
};

/** A minimal value the schema accepts (every required field, smallest sizes). */
export function sample(s: JsonSchema | undefined, key = ""): unknown {
  if (!s) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum.find((v) => v !== null) ?? s.enum[0];
  if (s.allOf) return Object.assign({}, ...s.allOf.map((x) => sample(x, key) as object));
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return sample(alt.find((x) => x.type !== "null") ?? alt[0], key);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = sample(s.properties?.[k], k);
      return out;
    }
    case "array":
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items, key));
    case "integer":
    case "number":
      return Math.max(s.minimum ?? 1, 1);
    case "boolean":
      return false;
    case "string": {
      if (s.format === "date") return "2026-03-02";
      if (s.format === "date-time") return "2026-03-02T09:00:00.000Z";
      if (s.format === "email") return "someone@example.edu";
      const base = `X${key.toUpperCase().replace(/[^A-Z]/g, "")}${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
      return base.padEnd(s.minLength ?? 1, "X");
    }
    default:
      return null;
  }
}
