import { describe, expect, it } from "vitest";
import { normalizeIsbn, normalizeIssn } from "../catalogue/standard-numbers.js";
import { demoBanner } from "./banner.js";
import { DEMO_CATALOGUE_SHAPE, DEMO_ONLINE_BOOKS, demoCatalogue } from "./demo-catalogue.js";

describe("demoCatalogue", () => {
  const titles = demoCatalogue();

  it("is the same on every call", () => {
    expect(demoCatalogue()).toEqual(titles);
  });

  it("has the promised shape", () => {
    const kinds = Object.fromEntries(
      Object.keys(DEMO_CATALOGUE_SHAPE).map((k) => [k, titles.filter((t) => t.kind === k).length]),
    );
    expect(kinds).toEqual(DEMO_CATALOGUE_SHAPE);
    expect(titles).toHaveLength(300);
    expect(new Set(titles.map((t) => t.bib.title)).size).toBe(300);
  });

  it("gives every item a distinct barcode and only valid ISBNs and ISSNs", () => {
    const barcodes = titles.flatMap((t) => t.holdings.flatMap((h) => h.items.map((i) => i.barcode)));
    expect(new Set(barcodes).size).toBe(barcodes.length);
    for (const t of titles) {
      if (t.bib.isbn) expect(normalizeIsbn(t.bib.isbn).ok).toBe(true);
      if (t.bib.issn) expect(normalizeIssn(t.bib.issn)).toEqual({ ok: true, value: t.bib.issn });
    }
  });

  it("puts a few public-domain books online", () => {
    const online = titles.filter((t) => t.bib.full_text_url);
    expect(online).toHaveLength(DEMO_ONLINE_BOOKS);
    for (const t of online) {
      expect(t).toMatchObject({ kind: "book", bib: { material_type: "BOOK" } });
      expect(t.bib.publication_year).toBeLessThan(1931);
      expect(t.bib.full_text_url).toMatch(/^https:\/\/digital\.demo\.example\.edu\/books\/\d$/);
    }
  });

  it("describes each journal issue by volume and number, newest first", () => {
    const journal = titles.find((t) => t.kind === "journal");
    const descriptions = journal?.holdings[0]?.items.map((i) => i.description) ?? [];
    expect(descriptions.length).toBeGreaterThanOrEqual(6);
    expect(descriptions[0]).toMatch(/^v\.\d+ no\.\d+ \(2024\)$/);
  });
});

describe("demoBanner", () => {
  it("shows the URL, the docs, the logins and a curl example with the key", () => {
    const text = demoBanner("http://localhost:3123", {
      created: true,
      institutionCode: "DEMO",
      institutionId: 1,
      apiKey: "rk_example",
      logins: [{ institution: "DEMO", user_id: "demo-admin", role: "General System Administrator", password: "pw" }],
    });
    expect(text).toContain("http://localhost:3123/api/docs");
    expect(text).toMatch(/DEMO\s+demo-admin\s+General System Administrator\s+pw/);
    expect(text).toContain('curl -H "Authorization: Bearer rk_example" http://localhost:3123/api/v1/bibs');
  });
});
