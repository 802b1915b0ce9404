import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { parseSearchQuery } from "./search-query.js";
import { ftsExpression } from "./search-repository.js";

/*
 * The query builder with whatever a person can type: what reaches FTS5 is quoted phrases joined
 * by AND/OR, so the engine never sees query syntax from the user. Run against a real FTS5 table
 * with the catalogue's tokenizer (migrations 009 and 029), in memory, on every test run.
 */

const NASTY = [
  'a"b',
  '"unbalanced',
  'un"balanced "twice',
  "science (history",
  "((()))x",
  "scien*",
  "* science",
  "^science",
  "science:history",
  "title:science: author:",
  "col:umn : x",
  "-science",
  "science -history",
  "NEAR(science history, 2)",
  "NEAR/3 science",
  "AND OR NOT",
  "a AND b OR c NOT d",
  "x + y",
  "a & b | !c <-> d:*",
  "' OR 1=1 --",
  "%_\\",
  "{x} [y] <z>",
  "a\u0000b",
  "\u0000x",
  "x\ud800y",
  "\udfff z",
  "tab\there\nline\rfeed",
  "\u202escience\u200b\ufeff",
  "😀history 😀",
  "ＳＣＩＥＮＣＥ",
  "naïve façade Straße ﬁ",
  "हिन्दी साहित्य",
  "w".repeat(500),
  "é".repeat(500),
  Array.from({ length: 20 }, (_, i) => `"p${i}`).join(" "),
  'title:"a""b" author:\'c\'',
  "isbn:0-306-40615-2 science",
  "issn:0378-5955",
  "id:(OCoLC)123 id:42",
];

describe("the search query builder with hostile input", () => {
  const db = new SQLite(":memory:");
  db.exec(`create virtual table bibs_search using fts5(
    title, author, subjects, publisher, identifiers, facets, content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
  )`);
  db.prepare("insert into bibs_search (rowid, title, author, subjects) values (1, ?, ?, ?)").run(
    "A history of science",
    "Kuhn, Thomas S.",
    "Science -- History",
  );
  const match = db.prepare("select rowid from bibs_search where bibs_search match ?");
  afterAll(() => db.close());

  it.each(NASTY)("turns %j into a query FTS5 accepts, or refuses it as a validation error", (q) => {
    let parsed;
    try {
      parsed = parseSearchQuery(q);
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).fields).toEqual([
        { field: "q", message: expect.any(String), say: expect.any(Function) },
      ]);
      return;
    }
    for (const term of parsed.terms) {
      for (const alt of term.alternatives) {
        // eslint-disable-next-line no-control-regex -- control characters are what this looks for
        expect(alt).not.toMatch(/[\u0000-\u001f]/);
        expect(alt).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }
    }
    if (parsed.terms.length === 0) return;
    const expression = ftsExpression(parsed.terms);
    expect(() => match.all(expression)).not.toThrow();
  });

  it("reads a NUL or another control character as a space between words", () => {
    expect(parseSearchQuery("history\u0000science").terms.map((t) => t.alternatives)).toEqual([
      ["history"],
      ["science"],
    ]);
    expect(match.all(ftsExpression(parseSearchQuery("history\u0000science").terms))).toEqual([{ rowid: 1 }]);
  });

  it("quotes every word, so FTS5 operators and column filters are searched as text", () => {
    expect(ftsExpression(parseSearchQuery('NEAR(a b) x:y "c""d').terms)).toBe(
      '("NEAR(a") AND ("b)") AND ("x:y") AND ("c") AND ("d")',
    );
    expect(match.all(ftsExpression(parseSearchQuery("science AND NOT history").terms))).toEqual([]);
    expect(match.all(ftsExpression(parseSearchQuery("science OR history").terms))).toEqual([]);
  });
});
