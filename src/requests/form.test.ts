import { describe, expect, it } from "vitest";
import { crossCheckForm, pagesRequested, requestFormSchema } from "./form.js";
import { romanToNumber } from "../shared/roman-numerals.js";
import { parsePageNumber } from "./page-numbers.js";

const parse = (v: unknown) => requestFormSchema.safeParse(v);

describe("page numbers", () => {
  it("reads roman numerals in either case and refuses malformed ones", () => {
    expect(romanToNumber("xii")).toBe(12);
    expect(romanToNumber("XLIV")).toBe(44);
    expect(romanToNumber("mcmxcix")).toBe(1999);
    expect(romanToNumber("iiii")).toBeNull();
    expect(romanToNumber("ic")).toBeNull();
    expect(parsePageNumber("0")).toBeNull();
    expect(parsePageNumber("12a")).toBeNull();
    expect(parsePageNumber(" 7 ")).toEqual({ kind: "arabic", value: 7, text: "7" });
  });
});

describe("request form", () => {
  it("accepts as many page ranges as given, arabic and roman", () => {
    const ranges = Array.from({ length: 60 }, (_, i) => ({
      from_page: String(i * 10 + 1),
      to_page: String(i * 10 + 5),
    }));
    const r = parse({ required_pages_range: [{ from_page: "iii", to_page: "xii" }, ...ranges] });
    expect(r.success).toBe(true);
    expect(pagesRequested(r.data!)).toBe(10 + 60 * 5);
  });

  it("accepts numbers as page values, as some integrations send them", () => {
    const r = parse({ required_pages_range: [{ from_page: 1, to_page: 6 }] });
    expect(r.success && pagesRequested(r.data)).toBe(6);
  });

  it("refuses a range whose start comes after its end, naming the field", () => {
    const r = parse({
      required_pages_range: [
        { from_page: "1", to_page: "6" },
        { from_page: "20", to_page: "10" },
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(["required_pages_range", 1, "from_page"]);
  });

  it("orders roman preliminaries before arabic pages", () => {
    expect(parse({ required_pages_range: [{ from_page: "x", to_page: "3" }] }).success).toBe(true);
    expect(parse({ required_pages_range: [{ from_page: "3", to_page: "x" }] }).success).toBe(false);
  });

  it("refuses page values that are not page numbers", () => {
    const r = parse({ required_pages_range: [{ from_page: "one", to_page: "6" }] });
    expect(r.error!.issues[0]!.path).toEqual(["required_pages_range", 0, "from_page"]);
  });

  it("requires a partial request to say which part", () => {
    const form = requestFormSchema.parse({ partial_digitization: true, comment: "please" });
    expect(crossCheckForm(form, "2026-01-01").map((p) => p.field)).toEqual(["required_pages_range"]);
    const chapter = requestFormSchema.parse({ chapter_or_article_title: "Chapter 3" });
    expect(crossCheckForm(chapter, "2026-01-01")).toEqual([]);
    const whole = requestFormSchema.parse({ partial_digitization: false });
    expect(crossCheckForm(whole, "2026-01-01")).toEqual([]);
    expect(pagesRequested(whole)).toBeNull();
  });

  it("requires a chapter title with full_chapter, and a last interest date not in the past", () => {
    const form = requestFormSchema.parse({ full_chapter: true, last_interest_date: "2025-12-31" });
    expect(crossCheckForm(form, "2026-01-01").map((p) => p.field)).toEqual([
      "chapter_or_article_title",
      "last_interest_date",
    ]);
  });

  it("checks dates, DOIs and PMIDs", () => {
    expect(parse({ last_interest_date: "2026-02-30" }).success).toBe(false);
    expect(parse({ doi: "not-a-doi" }).success).toBe(false);
    expect(parse({ doi: "10.1000/xyz123" }).success).toBe(true);
    expect(parse({ pmid: "12ab" }).success).toBe(false);
  });
});
