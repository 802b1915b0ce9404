import { describe, expect, it } from "vitest";
import { CsvSyntaxError, readCsv } from "./read-csv.js";

describe("reading CSV", () => {
  it("splits rows and cells, with CRLF or LF, and ignores a byte-order mark and blank lines", () => {
    expect(readCsv("\ufeffa,b\r\n1,2\n\n3,\n")).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["1", "2"] },
      { line: 4, cells: ["3", ""] },
    ]);
  });

  it("keeps commas, doubled quotes and line breaks inside quoted fields, and counts lines across them", () => {
    expect(readCsv('id,note\n1,"a, ""b""\nc"\n2,x')).toEqual([
      { line: 1, cells: ["id", "note"] },
      { line: 2, cells: ["1", 'a, "b"\nc'] },
      { line: 4, cells: ["2", "x"] },
    ]);
  });

  it("reads a last row without a line end", () => {
    expect(readCsv("a\n1")).toEqual([
      { line: 1, cells: ["a"] },
      { line: 2, cells: ["1"] },
    ]);
  });

  it("refuses a quoted field never closed, naming its line", () => {
    expect(() => readCsv('a,b\n1,"open\n2,3')).toThrow(CsvSyntaxError);
    try {
      readCsv('a,b\n1,"open\n2,3');
    } catch (err) {
      expect((err as CsvSyntaxError).line).toBe(2);
    }
  });

  it("refuses text after a closing quote", () => {
    expect(() => readCsv('a\n"x"y')).toThrow(/Line 2: text follows a closing quote/);
  });
});
