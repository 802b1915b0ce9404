import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { isbnForms, parseSearchQuery } from "./search-query.js";

const refusal = (q: string): AppError => {
  try {
    parseSearchQuery(q);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error(`"${q}" was accepted`);
};

describe("the search language", () => {
  it("makes each word and quoted phrase a keyword term", () => {
    expect(parseSearchQuery(`  history "of science"  Kuhn `)).toEqual({
      terms: [
        { field: "keyword", alternatives: ["history"] },
        { field: "keyword", alternatives: ["of science"] },
        { field: "keyword", alternatives: ["Kuhn"] },
      ],
      isbns: [],
      issns: [],
      ids: [],
    });
  });

  it("applies a field prefix up to the next one, any: returning to every field", () => {
    const q = parseSearchQuery(`title:"scientific revolutions" structure AUTHOR:kuhn any:1962`);
    expect(q.terms).toEqual([
      { field: "title", alternatives: ["scientific revolutions"] },
      { field: "title", alternatives: ["structure"] },
      { field: "author", alternatives: ["kuhn"] },
      { field: "keyword", alternatives: ["1962"] },
    ]);
    expect(parseSearchQuery("subject:history").terms).toEqual([{ field: "subject", alternatives: ["history"] }]);
  });

  it("reads an unknown prefix, a lone quote and punctuation-only words as plain text", () => {
    expect(parseSearchQuery("Science: a history").terms.map((t) => t.alternatives[0])).toEqual([
      "Science:",
      "a",
      "history",
    ]);
    expect(parseSearchQuery(`"unclosed phrase`).terms).toEqual([
      { field: "keyword", alternatives: ["unclosed phrase"] },
    ]);
    expect(parseSearchQuery("war & peace -").terms.map((t) => t.alternatives[0])).toEqual(["war", "peace"]);
  });

  it("matches an ISBN in both its forms, hyphens or not, by prefix or as a keyword", () => {
    expect(isbnForms("0-306-40615-2")).toEqual(["0306406152", "9780306406157"]);
    expect(isbnForms("978-0-306-40615-7")).toEqual(["9780306406157", "0306406152"]);
    expect(isbnForms("979-10-90636-07-1")).toEqual(["9791090636071"]);
    expect(isbnForms("12345")).toBeNull();
    expect(parseSearchQuery("isbn:978 0 306 40615 7").isbns).toEqual([["9780306406157", "0306406152"]]);
    expect(parseSearchQuery("978-0-306-40615-7").terms).toEqual([
      { field: "keyword", alternatives: ["9780306406157", "0306406152"] },
    ]);
    // a number whose check digit is wrong is searched as it is typed
    expect(parseSearchQuery("978-0-306-40615-8").terms[0]!.alternatives).toEqual(["978-0-306-40615-8"]);
  });

  it("hyphenates an ISSN, by prefix or as a keyword", () => {
    expect(parseSearchQuery("issn:03785955").issns).toEqual(["0378-5955"]);
    expect(parseSearchQuery("issn:0378-5955").issns).toEqual(["0378-5955"]);
    expect(parseSearchQuery("0378-5955").terms[0]!.alternatives).toEqual(["0378-5955"]);
  });

  it("reads id: as the record number or an identifier phrase", () => {
    expect(parseSearchQuery("id:42").ids).toEqual([{ text: "42", bibId: 42 }]);
    expect(parseSearchQuery("id:(OCoLC)12345").ids).toEqual([{ text: "(OCoLC)12345", bibId: null }]);
  });

  it("refuses what cannot be searched, naming the q field", () => {
    for (const q of ["!!!", "isbn:12345", "issn:1234", "id:--", "title:"]) {
      const err = refusal(q);
      expect(err.code).toBe("VALIDATION_FAILED");
      expect(err.fields).toEqual([{ field: "q", message: expect.any(String), say: expect.any(Function) }]);
    }
    expect(refusal(Array.from({ length: 21 }, (_, i) => `w${i}`).join(" ")).message).toMatch(/more than 20/);
  });
});
