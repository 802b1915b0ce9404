import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../../test/api.js";
import {
  countRows,
  makeInstitution,
  makeTitle,
  makeUser,
  type InstitutionFixture,
  type UserFixture,
} from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";

/*
 * Item 15: the platform's API speaks XML as well as JSON. The compatibility routes read
 * <user_request> bodies, answer in the format asked for (Accept or format=), default to the
 * body's, and answer any other content type 415 in the platform's envelope.
 */

const t = useTestApp();

interface Call {
  method?: "GET" | "POST" | "DELETE";
  key?: string;
  contentType?: string;
  accept?: string;
  body?: string;
}

async function call(url: string, o: Call = {}) {
  const headers: Record<string, string> = {};
  if (o.key) headers.authorization = `apikey ${o.key}`;
  if (o.contentType) headers["content-type"] = o.contentType;
  if (o.accept) headers.accept = o.accept;
  const res = await t.app.inject({
    method: o.method ?? (o.body === undefined ? "GET" : "POST"),
    url,
    headers,
    ...(o.body === undefined ? {} : { payload: o.body }),
  });
  return { status: res.statusCode, type: String(res.headers["content-type"] ?? ""), text: res.body };
}

/** Reads an answer the way a client of the platform would (its own parser, its defaults). */
const readXml = (text: string) =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false }).parse(text);

const userRequestXml = (extra = "") => `<?xml version="1.0" encoding="UTF-8"?>
<user_request>
  <request_type>DIGITIZATION</request_type>
  <request_sub_type desc="Physical to digitization">PHYSICAL_TO_DIGITIZATION</request_sub_type>
  <pickup_location_type>LIBRARY</pickup_location_type>
  <partial_digitization>true</partial_digitization>
  <required_pages_range>
    <required_pages_range><from_page>1</from_page><to_page>6</to_page></required_pages_range>
    <required_pages_range><from_page>xii</from_page><to_page>xiv</to_page></required_pages_range>
  </required_pages_range>
  <chapter_or_article_title>Letters &amp; essays &lt;selected&gt;</chapter_or_article_title>
  <chapter_or_article_author>S&#233;n&#xE8;que</chapter_or_article_author>
  <comment><![CDATA[For my seminar & <b>not</b> markup]]></comment>
  <last_interest_date>2026-05-01Z</last_interest_date>
  <copyrights_declaration_signed_by_patron>true</copyrights_declaration_signed_by_patron>
  ${extra}
</user_request>`;

