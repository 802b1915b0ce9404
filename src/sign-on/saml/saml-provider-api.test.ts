import { beforeAll, describe, expect, it } from "vitest";
import { admin, makeInstitution, type InstitutionFixture, type UserFixture } from "../../../test/factories.js";
import { useTestApp } from "../../../test/harness.js";
import { IDP_CERT, IDP_ENTITY_ID } from "../../../test/saml-idp.js";

const t = useTestApp({ publicUrl: "https://recto.example" });
let inst: InstitutionFixture;
let gsa: UserFixture;

const provider = (certificates: string[]) => ({
  code: "uex",
  label: "University of Example",
  protocol: "saml",
  create_accounts: true,
  settings: {
    idp_entity_id: IDP_ENTITY_ID,
    idp_sso_url: "https://idp.uex.example/idp/profile/SAML2/Redirect/SSO",
    idp_certificates: certificates,
  },
  mapping: {
    primary_id: "eduPersonPrincipalName",
    user_group: {
      attribute: "eduPersonAffiliation",
      rules: [{ value: "student", user_group_code: "UNDERGRAD" }],
      default_user_group_code: null,
    },
  },
});

const create = (payload: object) =>
  t.app.inject({
    method: "POST",
    url: "/api/v1/identity-providers",
    headers: { authorization: `Bearer ${gsa.apiKey}` },
    payload,
  });

beforeAll(async () => {
  inst = await makeInstitution(t.ctx);
  gsa = await admin(t.ctx, inst);
});

describe("SAML providers through the provider API", () => {
  it("refuses a certificate that is not a readable PEM certificate, naming the field", async () => {
    const broken = IDP_CERT.replace(/[A-Za-z]{12}/, "############");
    const res = await create(provider([IDP_CERT, broken]));
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { field: string }[] }>().fields.map((f) => f.field)).toEqual([
      "settings.idp_certificates.1",
    ]);
    // In a language (the staff app asks for one), said as what to do, not as a bare "not valid".
    const inFrench = await t.app.inject({
      method: "POST",
      url: "/api/v1/identity-providers",
      headers: { authorization: `Bearer ${gsa.apiKey}`, "accept-language": "fr" },
      payload: provider([IDP_CERT, broken]),
    });
    expect(inFrench.json<{ fields: { message: string }[] }>().fields[0]?.message).toMatch(/^Collez un certificat/);
  });

  it("creates one with its certificate; its metadata is then published at the address answered", async () => {
    const res = await create(provider([IDP_CERT]));
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<{ metadata_url: string; settings: { want_assertions_signed: boolean } }>();
    expect(created.metadata_url).toBe(`https://recto.example/auth/saml/${inst.code}/uex/metadata`);
    expect(created.settings.want_assertions_signed).toBe(true);
    const metadata = await t.app.inject({ method: "GET", url: new URL(created.metadata_url).pathname });
    expect(metadata.statusCode).toBe(200);
    expect(metadata.body).toContain(`entityID="${created.metadata_url}"`);
    expect(metadata.body).toContain(`Location="https://recto.example/auth/saml/${inst.code}/uex/acs"`);
  });
});
