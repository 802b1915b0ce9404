import { describe, expect, it } from "vitest";
import { extractBib, fullTextUrlOf, materialTypeOf, recordKey, trimPunctuation } from "./extract-fields.js";
import { holdingsOf } from "./extract-holdings.js";
import { IMPORT_PROFILES } from "./import-profiles.js";
import type { DataField, MarcRecord } from "./record.js";

const df = (tag: string, ind: string, ...pairs: string[]): DataField => {
  const subfields = [];
  for (let i = 0; i < pairs.length; i += 2) subfields.push({ code: pairs[i] as string, value: pairs[i + 1] as string });
  return { tag, ind1: ind[0] ?? " ", ind2: ind[1] ?? " ", subfields };
};

const book: MarcRecord = {
  leader: "01117cam  2200349 a 4500",
  fields: [
    { tag: "001", value: "12345" },
    { tag: "003", value: "DLC" },
    { tag: "008", value: "840112s1962    pau      b    00010 eng  " },
    df("010", "  ", "a", "   61014599 "),
    df("020", "  ", "a", "0-306-40615-2 (pbk.)"),
    df("035", "  ", "a", "(OCoLC)ocm00012345"),
    df("035", "  ", "a", "(Sirsi) a12702"),
    df("100", "1 ", "a", "Tournier, Paul,", "d", "1898-1986."),
    df("245", "10", "a", "Escape from loneliness /", "c", "by Paul Tournier ; translated by John S. Gilmour."),
    df("250", "  ", "a", "2nd ed."),
    df("260", "0 ", "a", "Philadelphia :", "b", "Westminster Press,", "c", "c1962."),
    df("300", "  ", "a", "xii, 192 p. ;", "c", "21 cm."),
    df("650", " 0", "a", "Loneliness.", "x", "Psychology."),
    df("650", " 0", "a", "Self."),
    df("949", "  ", "a", "BF575 .L7", "i", "3900001", "l", "STACKS", "m", "MAIN", "t", "BOOK"),
    df("949", "  ", "a", "BF575 .L7", "i", "3900002", "l", "STACKS", "m", "MAIN", "t", "BOOK"),
    df("949", "  ", "a", "BF575 .L7", "l", "STACKS", "m", "MAIN"),
  ],
};

describe("fields extracted from a MARC record", () => {
  it("takes title, responsibility, author, publication, numbers and identifiers", () => {
    expect(extractBib(book)).toMatchObject({
      title: "Escape from loneliness",
      statement_of_responsibility: "by Paul Tournier ; translated by John S. Gilmour",
      author: "Tournier, Paul, 1898-1986",
      publisher: "Westminster Press",
      publication_date: "c1962",
      publication_year: 1962,
      edition: "2nd ed.",
      isbn: "0306406152",
      language: "eng",
      material_type: "BOOK",
      extent: "xii, 192 p.",
      page_count: 204, // preliminaries count: xii + 192
      identifiers: { oclc: "12345", lccn: "61014599", system_numbers: ["(DLC)12345", "(Sirsi) a12702"] },
      subjects: "Loneliness -- Psychology\nSelf",
    });
  });

  it("takes the year from 260 $c when 008 has none, and drops an ISBN that does not check", () => {
    const rec: MarcRecord = {
      leader: book.leader,
      fields: [df("245", "00", "a", "T"), df("260", "  ", "c", "[ca. 1890]"), df("020", "  ", "a", "0-306-40615-3")],
    };
    expect(extractBib(rec)).toMatchObject({ publication_year: 1890, isbn: null, title: "T" });
  });

  it("reads the material type from the leader and 008", () => {
    const type = (leader67: string, f008 = "") =>
      materialTypeOf({ leader: `00000n${leader67} a2200000 a 4500`, fields: [{ tag: "008", value: f008 }] });
    expect(type("as")).toBe("JOURNAL");
    expect(type("am")).toBe("BOOK");
    expect(type("jm")).toBe("SOUND_RECORDING");
    expect(type("em")).toBe("MAP");
    expect(type("cm")).toBe("SCORE");
    expect(type("gm")).toBe("VIDEO");
    expect(type("tm")).toBe("MANUSCRIPT");
    expect(type("am", "840112s1962    pau      bm   00010 eng  ")).toBe("THESIS");
    expect(type("am", `840112s1962    dcu${" ".repeat(10)}f000 0 eng  `)).toBe("GOVERNMENT_DOCUMENT");
    expect(type("mm")).toBe("OTHER");
  });

  it("keys a record by 001 and 003, then OCLC, then LCCN, then its content", () => {
    expect(recordKey(book, () => "h")).toBe("001:DLC:12345");
    const no001 = { leader: book.leader, fields: book.fields.filter((f) => !["001", "003"].includes(f.tag)) };
    expect(recordKey(no001, () => "h")).toBe("oclc:12345");
    expect(recordKey({ leader: book.leader, fields: [] }, () => "abc")).toBe("sha256:abc");
  });

  it("trims ISBD punctuation but keeps an abbreviation's period", () => {
    expect(trimPunctuation("Escape from loneliness /")).toBe("Escape from loneliness");
    expect(trimPunctuation("Baltimore, Md.")).toBe("Baltimore, Md.");
    expect(trimPunctuation("Psychology.")).toBe("Psychology");
  });

  it("maps 949 fields to items through the profile, grouped into holdings, and reports an incomplete one", () => {
    const found = holdingsOf(book, IMPORT_PROFILES.evergreen!);
    expect(found.holdings).toEqual([
      {
        libraryCode: "MAIN",
        locationCode: "STACKS",
        callNumber: "BF575 .L7",
        summary: null,
        items: [
          { barcode: "3900001", itemType: "BOOK", description: null },
          { barcode: "3900002", itemType: "BOOK", description: null },
        ],
      },
    ]);
    expect(found.problems).toEqual(["item field 949 #3 has no barcode ($i); the item was not imported"]);
    expect(holdingsOf(book, IMPORT_PROFILES.marc21!).holdings).toEqual([]);
  });
});