describe("XML bodies and answers on /almaws", () => {
  let inst: InstitutionFixture;
  let patron: UserFixture;
  beforeAll(async () => {
    inst = await makeInstitution(t.ctx);
    patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
  });
  const url = (query: string) => `/almaws/v1/users/${patron.primaryId}/requests${query}`;

  it("places a request from the platform's <user_request> XML and answers in XML", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await call(url(`?item_pid=${title.itemIds[0]}`), {
      key: patron.apiKey,
      contentType: "application/xml; charset=utf-8",
      body: userRequestXml(),
    });
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/xml/);
    const answer = readXml(res.text).user_request;
    expect(answer).toMatchObject({
      request_type: "DIGITIZATION",
      request_sub_type: { "#text": "PATRON_DIGITIZATION", "@_desc": "Patron digitization request" },
      user_primary_id: patron.primaryId,
      mms_id: String(title.mmsId),
      partial_digitization: "true",
      required_pages_range: {
        required_pages_range: [
          { from_page: "1", to_page: "6" },
          { from_page: "xii", to_page: "xiv" },
        ],
      },
      chapter_or_article_title: "Letters & essays <selected>",
      chapter_or_article_author: "Sénèque",
      comment: "For my seminar & <b>not</b> markup",
      last_interest_date: "2026-05-01Z",
      target_destination: { "#text": "DIGI_DEPT_INST", "@_desc": "Digitization Department For Institution" },
    });
    // Recto's own API sees the same request, with the text decoded once
    const own = await client(t.app, patron.apiKey).get(`/api/v1/requests/${answer.request_id}`);
    expect(own.body).toMatchObject({
      chapter_or_article_title: "Letters & essays <selected>",
      comment: "For my seminar & <b>not</b> markup",
      pages_requested: 6 + 3,
      request_source: "api",
    });
  });

  it("accepts text/xml, a flat list of ranges and target_destination as <value>", async () => {
    const fso = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_SERVICES_OPERATOR" }] });
    const title = await makeTitle(t.ctx, inst);
    const body = `<user_request><request_type>DIGITIZATION</request_type>
      <required_pages_range><from_page>3</from_page><to_page>4</to_page></required_pages_range>
      <required_pages_range><from_page>9</from_page><to_page>9</to_page></required_pages_range>
      <target_destination><value>DIGI_DEPT_INST</value><desc>Digitization</desc></target_destination>
    </user_request>`;
    const res = await call(url(`?mms_id=${title.mmsId}`), {
      key: fso.apiKey,
      contentType: "text/xml",
      accept: "application/json",
      body,
    });
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/json/);
    expect(JSON.parse(res.text)).toMatchObject({
      required_pages_range: [
        { from_page: "3", to_page: "4" },
        { from_page: "9", to_page: "9" },
      ],
      target_destination: { value: "DIGI_DEPT_INST" },
    });
  });

  it("answers in the format asked for: format= wins over Accept, Accept over the body's format", async () => {
    const title = await makeTitle(t.ctx, inst);
    const json = JSON.stringify({ request_type: "DIGITIZATION", chapter_or_article_title: "Chapter 1" });
    const xmlByQuery = await call(url(`?mms_id=${title.mmsId}&format=xml`), {
      key: patron.apiKey,
      contentType: "application/json",
      accept: "application/json",
      body: json,
    });
    expect(xmlByQuery.status).toBe(200);
    expect(xmlByQuery.type).toMatch(/^application\/xml/);
    const id = readXml(xmlByQuery.text).user_request.request_id;

    const read = (query: string, accept?: string) =>
      call(url(`/${id}${query}`), { key: patron.apiKey, ...(accept ? { accept } : {}) });
    expect((await read("")).type).toMatch(/^application\/json/);
    expect((await read("", "application/xml")).type).toMatch(/^application\/xml/);
    expect((await read("", "text/html, application/xml;q=0.9, */*;q=0.8")).type).toMatch(/^application\/xml/);
    expect((await read("", "application/xml;q=0.5, application/json")).type).toMatch(/^application\/json/);
    expect((await read("?format=json", "application/xml")).type).toMatch(/^application\/json/);
    const one = await read("?format=XML");
    expect(readXml(one.text).user_request).toMatchObject({ request_id: id, chapter_or_article_title: "Chapter 1" });

    const list = await call(url("?format=xml"), { key: patron.apiKey });
    const listed = readXml(list.text).user_requests;
    expect(Number(listed["@_total_record_count"])).toBeGreaterThanOrEqual(1);
    expect([listed.user_request].flat().map((r: any) => r.request_id)).toContain(id);

    const badFormat = await call(url(`/${id}?format=csv`), { key: patron.apiKey });
    expect(badFormat.status).toBe(400);
  });

  it("answers the request options in XML too", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await call(`/almaws/v1/bibs/${title.mmsId}/request-options?format=xml`, { key: patron.apiKey });
    expect(res.status).toBe(200);
    const options = readXml(res.text).request_options;
    expect([options.request_option].flat()[0].type).toMatchObject({
      "#text": expect.any(String),
      "@_desc": expect.any(String),
    });
  });

  it("answers errors in the platform's XML envelope when XML is asked for or sent", async () => {
    const title = await makeTitle(t.ctx, inst);
    const before = await countRows(t.ctx, "requests", inst.id);
    const invalid = await call(url(`?mms_id=${title.mmsId}`), {
      key: patron.apiKey,
      contentType: "application/xml",
      body: userRequestXml("<last_interest_date>someday</last_interest_date>").replace(
        "<last_interest_date>2026-05-01Z</last_interest_date>",
        "",
      ),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.type).toMatch(/^application\/xml/);
    const envelope = readXml(invalid.text).web_service_result;
    expect(envelope).toMatchObject({
      errorsExist: "true",
      errorList: { error: { errorCode: "VALIDATION_FAILED", field: "last_interest_date" } },
    });
    expect(envelope.errorList.error.trackingId).toEqual(expect.any(String));

    const unauthenticated = await call(url(""), { accept: "application/xml" });
    expect(unauthenticated.status).toBe(401);
    expect(readXml(unauthenticated.text).web_service_result.errorList.error.errorCode).toBe("UNAUTHENTICATED");

    const unknown = await call("/almaws/v1/nothing?format=xml");
    expect(unknown.status).toBe(404);
    expect(readXml(unknown.text).web_service_result.errorList.error.errorCode).toBe("ROUTE_NOT_FOUND");
    expect(await countRows(t.ctx, "requests", inst.id)).toBe(before);
  });

  it.each([
    ["not XML", "just text"],
    ["unclosed elements", "<user_request><request_type>DIGITIZATION</user_request>"],
    ["another root element", "<user><primary_id>x</primary_id></user>"],
    [
      "an undeclared entity",
      "<user_request><request_type>DIGITIZATION</request_type><comment>&xxe;</comment></user_request>",
    ],
  ])("refuses %s as a malformed body", async (_what, body) => {
    const title = await makeTitle(t.ctx, inst);
    const res = await call(url(`?mms_id=${title.mmsId}`), { key: patron.apiKey, contentType: "application/xml", body });
    expect(res.status).toBe(400);
    const error = readXml(res.text).web_service_result.errorList.error;
    expect(error.errorCode).toBe("MALFORMED_BODY");
  });

  it("never expands entities: a billion-laughs body and an external entity are refused, writing nothing", async () => {
    const title = await makeTitle(t.ctx, inst);
    const before = await countRows(t.ctx, "requests", inst.id);
    const laughs = [
      '<?xml version="1.0"?>',
      "<!DOCTYPE user_request [",
      '  <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`),
      "]>",
      "<user_request><request_type>DIGITIZATION</request_type><chapter_or_article_title>&lol9;</chapter_or_article_title></user_request>",
    ].join("\n");
    const external = `<?xml version="1.0"?>
<!DOCTYPE user_request [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<user_request><request_type>DIGITIZATION</request_type><chapter_or_article_title>&xxe;</chapter_or_article_title></user_request>`;
    const parameter = `<!DOCTYPE user_request SYSTEM "http://127.0.0.1:9/evil.dtd"><user_request><request_type>DIGITIZATION</request_type><chapter_or_article_title>x</chapter_or_article_title></user_request>`;
    for (const body of [laughs, external, parameter]) {
      const res = await call(url(`?mms_id=${title.mmsId}`), { key: patron.apiKey, contentType: "text/xml", body });
      expect(res.status).toBe(400);
      expect(res.text.length).toBeLessThan(2000);
      expect(res.text).not.toContain("lollol");
      expect(res.text).not.toContain("root:");
      expect(readXml(res.text).web_service_result.errorList.error.errorCode).toBe("MALFORMED_BODY");
    }
    expect(await countRows(t.ctx, "requests", inst.id)).toBe(before);
  });

  it.each([
    ["text/plain", "request_type=DIGITIZATION"],
    ["application/x-www-form-urlencoded", "request_type=DIGITIZATION"],
    ["application/octet-stream", "\u0000\u0001"],
  ])("answers 415 in the platform's envelope to a %s body", async (contentType, body) => {
    const title = await makeTitle(t.ctx, inst);
    const res = await call(url(`?mms_id=${title.mmsId}`), { key: patron.apiKey, contentType, body });
    expect(res.status).toBe(415);
    expect(res.type).toMatch(/^application\/json/);
    expect(JSON.parse(res.text)).toMatchObject({
      errorsExist: true,
      errorList: {
        error: [{ errorCode: "UNSUPPORTED_MEDIA_TYPE", errorMessage: expect.stringContaining("application/xml") }],
      },
      result: null,
    });
    const asXml = await call(url(`?mms_id=${title.mmsId}&format=xml`), { key: patron.apiKey, contentType, body });
    expect(asXml.status).toBe(415);
    expect(readXml(asXml.text).web_service_result.errorList.error.errorCode).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("keeps XML to /almaws: Recto's own API still takes JSON only", async () => {
    const title = await makeTitle(t.ctx, inst);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/requests",
      headers: { authorization: `Bearer ${patron.apiKey}`, "content-type": "application/xml" },
      payload: `<user_request><mms_id>${title.mmsId}</mms_id></user_request>`,
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(JSON.parse(res.body).code).toEqual(expect.any(String));
  });
});
