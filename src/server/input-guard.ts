import type { FastifyInstance } from "fastify";
import { AppError, type FieldProblem } from "../errors.js";

/*
 * Text the databases cannot keep is refused at the edge, before any route, hook or query sees
 * it: PostgreSQL rejects U+0000 in text (an error, not a stored value), and a lone UTF-16
 * surrogate (valid in a JSON string such as "\ud800", but not Unicode) would be silently turned
 * into U+FFFD on the way to either database. Bodies nested deeper than any Recto document are
 * refused too, since code walking them recursively could run out of stack.
 */

/** Deepest nesting of objects and arrays a JSON body may have (rule conditions need far fewer). */
export const MAX_BODY_DEPTH = 32;
/** At most this many offending fields are named in one answer. */
const MAX_PROBLEMS = 20;

const NUL = "\u0000";
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored, or null when it can. */
function unstorableText(value: string): string | null {
  if (value.includes(NUL)) return "contains the NUL character (U+0000), which cannot be stored; remove it";
  const m = LONE_SURROGATE.exec(value);
  if (m) {
    const code = m[0].charCodeAt(0).toString(16).toUpperCase();
    return `contains an unpaired surrogate (\\u${code}), which is not valid Unicode text; send well-formed UTF-8`;
  }
  return null;
}

/** A field name that can itself be shown: bad characters in an object key are written as \uXXXX. */
const printable = (key: string): string =>
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  key.replace(/[\u0000-\u001f\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

const join = (path: string, key: string | number): string =>
  path
    ? `${path}.${typeof key === "number" ? key : printable(key)}`
    : typeof key === "number"
      ? String(key)
      : printable(key);

/**
 * Every problem in `value` (strings, object keys, nested values), named by dotted path from
 * `root` ("" for a body: its fields are named as validation names them, e.g. `title` or
 * `required_pages_range.0.from_page`). Walks without recursion, so no input can exhaust the stack.
 */
export function findUnstorable(value: unknown, root: string, rootName: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value: v, path, depth } = stack.pop()!;
    const field = path || rootName;
    if (typeof v === "string") {
      const why = unstorableText(v);
      if (why) problems.push({ field, message: why });
      continue;
    }
    if (v === null || typeof v !== "object" || Buffer.isBuffer(v)) continue;
    if (depth >= MAX_BODY_DEPTH) {
      problems.push({ field, message: `is nested more than ${MAX_BODY_DEPTH} levels deep` });
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: join(path, i), depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const keyPath = join(path, key);
      const why = unstorableText(key);
      if (why) problems.push({ field: keyPath, message: `has a name that ${why}` });
      else stack.push({ value: (v as Record<string, unknown>)[key], path: keyPath, depth: depth + 1 });
    }
  }
  return problems;
}

function refuse(problems: FieldProblem[]): AppError {
  const names = [...new Set(problems.map((p) => p.field))].join(", ");
  return new AppError("VALIDATION_FAILED", {
    message: `Some input cannot be accepted as text (${names}): ${problems[0]!.field} ${problems[0]!.message}.`,
    fields: problems,
  });
}

/**
 * Throws VALIDATION_FAILED naming `field` when `value` cannot be stored: for text the guard cannot
 * see, such as the file name of a multipart upload (`"has a name that "` as `lead`).
 */
export function assertStorableText(value: string, field: string, lead = ""): void {
  const why = unstorableText(value);
  if (why) throw refuse([{ field, message: `${lead}${why}` }]);
}

/**
 * Registered on the root before authentication: path parameters and the query string are checked
 * as the request arrives (onRequest), the parsed body before validation (preValidation). Both run
 * for every route, /almaws and the unauthenticated login included. Multipart bodies are read by
 * their routes, so file content is never inspected here.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook("onRequest", async (req) => {
    const problems = [
      ...findUnstorable(req.params ?? {}, "", "params"),
      ...findUnstorable(req.query ?? {}, "", "querystring"),
    ];
    if (problems.length > 0) throw refuse(problems);
  });
  app.addHook("preValidation", async (req) => {
    if (req.body === undefined || req.isMultipart()) return;
    const problems = findUnstorable(req.body, "", "body");
    if (problems.length > 0) throw refuse(problems);
  });
}
