import { beforeAll, describe, expect, it } from "vitest";
import { almaws } from "../../test/almaws.js";
import { client } from "../../test/api.js";
import {
  makeInstitution,
  makeTitle,
  makeUser,
  type InstitutionFixture,
  type UserFixture,
} from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { hashPassword } from "../people/login.js";
import { DEFAULT_REQUEST_FORM } from "../request-form/default-config.js";

/*
 * Issue 11: a server refusal reads in the page's language. The language is the Accept-Language
 * the caller names, else (signed in through the web pages) the user's, else the institution's;
 * an API client that names none reads the English it always has, and /almaws never changes.
 */

const t = useTestApp();
const alma = almaws(() => t.app);
const PASSWORD = "a long enough password";

let inst: InstitutionFixture;
let patron: UserFixture;
let mmsId: string;
let itemId: number;

/** The form of this institution asks for a chapter title and one checkbox. */
const config = {
  ...DEFAULT_REQUEST_FORM,
  fields: DEFAULT_REQUEST_FORM.fields.map((f) =>
    f.code === "chapter_or_article_title" ? { ...f, mandatory: true } : f,
  ),
  checkboxes: [{ code: "not_online", label: { en: "Not online", fr: "Pas en ligne" }, mandatory: true }],
};
const incomplete = { required_pages_range: [{ from_page: "1", to_page: "6" }] };
/** Refused by the body's schema: a DOI that is none, pages backwards, a comment too long. */
const malformed = {
  required_pages_range: [{ from_page: "9", to_page: "3" }],
  doi: "not a doi",
  comment: "x".repeat(4001),
};

async function place(body: object, headers: Record<string, string>, key = patron.apiKey) {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/v1/requests",
    headers: { authorization: `Bearer ${key}`, ...headers },
    payload: { mms_id: mmsId, ...body },
  });
  return { status: res.statusCode, body: res.json(), language: res.headers["content-language"] };
}

const fieldsOf = (body: { fields: { field: string; message: string }[] }) =>
  Object.fromEntries(body.fields.map((f) => [f.field, f.message]));

beforeAll(async () => {
  inst = await makeInstitution(t.ctx);
  const fa = await makeUser(t.ctx, inst, { group: "STAFF", roles: [{ role: "FULFILLMENT_ADMINISTRATOR" }] });
  patron = await makeUser(t.ctx, inst, { group: "FACULTY" });
  expect((await client(t.app, fa.apiKey).put("/api/v1/request-form/config", { config })).status).toBe(200);
  const title = await makeTitle(t.ctx, inst);
  mmsId = String(title.mmsId);
  itemId = title.itemIds[0]!;
});

