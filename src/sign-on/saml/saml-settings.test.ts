import { describe, expect, it } from "vitest";
import { IDP_CERT, IDP_ENTITY_ID } from "../../../test/saml-idp.js";
import { samlSettings } from "../provider-model.js";

const settings = {
  idp_entity_id: IDP_ENTITY_ID,
  idp_sso_url: "https://idp.test.example/sso",
  idp_certificates: [IDP_CERT],
};

describe("a SAML provider's settings", () => {
  it("take a PEM certificate, and assertions must be signed unless said otherwise", () => {
    const parsed = samlSettings.parse(settings);
    expect(parsed.want_assertions_signed).toBe(true);
    // Encryption is taken but not required, and requests go unsigned, unless said otherwise.
    expect(parsed.require_encrypted_assertions).toBe(false);
    expect(parsed.sign_authn_requests).toBe(false);
  });

  it("refuse a certificate that only looks like PEM, naming the field", () => {
    const broken = IDP_CERT.replace(/[A-Za-z]{12}/, "############");
    for (const cert of [broken, "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----", "MIIC"]) {
      const result = samlSettings.safeParse({ ...settings, idp_certificates: [IDP_CERT, cert] });
      expect(result.success).toBe(false);
      expect([...new Set(result.error?.issues.map((i) => i.path.join(".")))]).toEqual(["idp_certificates.1"]);
    }
  });
});
