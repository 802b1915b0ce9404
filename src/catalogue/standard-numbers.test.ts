import { describe, expect, it } from "vitest";
import { isbn13CheckDigit, normalizeIsbn, normalizeIssn } from "./standard-numbers.js";

describe("normalizeIsbn", () => {
  it("removes hyphens and spaces and keeps a valid ISBN-10 or ISBN-13", () => {
    expect(normalizeIsbn("0-306-40615-2")).toEqual({ ok: true, value: "0306406152" });
    expect(normalizeIsbn("978 0 306 40615 7")).toEqual({ ok: true, value: "9780306406157" });
    expect(normalizeIsbn("0-8044-2957-x")).toEqual({ ok: true, value: "080442957X" });
  });

  it("refuses a wrong check digit, a wrong length and a wrong prefix", () => {
    expect(normalizeIsbn("0-306-40615-3")).toMatchObject({ ok: false, reason: /ISBN-10/ });
    expect(normalizeIsbn("9780306406158")).toMatchObject({ ok: false, reason: /check digit/ });
    expect(normalizeIsbn("12345")).toMatchObject({ ok: false, reason: /10 or 13 digits/ });
    expect(normalizeIsbn("1230306406157")).toMatchObject({ ok: false, reason: /978 or 979/ });
    expect(normalizeIsbn("03064X6152")).toMatchObject({ ok: false });
  });

  it("computes check digits that validate", () => {
    const body = "978186197271";
    expect(normalizeIsbn(body + isbn13CheckDigit(body)).ok).toBe(true);
  });
});

describe("normalizeIssn", () => {
  it("accepts NNNN-NNNX with or without the hyphen and answers the hyphenated form", () => {
    expect(normalizeIssn("0378-5955")).toEqual({ ok: true, value: "0378-5955" });
    expect(normalizeIssn("03785955")).toEqual({ ok: true, value: "0378-5955" });
    expect(normalizeIssn("2434-561x")).toEqual({ ok: true, value: "2434-561X" });
  });

  it("refuses a bad check digit or shape", () => {
    expect(normalizeIssn("0378-5954")).toMatchObject({ ok: false, reason: /check digit/ });
    expect(normalizeIssn("378-5955")).toMatchObject({ ok: false, reason: /NNNN-NNNX/ });
  });
});
