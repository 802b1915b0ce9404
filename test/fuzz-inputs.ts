/*
 * What the fuzz test (fuzz.test.ts) throws at the routes: the route list read back from Fastify,
 * the OpenAPI shapes it fills, and the hostile strings, numbers, paths and bodies it draws from.
 */
import type { JsonSchema } from "./openapi-sample.js";

export interface Route {
  method: string;
  path: string;
}

/** Reads the route tree printed by Fastify (`commonPrefix: false`) back into method + full path. */
export function routesOf(tree: string): Route[] {
  const out: Route[] = [];
  const stack: string[] = [];
  for (const line of tree.split("\n")) {
    const m = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const full = (stack[depth - 1] ?? "") + m[2]!;
    stack[depth] = full;
    for (const method of (m[3] ?? "").split(",").map((s) => s.trim())) {
      if (method && method !== "HEAD" && method !== "OPTIONS") out.push({ method, path: full });
    }
  }
  return out;
}

export interface Operation {
  summary?: string;
  description?: string;
  parameters?: { in: string; name: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

// Hostile strings: what the database cannot store, what its query languages treat specially,
// what is too long, and Unicode that is valid but unusual.
export const NUL = "a\u0000b";
export const SURROGATE = "x\ud800y";
export const HOSTILE_STRINGS = [
  NUL,
  "\u0000",
  SURROGATE,
  "\udfff",
  "' OR 1=1 --",
  "%_\\%",
  '"unbalanced',
  'title:(a OR b*) NEAR/2 -c AND NOT "d" ^e',
  "*",
  ":",
  "-",
  "()",
  '"""',
  "NEAR(a b, 2)",
  "a & b | !c <-> d:*",
  "\u202e\ufeff😀\u0301 İstanbul ß ﬃ",
  "",
  " ",
  "x".repeat(10_000),
  "日本語".repeat(400),
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "{{ 7 * 7 }}{% raw %}",
  "1e999",
  "-0",
  "NaN",
];
export const HOSTILE_NUMBERS = [0, -1, 1.5, 2 ** 53 + 2, 9.3e18, 1e308, -1e308];
/** Nesting too deep for JSON.stringify is written as a marker and spliced into the JSON text. */
export const deep = (n: number): string => `__DEEP_${n}__`;
export const deepJson = (n: number): string => '{"a":['.repeat(n / 2) + '"x"' + "]}".repeat(n / 2);
export const toJson = (body: unknown): string =>
  JSON.stringify(body).replace(/"__DEEP_(\d+)__"/g, (_, n: string) => deepJson(Number(n)));
export const HOSTILE_VALUES: unknown[] = [
  ...HOSTILE_STRINGS,
  ...HOSTILE_NUMBERS,
  true,
  null,
  [],
  {},
  [NUL],
  { [NUL]: 1 },
  { nested: SURROGATE },
  deep(40),
  deep(3000),
];
export const HOSTILE_PATH = [
  "%00",
  "a%00b",
  "%ED%A0%80",
  "-1",
  "0",
  "1.5",
  "abc",
  "99999999999999999999",
  "9223372036854775808",
  "1e3",
  "%27%20OR%201%3D1",
  "%22(*)",
  "9".repeat(400),
  "%F0%9F%98%80",
  "%",
  "%zz",
  "%E0%A4%A",
  "%C0%80",
];
/** Query strings as sent, undecoded: broken escapes, repeated and bracketed keys. */
export const RAW_QUERIES = (name: string) => [
  `${name}=%`,
  `${name}=%E0%A4%A`,
  `${name}=%C0%80`,
  `${name}=a&${name}=b`,
  `${name}[]=a`,
  `${name}[a]=1`,
  `${name}`,
  `${name}=`,
];
export const WHOLE_BODIES: unknown[] = [deep(5000), [1, 2], "text", 42, null, { [NUL]: NUL }, { "\ud800": 1 }];

export const enc = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, "\ufffd"));

export function variants(s: JsonSchema | undefined): JsonSchema[] {
  if (!s) return [];
  return [
    s,
    ...(s.anyOf ?? []).flatMap(variants),
    ...(s.oneOf ?? []).flatMap(variants),
    ...(s.allOf ?? []).flatMap(variants),
  ];
}

/** A plausible value for a schema, so that one hostile field is tested while the others pass. */
export function plausible(s: JsonSchema | undefined, depth = 0): unknown {
  const vs = variants(s).filter((v) => v.type !== "null");
  const v = vs.find((x) => x.enum || x.const !== undefined || x.type || x.properties) ?? {};
  if (v.const !== undefined) return v.const;
  if (v.enum) return v.enum[0];
  if (v.default !== undefined) return v.default;
  const type = Array.isArray(v.type) ? v.type.find((x) => x !== "null") : v.type;
  if (type === "object" || v.properties) {
    if (depth > 4) return {};
    const out: Record<string, unknown> = {};
    for (const [k, p] of Object.entries(v.properties ?? {})) out[k] = plausible(p, depth + 1);
    return out;
  }
  if (type === "array") return depth > 4 ? [] : [plausible(v.items, depth + 1)];
  if (type === "integer" || type === "number") return Math.max(1, v.minimum ?? 1);
  if (type === "boolean") return true;
  if (v.pattern?.includes("\\d") || v.pattern?.includes("0-9")) return "1";
  return "FUZZ_1";
}

/** Every (dotted path, schema) pair of an object schema, two levels deep. */
export function bodyFields(s: JsonSchema | undefined, prefix: string[] = [], depth = 0): string[][] {
  const out: string[][] = [];
  for (const v of variants(s)) {
    for (const [k, p] of Object.entries(v.properties ?? {})) {
      out.push([...prefix, k]);
      if (depth < 1) out.push(...bodyFields(p, [...prefix, k], depth + 1));
    }
  }
  return out;
}

export function withField(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body ?? {}) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null || Array.isArray(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
  return copy;
}

/** Every string in a value replaced by one with a NUL byte, every key too. */
export function poisoned(v: unknown): unknown {
  if (typeof v === "string") return `${v}\u0000`;
  if (Array.isArray(v)) return v.map(poisoned);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poisoned(x)]));
  return v;
}
