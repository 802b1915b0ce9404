import { describe, expect, it } from "vitest";
import { readIso2709 } from "./iso2709.js";

/** One ISO 2709 record from its leader/09 and fields (tag, then the field's bytes without terminator). */
function record(leader09: string, fields: [string, number[]][]): Uint8Array {
  const FT = 0x1e;
  const body: number[] = [];
  let directory = "";
  for (const [tag, data] of fields) {
    directory += `${tag}${String(data.length + 1).padStart(4, "0")}${String(body.length).padStart(5, "0")}`;
    body.push(...data, FT);
  }
  const base = 24 + directory.length + 1;
  const total = base + body.length + 1;
  const leader = `${String(total).padStart(5, "0")}nam ${leader09}22${String(base).padStart(5, "0")} a 4500`;
  return Uint8Array.from([...[...(leader + directory)].map((c) => c.charCodeAt(0)), FT, ...body, 0x1d]);
}

const text = (s: string): number[] => [...Buffer.from(s, "latin1")];
const utf8 = (s: string): number[] => [...Buffer.from(s, "utf8")];
const subfield = (code: string, bytes: number[]): number[] => [0x1f, code.charCodeAt(0), ...bytes];
const read = (rec: Uint8Array) => [...readIso2709(rec)];

describe("ISO 2709 reading", () => {
  it("reads a record labelled MARC-8 whose bytes are plainly UTF-8 as UTF-8, and one that is not as MARC-8", () => {
    const asUtf8 = record(" ", [
      ["001", text("x1")],
      ["245", [...text("10"), ...subfield("a", utf8("Communauté"))]],
    ]);
    const asMarc8 = record(" ", [
      ["001", text("x2")],
      ["245", [...text("10"), ...subfield("a", [...text("Communaut"), 0xe2, ...text("e")])]],
    ]);
    const titles = [...read(asUtf8), ...read(asMarc8)].map((r) =>
      r.ok && "subfields" in r.record.fields[1]! ? r.record.fields[1].subfields[0]!.value : r,
    );
    expect(titles).toEqual(["Communauté", "Communauté"]);
  });

  it("names the field, and the subfield, that cannot be read", () => {
    const badControl = record("a", [["001", [...text("x"), 0xff]]]);
    const badSubfield = record("a", [["245", [...text("10"), ...subfield("a", text("ok")), ...subfield("b", [0xc3])]]]);
    const badMarc8 = record(" ", [["245", [...text("10"), ...subfield("c", [...text("abc"), 0x7f])]]]);
    expect([badControl, badSubfield, badMarc8].map((r) => read(r)[0])).toEqual([
      { ok: false, number: 1, problem: "field 001 is not valid UTF-8 (the leader declares UTF-8)" },
      { ok: false, number: 1, problem: "field 245 $b is not valid UTF-8 (the leader declares UTF-8)" },
      {
        ok: false,
        number: 1,
        problem: expect.stringMatching(/^field 245 \$c has byte 0x7F, which is not a MARC-8 character/),
      },
    ]);
  });
});
