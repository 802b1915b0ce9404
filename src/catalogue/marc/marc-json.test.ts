import { describe, expect, it } from "vitest";
import { toMarcJson } from "./marc-json.js";
import type { MarcRecord } from "./record.js";

/** The MARC-in-JSON of a record as JSON.stringify writes it: what toMarcJson must match to the byte. */
const stringified = (rec: MarcRecord): string =>
  JSON.stringify({
    leader: rec.leader,
    fields: rec.fields.map((f) =>
      "subfields" in f
        ? { [f.tag]: { ind1: f.ind1, ind2: f.ind2, subfields: f.subfields.map((s) => ({ [s.code]: s.value })) } }
        : { [f.tag]: f.value },
    ),
  });

const record = (...values: string[]): MarcRecord => ({
  leader: "00000nam a2200000 a 4500",
  fields: [
    { tag: "001", value: values[0] ?? "" },
    { tag: "245", ind1: "1", ind2: "0", subfields: values.map((value, i) => ({ code: "abcdefgh"[i % 8]!, value })) },
  ],
});

describe("MARC-JSON", () => {
  it("writes plain text, and what JSON escapes, as JSON.stringify does", () => {
    const values = [
      "The plain title /",
      'A "quoted" word',
      "back\\slash",
      "tab\there, line\nbreak, escape \u001b and NUL \u0000",
      "De la solitude à la communauté.",
      "לתורה :",
      "a pair 𝄞 (G clef), and alone: \ud834 then \udd1e",
      "line and paragraph separators \u2028\u2029, DEL \u007f",
      "",
    ];
    const rec = record(...values);
    expect(toMarcJson(rec)).toBe(stringified(rec));
  });
});