describe("the full text link of a MARC record (856)", () => {
  const withLinks = (...links: DataField[]): MarcRecord => ({
    leader: book.leader,
    fields: [df("245", "00", "a", "T"), ...links],
  });

  it("takes the first 856 to the resource (ind2 0) or a version of it (ind2 1) with an http(s) $u", () => {
    expect(fullTextUrlOf(withLinks(df("856", "40", "u", "https://example.org/book.pdf")))).toBe(
      "https://example.org/book.pdf",
    );
    expect(
      fullTextUrlOf(
        withLinks(
          df("856", "42", "u", "http://example.org/review"),
          df("856", "41", "3", "digitized copy", "u", " http://example.org/scan "),
          df("856", "40", "u", "http://example.org/later"),
        ),
      ),
    ).toBe("http://example.org/scan");
    expect(extractBib(book).full_text_url).toBeNull();
  });

  it("skips related resources, unstated relations, other schemes and links that are not URLs", () => {
    for (const link of [
      df("856", "42", "u", "http://example.org/related"),
      df("856", "4 ", "u", "http://example.org/unstated"),
      df("856", "48", "u", "http://example.org/no-display-constant"),
      df("856", "10", "u", "ftp://example.org/book.txt"),
      df("856", "40", "u", "mailto:someone@example.org"),
      df("856", "40", "u", "example.org/no-scheme"),
      df("856", "40", "u", "http://"),
      df("856", "40", "z", "Available online"),
    ]) {
      expect(fullTextUrlOf(withLinks(link))).toBeNull();
    }
    // the second $u of a field is tried when the first is not a web address
    expect(fullTextUrlOf(withLinks(df("856", "40", "u", "urn:nbn:de:1", "u", "https://example.org/nbn")))).toBe(
      "https://example.org/nbn",
    );
  });

  it("skips tables of contents, cover images, publisher and contributor descriptions and samples, by $3 or $z", () => {
    const skipped = [
      df("856", "41", "3", "Table of contents", "u", "http://www.loc.gov/catdir/toc/x.html"),
      df("856", "41", "3", "TABLE OF CONTENTS ONLY", "u", "http://example.org/toc2"),
      df("856", "40", "z", "Cover image", "u", "http://example.org/cover.jpg"),
      df("856", "42", "3", "Publisher description", "u", "http://example.org/pd"),
      df("856", "41", "3", "Publisher Description", "u", "http://example.org/pd2"),
      df("856", "41", "3", "Contributor biographical information", "u", "http://example.org/bio"),
      df("856", "41", "z", "Contributor description", "u", "http://example.org/cd"),
      df("856", "41", "3", "Sample text", "u", "http://example.org/sample"),
      df("856", "40", "z", "Read a sample chapter", "u", "http://example.org/chapter"),
    ];
    for (const link of skipped) expect(fullTextUrlOf(withLinks(link))).toBeNull();
    expect(
      fullTextUrlOf(withLinks(...skipped, df("856", "40", "z", "Full text", "u", "https://example.org/full"))),
    ).toBe("https://example.org/full");
  });
});
