import { describe, expect, it } from "vitest";
import { pagesOf, parseOpenUrl, volumeIssueOf, type Citation } from "./openurl.js";

const ok = (q: string): Citation => {
  const r = parseOpenUrl(q);
  if (!r.ok) throw new Error(`not read: ${q} (${r.reason})`);
  return r.citation;
};

describe("OpenURL parsing (0.1 and 1.0 KEV)", () => {
  it("reads a 1.0 journal article as link resolvers send it (PubMed, Google Scholar style)", () => {
    const c = ok(
      "url_ver=Z39.88-2004&url_ctx_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Actx&rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Ajournal" +
        "&rfr_id=info%3Asid%2Fncbi.nlm.nih.gov%3Apubmed&rft.genre=article&rft.atitle=Spectral+methods+in+acoustics" +
        "&rft.jtitle=Hearing+research&rft.aulast=M%C3%BCller&rft.aufirst=Anna&rft.volume=12&rft.issue=3" +
        "&rft.spage=101&rft.epage=119&rft.date=2019&rft.issn=0378-5955&rft_id=info%3Adoi%2F10.1016%2Fj.heares.2019.01.002" +
        "&rft_id=info%3Apmid%2F30712345",
    );
    expect(c).toEqual({
      version: "1.0",
      genre: "article",
      atitle: "Spectral methods in acoustics",
      title: "Hearing research",
      author: "Müller, Anna",
      aulast: "Müller",
      volume: "12",
      issue: "3",
      spage: "101",
      epage: "119",
      pages: null,
      date: "2019",
      issn: "0378-5955",
      isbn: null,
      doi: "10.1016/j.heares.2019.01.002",
      pmid: "30712345",
      oclc: null,
      source: "info:sid/ncbi.nlm.nih.gov:pubmed",
    });
    expect(pagesOf(c)).toBe("101-119");
  });

  it("reads a 1.0 book chapter (btitle, au, isbn, pages, oclcnum)", () => {
    const c = ok(
      "url_ver=Z39.88-2004&rft_val_fmt=info:ofi/fmt:kev:mtx:book&rft.genre=bookitem&rft.btitle=A%20history%20of%20science" +
        "&rft.atitle=The%20Copernican%20turn&rft.au=Kuhn%2C%20Thomas%20S.&rft.isbn=0-306-40615-2&rft.pages=45%E2%80%9367" +
        "&rft_id=info:oclcnum/ocm00012345",
    );
    expect(c).toMatchObject({
      version: "1.0",
      title: "A history of science",
      atitle: "The Copernican turn",
      author: "Kuhn, Thomas S.",
      aulast: "Kuhn",
      isbn: "0306406152",
      oclc: "12345",
    });
    expect(pagesOf(c)).toBe("45-67");
  });

  it("reads 0.1 (genre, atitle, title, aulast, issn, spage, id=doi:, sid), also with &amp; separators", () => {
    const c = ok(
      "sid=Entrez:PubMed&genre=article&atitle=Tone%20maps&title=Hearing%20research&aulast=Smith&aufirst=J" +
        "&issn=03785955&volume=7&issue=2&spage=12&date=2001&id=doi:10.1000/xyz123&id=pmid:1234567",
    );
    expect(c).toMatchObject({
      version: "0.1",
      genre: "article",
      atitle: "Tone maps",
      title: "Hearing research",
      author: "Smith, J",
      issn: "0378-5955",
      spage: "12",
      doi: "10.1000/xyz123",
      pmid: "1234567",
      source: "Entrez:PubMed",
    });
    expect(pagesOf(c)).toBe("12");
    expect(ok("genre=book&amp;title=Walden&amp;aulast=Thoreau&amp;isbn=9780306406157")).toMatchObject({
      title: "Walden",
      aulast: "Thoreau",
      isbn: "9780306406157",
    });
  });

  it("takes the first of a repeated field, doi.org addresses as DOIs, and ignores unknown and empty keys", () => {
    const c = ok(
      "rft.title=First&rft.title=Second&rft_id=https%3A%2F%2Fdoi.org%2F10.5555%2F12345678&rft.foo=bar&rft.volume=&=x&junk",
    );
    expect(c).toMatchObject({ version: "1.0", title: "First", doi: "10.5555/12345678", volume: null });
  });

  it("drops invalid standard numbers and identifiers but keeps the rest", () => {
    const c = ok("title=Some%20title&issn=1234-5678&isbn=12345&id=doi:not-a-doi&id=pmid:abc");
    expect(c).toMatchObject({ title: "Some title", issn: null, isbn: null, doi: null, pmid: null });
  });

  it("cleans control characters and cuts long values", () => {
    const c = ok(`title=${encodeURIComponent("A\u0000title\u0007 here")}&atitle=${"x".repeat(900)}`);
    expect(c.title).toBe("A title here");
    expect(c.atitle).toHaveLength(500);
  });

  it("refuses broken percent-encoding, over-long queries and queries with nothing to look for", () => {
    expect(parseOpenUrl("rft.title=%E0%A4%A")).toEqual({ ok: false, reason: "malformed" });
    expect(parseOpenUrl("title=%ZZ")).toEqual({ ok: false, reason: "malformed" });
    expect(parseOpenUrl(`title=${"a".repeat(9000)}`)).toEqual({ ok: false, reason: "malformed" });
    expect(parseOpenUrl("")).toEqual({ ok: false, reason: "empty" });
    expect(parseOpenUrl("url_ver=Z39.88-2004&rft.volume=3&rft.spage=1&sid=x")).toEqual({ ok: false, reason: "empty" });
    expect(parseOpenUrl("hello")).toEqual({ ok: false, reason: "empty" });
    expect(parseOpenUrl("title=+++&aulast=%20")).toEqual({ ok: false, reason: "empty" });
    expect(parseOpenUrl("<script>alert(1)</script>")).toEqual({ ok: false, reason: "empty" });
  });
});

describe("volume and issue of an item's description", () => {
  it.each([
    ["v. 12", "12", null],
    ["Vol 12 no. 3", "12", "3"],
    ["Bd. 4, Heft 2", "4", "2"],
    ["12(3)", "12", "3"],
    ["v.45 (2024)", "45", null],
    ["Supplement", null, null],
  ])("%s", (d, volume, issue) => {
    expect(volumeIssueOf(d)).toEqual({ volume, issue });
  });
});
