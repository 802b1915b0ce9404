import { beforeAll, describe, expect, it } from "vitest";
import { admin, makeInstitution, makeTitle, makeUser, type UserFixture } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

const t = useTestApp();

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: "GET", url, headers });

describe("where an API key may travel", () => {
  let patron: UserFixture;
  let boss: UserFixture;
  let mmsId: number;
  beforeAll(async () => {
    const inst = await makeInstitution(t.ctx);
    patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
    boss = await admin(t.ctx, inst);
    mmsId = (await makeTitle(t.ctx, inst)).mmsId;
  });

  it("refuses a key in the URL outside /almaws with 401 saying to send the Authorization header", async () => {
    for (const url of [
      `/api/v1/libraries?apikey=${boss.apiKey}`,
      `/api/v1/outbox?apikey=${boss.apiKey}`,
      `/api/v1/printouts?apikey=${boss.apiKey}`,
      `/api/v1/printouts/1/pdf?apikey=${boss.apiKey}`,
      `/api/v1/libraries?api_key=${boss.apiKey}`,
      `/api/v1/libraries?access_token=${boss.apiKey}`,
      `/api/v1/libraries?APIKEY=${boss.apiKey}`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json(), url).toEqual({ code: "UNAUTHENTICATED", message: expect.stringMatching(/Authorization/) });
    }
    // Even next to a valid header: the key has already been written into a URL, so the client must learn.
    const both = await get(`/api/v1/libraries?apikey=${boss.apiKey}`, { authorization: `Bearer ${boss.apiKey}` });
    expect(both.statusCode).toBe(401);
    // The header alone works, and so does an unrelated query.
    const header = await get("/api/v1/libraries?limit=5", { authorization: `Bearer ${boss.apiKey}` });
    expect(header.statusCode).toBe(200);
  });

  it("accepts on /almaws every form the platform's documentation and clients use", async () => {
    const urls = [
      `/almaws/v1/users/${patron.primaryId}/requests`,
      `/almaws/v1/bibs/${mmsId}/request-options?user_id=${patron.primaryId}`,
    ];
    const headerForms = [
      `apikey ${patron.apiKey}`,
      `APIKEY ${patron.apiKey}`,
      `ApiKey    ${patron.apiKey}`,
      `  apikey ${patron.apiKey}  `,
      `Bearer ${patron.apiKey}`,
      `bearer\t${patron.apiKey}`,
    ];
    for (const base of urls) {
      for (const authorization of headerForms) {
        const res = await get(base, { authorization });
        expect(res.statusCode, `${base} with '${authorization}'`).toBe(200);
      }
      const sep = base.includes("?") ? "&" : "?";
      const inQuery = await get(`${base}${sep}apikey=${encodeURIComponent(patron.apiKey)}`);
      expect(inQuery.statusCode, `${base} ?apikey=`).toBe(200);
    }
  });

  it("refuses on /almaws a wrong scheme, a bad key and no key, in the platform's envelope", async () => {
    const url = `/almaws/v1/users/${patron.primaryId}/requests`;
    for (const headers of <Record<string, string>[]>[
      { authorization: `Basic ${patron.apiKey}` },
      { authorization: `apikey` },
      { authorization: `apikey ${patron.apiKey} extra` },
      { authorization: "apikey rk_not_a_key" },
      {},
    ]) {
      const res = await get(url, headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(401);
      expect(res.json().errorList.error[0].errorCode).toBe("UNAUTHENTICATED");
    }
    const emptyQuery = await get(`${url}?apikey=`);
    expect(emptyQuery.statusCode).toBe(401);
    const badQuery = await get(`${url}?apikey=rk_not_a_key`);
    expect(badQuery.statusCode).toBe(401);
    expect(badQuery.json().errorList.error[0]).toMatchObject({
      errorCode: "UNAUTHENTICATED",
      errorMessage: "The API key is not valid or has been revoked.",
    });
  });
});
