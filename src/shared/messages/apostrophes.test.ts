import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { LANGUAGES, messagesIn } from "./index.js";

/*
 * The prose the server writes for people uses the typographic apostrophe (’), as the web pages
 * do; API clients that ask for no language read it back with straight ones (asApiClientsRead in
 * src/errors.ts), so a straight one written in the source is one a page would show. Two places
 * hold that prose: the message catalogues, and the messages written where an error is thrown or
 * an explanation is made. Prose only developers read is left as it is: the OpenAPI document
 * (`.describe(...)`, a route schema's summary and description), log lines, internal errors, the
 * command line, migrations (frozen) and the built-in letters (Liquid templates, mail not pages).
 * The web pages' own texts (web/src) are held to the same.
 */

/** A straight apostrophe inside a word (item's, n'a) or after a plural (requests' work). */
const STRAIGHT = /\p{L}'\p{L}|\p{L}s'(?=[\s,.;:)])/u;

function catalogueTexts(value: unknown, path: string, out: [string, string][]): [string, string][] {
  if (typeof value === "string") out.push([path, value]);
  else if (typeof value === "function") out.push([path, String((value as (...a: unknown[]) => unknown)(7, 9))]);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) catalogueTexts(v, `${path}.${k}`, out);
  return out;
}

const SRC = join(import.meta.dirname, "..", "..");
const WEB = join(SRC, "..", "web", "src");
const NOT_FOR_PAGES = [/^cli\//, /^db\/migrations\//, /^letters\/built-in\//, /^demo\/banner\.ts$/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.(test|d)\.ts$/.test(e.name) ? [path] : [];
  });
}

/** The name a text is given: a property's (`summary: "..."`) or a constant's (`const description = "..."`). */
const propertyName = (node: ts.Node): string | undefined =>
  (ts.isPropertyAssignment(node) || ts.isVariableDeclaration(node)) &&
  (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))
    ? node.name.text
    : undefined;

/** Is this text for developers only: the OpenAPI document, a log line, an internal error? */
function forDevelopers(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const method = n.expression.name.text;
      if (method === "describe") return true;
      if (/^(trace|debug|info|warn|error|fatal)$/.test(method) && /\blog\b/.test(n.expression.expression.getText()))
        return true;
    }
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "Error") return true;
    const name = propertyName(n);
    if (name === "summary") return true;
    // a route schema's, or a constant a route schema names (`schema: { description }`)
    if (name === "description" && (ts.isVariableDeclaration(n) || hasAncestorProperty(n, "schema"))) return true;
  }
  return false;
}

function hasAncestorProperty(node: ts.Node, name: string): boolean {
  for (let n = node.parent; n; n = n.parent) if (propertyName(n) === name) return true;
  return false;
}

/** Every straight apostrophe in a text under `root` that may reach a person, as file:line: text. */
function straightInSource(root: string, skip: RegExp[] = []): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(root)) {
    const path = relative(root, file).replaceAll("\\", "/");
    if (skip.some((p) => p.test(path))) continue;
    const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, kind);
    const visit = (node: ts.Node): void => {
      const texts = ts.isJsxText(node)
        ? [node.text]
        : ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
          ? [node.text]
          : ts.isTemplateExpression(node)
            ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)]
            : [];
      if (texts.some((t) => STRAIGHT.test(t)) && !forDevelopers(node)) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        found.push(`${path}:${line}: ${node.getText()}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe("the apostrophes of the prose people read", () => {
  it("are typographic in every message catalogue", () => {
    const straight = LANGUAGES.flatMap((language) =>
      catalogueTexts(messagesIn(language), language, []).filter(([, text]) => STRAIGHT.test(text)),
    );
    expect(straight).toEqual([]);
  });

  it("are typographic in the messages and explanations written in the source", () => {
    expect(straightInSource(SRC, NOT_FOR_PAGES)).toEqual([]);
  });

  it("are typographic in the web pages' own texts too", () => {
    expect(straightInSource(WEB)).toEqual([]);
  });

  it("tell a straight apostrophe from other quotes", () => {
    expect(["item's", "n'a", "requests' work", "the users' file."].map((t) => STRAIGHT.test(t))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(["item’s", "escape '\\'", "= 'bibs'", "' '"].map((t) => STRAIGHT.test(t))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
