import { describe, expect, it } from "vitest";
import { pageCountFromExtent, romanToNumber } from "./extent.js";

describe("pageCountFromExtent", () => {
  it.each([
    ["345 p.", 345],
    ["345 p. :", 345],
    ["xii, 345 p.", 357],
    ["XII, 345 p.", 357],
    ["viii, 1024 pages", 1032],
    ["[8], 120, [4] p.", 132],
    ["345 p., [16] p. of plates", 361],
    ["xv, 300 p., 12 leaves of plates", 327],
    ["1 score (45 p.)", 45],
    ["1 online resource (xv, 300 pages)", 315],
    ["120 leaves", 120],
    ["ca. 300 p.", 300],
    ["ill., 345 p.", 345],
    ["345pp.", 345],
    ["1 p.", 1],
  ])("%s -> %i", (extent, pages) => {
    expect(pageCountFromExtent(extent)).toBe(pages);
  });

  it.each(["1 v. (unpaged)", "2 v.", "1 map", "1 clip", "1 videodisc (120 min.)", "", "p. 12"])(
    "%s states no paging",
    (extent) => {
      expect(pageCountFromExtent(extent)).toBeNull();
    },
  );

  it("answers null for a missing extent", () => {
    expect(pageCountFromExtent(null)).toBeNull();
    expect(pageCountFromExtent(undefined)).toBeNull();
  });
});

describe("romanToNumber", () => {
  it("reads well-formed numerals and refuses others", () => {
    expect(romanToNumber("xiv")).toBe(14);
    expect(romanToNumber("MCMXCIV")).toBe(1994);
    expect(romanToNumber("iiii")).toBeNull();
    expect(romanToNumber("ill")).toBeNull();
    expect(romanToNumber("")).toBeNull();
  });
});
