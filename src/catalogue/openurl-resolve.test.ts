import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import { admin, makeInstitution, makeUser, type InstitutionFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

// GET /api/v1/openurl/resolve: the citation read, then found in the catalogue (identifiers first, then title and author).
const t = useTestApp();

describe("OpenURL resolving: GET /api/v1/openurl/resolve", () => {
  let inst: InstitutionFixture;
  let patronKey: string;
  const ids: Record<string, string> = {};
  const items: Record<string, string> = {};

  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    const api = client(t.app, (await admin(t.ctx, inst)).apiKey);
    patronKey = (await makeUser(t.ctx, inst)).apiKey;
    const records: Record<string, Record<string, unknown>> = {
      book: {
        title: "A history of science : from Copernicus to Kuhn",
        author: "Kuhn, Thomas S.",
        isbn: "978-0-306-40615-7",
      },
      journal: { title: "Hearing research", issn: "0378-5955", material_type: "JOURNAL" },
      oclc: { title: "Walden", author: "Thoreau, Henry David", identifiers: { oclc: "12345678" } },
      twinA: { title: "Collected essays", author: "Woolf, Virginia" },
      twinB: { title: "Collected essays", author: "Orwell, George" },
    };
    for (const [name, fields] of Object.entries(records)) {
      const res = await api.post("/api/v1/bibs", fields);
      expect(res.status).toBe(201);
      ids[name] = res.body.mms_id;
      const holding = await api.post(`/api/v1/bibs/${res.body.mms_id}/holdings`, {
        library: "MAIN",
        location: "STACKS",
      });
      expect(holding.status).toBe(201);
      if (name === "journal") {
        for (const description of ["v. 11 no. 1", "v. 12 no. 3", "v. 12 no. 4"]) {
          const item = await api.post(`/api/v1/bibs/${res.body.mms_id}/holdings/${holding.body.id}/items`, {
            barcode: `J-${description.replace(/\W/g, "")}-${inst.id}`,
            description,
          });
          expect(item.status).toBe(201);
          items[description] = String(item.body.id);
        }
      }
    }
  });

  const resolve = (query: string, key: string | undefined = patronKey) =>
    client(t.app, key).get(`/api/v1/openurl/resolve?${query}`);

  it("matches by ISSN and picks the item of the citation's volume and issue (1.0 KEV)", async () => {
    const res = await resolve(
      "url_ver=Z39.88-2004&rft.genre=article&rft.atitle=Tone+maps&rft.jtitle=Unrelated+name&rft.issn=0378-5955" +
        "&rft.volume=12&rft.issue=3&rft.spage=5&rft.epage=9&rft_id=info%3Adoi%2F10.1000%2Fxyz",
    );
    expect(res.status).toBe(200);
    expect(res.body.match).toEqual({ mms_id: ids.journal, item_id: items["v. 12 no. 3"], matched_by: "issn" });
    expect(res.body.citation).toMatchObject({ atitle: "Tone maps", pages: "5-9", doi: "10.1000/xyz", version: "1.0" });
  });

  it("no item when the volume names several or none", async () => {
    const res = await resolve("issn=0378-5955&volume=12");
    expect(res.body.match).toEqual({ mms_id: ids.journal, item_id: null, matched_by: "issn" });
    expect((await resolve("issn=0378-5955&volume=99")).body.match.item_id).toBeNull();
  });

  it("matches by ISBN in either form, and by OCLC number", async () => {
    expect((await resolve("genre=book&isbn=0306406152")).body.match).toMatchObject({
      mms_id: ids.book,
      matched_by: "isbn",
    });
    expect((await resolve("rft.btitle=x&rft_id=info:oclcnum/12345678")).body.match).toMatchObject({
      mms_id: ids.oclc,
      matched_by: "oclc",
    });
  });

  it("then by title (before its subtitle) and author; by title alone only when one record has it", async () => {
    expect((await resolve("rft.btitle=A%20History%20of%20Science&rft.aulast=Kuhn")).body.match).toMatchObject({
      mms_id: ids.book,
      matched_by: "title_author",
    });
    expect((await resolve("title=Collected%20essays&aulast=Orwell")).body.match).toMatchObject({ mms_id: ids.twinB });
    const ambiguous = await resolve("title=Collected%20essays");
    expect(ambiguous.body.match).toBeNull();
    expect(ambiguous.body.search_text).toBe("Collected essays");
    expect((await resolve("title=Walden")).body.match).toMatchObject({ mms_id: ids.oclc, matched_by: "title" });
  });

  it("no match keeps the citation for the search page", async () => {
    const res = await resolve("genre=article&atitle=Nothing%20like%20it&title=Journal%20of%20nowhere&aulast=Nobody");
    expect(res.status).toBe(200);
    expect(res.body.match).toBeNull();
    expect(res.body.search_text).toBe("Journal of nowhere");
    expect((await resolve("genre=book&title=Nowhere%20book&aulast=Nobody")).body.search_text).toBe(
      "Nowhere book Nobody",
    );
    expect(res.body.citation.atitle).toBe("Nothing like it");
  });

  it("hostile titles are words, not search syntax", async () => {
    const res = await resolve(`title=${encodeURIComponent('issn: "id:1 OR 1=1 author:" ) ( * NEAR')}`);
    expect(res.status).toBe(200);
    expect(res.body.match).toBeNull();
  });

  it("answers 400 OPENURL_UNREADABLE for broken encoding or nothing to look for; 401 signed out", async () => {
    for (const q of ["rft.title=%E0%A4%A", "url_ver=Z39.88-2004&rft.volume=3", "sid=x"]) {
      const res = await resolve(q);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("OPENURL_UNREADABLE");
    }
    expect((await resolve("title=Walden", "")).status).toBe(401);
  });

  it("never finds another institution's records", async () => {
    const other = await makeInstitution(t.ctx);
    const key = (await makeUser(t.ctx, other)).apiKey;
    expect((await resolve("issn=0378-5955", key)).body.match).toBeNull();
    expect((await resolve("title=Walden", key)).body.match).toBeNull();
  });
});
