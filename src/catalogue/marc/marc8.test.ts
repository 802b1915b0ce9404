import { describe, expect, it } from "vitest";
import { decodeMarc8, Marc8Error } from "./marc8.js";

const bytes = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

describe("MARC-8 to Unicode", () => {
  it("moves a combining mark after its letter and composes to NFC", () => {
    const out = decodeMarc8(bytes("De la solitude \xe1a la communaut\xe2e."));
    expect(out).toBe("De la solitude à la communauté.");
    expect(out.normalize("NFC")).toBe(out);
    expect(out.includes("\u00e9")).toBe(true); // é as one code point, not e + U+0301
  });

  it("keeps two marks on one letter in their order (Vietnamese ệ: dot below then circumflex)", () => {
    expect(decodeMarc8(bytes("Vi\xf2\xe3et"))).toBe("Việt");
  });

  it("decodes ANSEL spacing letters and symbols", () => {
    expect(decodeMarc8(bytes("\xa1\xb1od\xb8z \xa5 \xc3 1990"))).toBe("Łłodız Æ © 1990");
    expect(decodeMarc8(bytes("w\xf1a\xf2z"))).toBe("wąẓ");
    expect(decodeMarc8(bytes("\xb5 \xb6uvre \xc7"))).toBe("æ œuvre ß");
  });

  it("drops the non-sort markers and leaves no mark dangling before a space", () => {
    expect(decodeMarc8(bytes("\x88The\x89 end"))).toBe("The end");
  });

  it("switches to Basic Hebrew and back (logical order, as stored)", () => {
    expect(decodeMarc8(bytes("\x1b(2lzexd\x1b(B :"))).toBe("לתורה :");
    // a vowel point is combining: it follows its letter after decoding
    expect(decodeMarc8(bytes("\x1b(2@a\x1b(B"))).toBe("\u05d1\u05b7".normalize("NFC"));
  });

  it("switches to Basic Cyrillic (KOI-7 order: lower case at 0x40, upper case at 0x60)", () => {
    expect(decodeMarc8(bytes("\x1b(NkNIGA\x1b(B 2"))).toBe("Книга 2");
    expect(decodeMarc8(bytes("\x1b(NmOSKWA\x1b(B"))).toBe("Москва");
  });

  it("reads superscripts and subscripts", () => {
    expect(decodeMarc8(bytes("H\x1bb2\x1bsO, E=mc\x1bp2\x1bs"))).toBe("H₂O, E=mc²");
  });

  it("refuses a character set it cannot convert, naming it, rather than writing mojibake", () => {
    expect(() => decodeMarc8(bytes("\x1b$1!!!\x1b(B"))).toThrow(/East Asian \(EACC\)/);
    expect(() => decodeMarc8(bytes("\x1b(S"))).toThrow(Marc8Error);
    expect(() => decodeMarc8(bytes("abc\x7f"))).toThrow(/byte 0x7F/);
  });
});