describe("the language of the server's messages", () => {
  it("answers a refusal of the request form in the language named, same code and fields", async () => {
    const fr = await place(incomplete, { "accept-language": "fr" });
    expect(fr.status).toBe(400);
    expect(fr.language).toBe("fr");
    expect(fr.body.code).toBe("VALIDATION_FAILED");
    expect(fr.body.message).toBe("Certains champs sont manquants ou incorrects.");
    expect(fieldsOf(fr.body)).toEqual({
      chapter_or_article_title: "La bibliothèque en a besoin pour accepter votre demande",
      "custom_checkboxes.not_online": "Cochez cette case pour envoyer votre demande",
    });

    const de = await place(incomplete, { "accept-language": "de-AT, en;q=0.5" });
    expect([de.status, de.body.code, de.language]).toEqual([400, "VALIDATION_FAILED", "de"]);
    expect(fieldsOf(de.body)).toEqual({
      chapter_or_article_title: "Die Bibliothek braucht diese Angabe, um Ihre Bestellung anzunehmen",
      "custom_checkboxes.not_online": "Kreuzen Sie dieses Kästchen an, um die Bestellung abzusenden",
    });

    const es = await place(incomplete, { "accept-language": "es" });
    expect([es.status, es.body.code, es.language]).toEqual([400, "VALIDATION_FAILED", "es"]);
    expect(fieldsOf(es.body)).toEqual({
      chapter_or_article_title: "La biblioteca necesita este dato para aceptar su solicitud",
      "custom_checkboxes.not_online": "Marque esta casilla para enviar su solicitud",
    });
  });

  it("says the body schema's refusals from what failed, not by translating zod's English", async () => {
    const en = await place(malformed, {});
    const fr = await place(malformed, { "accept-language": "fr-CA" });
    expect([fr.status, fr.body.code, fr.language]).toEqual([400, "VALIDATION_FAILED", "fr"]);
    expect(Object.keys(fieldsOf(fr.body)).sort()).toEqual(Object.keys(fieldsOf(en.body)).sort());
    expect(fieldsOf(fr.body)).toEqual({
      "required_pages_range.0.from_page": "La première page doit précéder la dernière",
      doi: "Saisissez un DOI de la forme 10.1000/xyz123",
      comment: "Saisissez au plus 4000 caractères",
    });
    const es = await place(
      { ...incomplete, last_interest_date: "2026-02-30", mms_id: "abc" },
      { "accept-language": "es" },
    );
    expect(fieldsOf(es.body)).toEqual({
      last_interest_date: "Escriba una fecha que exista, con el formato 2031-12-31",
      mms_id: "Escriba un identificador formado por cifras",
    });
    const missing = await t.app.inject({
      method: "POST",
      url: "/api/v1/requests",
      headers: { authorization: `Bearer ${patron.apiKey}`, "accept-language": "de" },
      payload: { ...incomplete },
    });
    expect(missing.json().fields).toEqual([{ field: "mms_id", message: "Füllen Sie dieses Feld aus" }]);
  });

  it("keeps the English an API client has always read when it names no language Recto speaks", async () => {
    for (const headers of [{}, { "accept-language": "ja" }, { "accept-language": "*" }] as Record<string, string>[]) {
      const res = await place(incomplete, headers);
      expect(res.status).toBe(400);
      expect(res.language).toBeUndefined();
      expect(res.body.message).toBe(
        "chapter_or_article_title: is required by this library's request form (Chapter or article title); " +
          "custom_checkboxes.not_online: must be ticked: Not online",
      );
      expect(res.body.fields).toEqual([
        {
          field: "chapter_or_article_title",
          message: "is required by this library's request form (Chapter or article title)",
        },
        { field: "custom_checkboxes.not_online", message: "must be ticked: Not online" },
      ]);
    }
    const schema = await place(malformed, {});
    expect(fieldsOf(schema.body).doi).toBe("must be a DOI such as 10.1000/xyz123");
    // English asked for by name: the sentences the web pages show.
    const en = await place(incomplete, { "accept-language": "en-GB" });
    expect(en.language).toBe("en");
    expect(fieldsOf(en.body)["custom_checkboxes.not_online"]).toBe("Tick this box to send your request");
  });

  it("answers /almaws in English, byte for byte as without a language", async () => {
    const url = `/almaws/v1/users/${patron.primaryId}/requests?item_pid=${itemId}`;
    const body = { request_type: "DIGITIZATION", ...incomplete };
    const plain = await alma("POST", url, { key: patron.apiKey, body });
    const asked = await t.app.inject({
      method: "POST",
      url,
      headers: { authorization: `apikey ${patron.apiKey}`, "accept-language": "fr" },
      payload: body,
    });
    expect(asked.statusCode).toBe(400);
    expect(asked.headers["content-language"]).toBeUndefined();
    const withoutIds = (b: any) =>
      JSON.stringify({ ...b, errorList: { error: b.errorList.error.map((e: any) => ({ ...e, trackingId: "" })) } });
    expect(withoutIds(asked.json())).toBe(withoutIds(plain.body));
    expect(plain.body.errorList.error[0].errorMessage).toBe(
      "chapter_or_article_title: is required by this library's request form (Chapter or article title)",
    );
  });

  it("translates every catalogue code, and the precise refusals a patron's pages meet", async () => {
    const unknownTitle = await t.app.inject({
      method: "GET",
      url: "/api/v1/explain?mms_id=999999999",
      headers: { authorization: `Bearer ${patron.apiKey}`, "accept-language": "es" },
    });
    expect(unknownTitle.json()).toMatchObject({ code: "NOT_FOUND", message: "Este título no existe." });
    const search = await t.app.inject({
      method: "GET",
      url: "/api/v1/bibs?q=isbn:12345",
      headers: { authorization: `Bearer ${patron.apiKey}`, "accept-language": "de" },
    });
    expect(search.json().fields).toEqual([
      { field: "q", message: "„12345“ ist keine ISBN: Geben Sie 10 oder 13 Ziffern an (Bindestriche sind erlaubt)" },
    ]);
    const anonymous = await t.app.inject({
      method: "GET",
      url: "/api/v1/requests",
      headers: { "accept-language": "fr" },
    });
    expect(anonymous.json()).toEqual({
      code: "UNAUTHENTICATED",
      message: "Connectez-vous, ou envoyez une clé d’API, pour utiliser ce service.",
    });
  });
});

