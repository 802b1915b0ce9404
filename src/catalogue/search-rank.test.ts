import { describe, expect, it } from "vitest";
import { parseSearchQuery } from "./search-query.js";
import { identifierText, rankCandidates, words, type RankedText } from "./search-rank.js";

const doc = (id: number, fields: Partial<RankedText>): RankedText => ({
  id,
  title: "",
  author: null,
  subjects: null,
  publisher: null,
  identifiers: "",
  ...fields,
});
const order = (docs: RankedText[], q: string) => rankCandidates(docs, parseSearchQuery(q).terms).map((r) => r.id);

describe("ranking a search's candidates", () => {
  it("puts a title match before an author's, and an author's before a publisher's", () => {
    const docs = [
      doc(1, { title: "Unrelated", publisher: "Harbour Press" }),
      doc(2, { title: "Unrelated", author: "Harbour, Ann" }),
      doc(3, { title: "The harbour" }),
    ];
    expect(order(docs, "harbour")).toEqual([3, 2, 1]);
  });

  it("prefers the shorter field and the word found more often, ties in id order", () => {
    const docs = [
      doc(4, { title: "Harbour lights over the long grey sea" }),
      doc(2, { title: "Harbour" }),
      doc(3, { title: "Harbour" }),
      doc(1, { title: "Harbour, harbour" }),
    ];
    expect(order(docs, "harbour")).toEqual([1, 2, 3, 4]);
  });

  it("counts a phrase only in its order, a field search only in its field, accents and case folded", () => {
    const docs = [
      doc(1, { title: "Science of history", subjects: "Expériences" }),
      doc(2, { title: "History of science" }),
    ];
    expect(rankCandidates(docs, parseSearchQuery('"history of science"').terms)).toEqual([
      { id: 2, rank: expect.any(Number) },
      { id: 1, rank: 0 },
    ]);
    expect(order(docs, "subject:EXPERIENCES")).toEqual([1, 2]);
    expect(rankCandidates(docs, parseSearchQuery("title:experiences").terms).every((r) => r.rank === 0)).toBe(true);
  });

  it("reads identifiers from their JSON, with the ISBN and ISSN", () => {
    const text = identifierText("9780306406157", null, '{"oclc":"555","system_numbers":["(EG)991"]}');
    expect(words(text)).toEqual(["9780306406157", "555", "eg", "991"]);
    expect(order([doc(1, {}), doc(2, { identifiers: text })], "0306406152")).toEqual([2, 1]);
  });
});