describe("signed in through the web pages, without a language named", () => {
  let signedIn: { cookie: string; csrf: string };
  let user: UserFixture;
  beforeAll(async () => {
    user = await makeUser(t.ctx, inst, { group: "FACULTY", passwordHash: await hashPassword(PASSWORD) });
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { institution: inst.code, user_id: user.primaryId, password: PASSWORD },
    });
    const raw = res.headers["set-cookie"];
    signedIn = { cookie: String(Array.isArray(raw) ? raw[0] : raw).split(";")[0]!, csrf: res.json().csrf_token };
  });

  const placeSignedIn = (headers: Record<string, string> = {}) =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/requests",
      headers: { cookie: signedIn.cookie, "x-csrf-token": signedIn.csrf, ...headers },
      payload: { mms_id: mmsId, ...incomplete },
    });
  const setLanguages = async (user_language: string | null, institution_language: string) => {
    await t.ctx.db.updateTable("users").set({ preferred_language: user_language }).where("id", "=", user.id).execute();
    await t.ctx.db
      .updateTable("institutions")
      .set({ default_language: institution_language })
      .where("id", "=", inst.id)
      .execute();
  };

  it("says it in the user's preferred language, else the institution's, else English; a named language wins", async () => {
    await setLanguages("es", "de");
    const es = await placeSignedIn();
    expect([es.statusCode, es.headers["content-language"], es.json().fields[0].field]).toEqual([
      400,
      "es",
      "chapter_or_article_title",
    ]);
    expect(es.json().fields[0].message).toBe("La biblioteca necesita este dato para aceptar su solicitud");

    await setLanguages(null, "de");
    expect((await placeSignedIn()).json().fields[0].message).toBe(
      "Die Bibliothek braucht diese Angabe, um Ihre Bestellung anzunehmen",
    );
    await setLanguages("ja", "it");
    expect((await placeSignedIn()).json().fields[0].message).toBe("The library needs this to take your request");
    await setLanguages("es", "de");
    expect((await placeSignedIn({ "accept-language": "fr" })).json().fields[0].message).toBe(
      "La bibliothèque en a besoin pour accepter votre demande",
    );
    await setLanguages(null, "en");
  });

  it("is not done for the same user's API key: a program reads the English it always has", async () => {
    await setLanguages("fr", "fr");
    const res = await place(incomplete, {}, user.apiKey);
    expect(res.language).toBeUndefined();
    expect(res.body.fields[0].message).toBe("is required by this library's request form (Chapter or article title)");
    await setLanguages(null, "en");
  });
});
