import { insertProvider } from "../src/sign-on/providers-repository.js";
import type { SamlSettings } from "../src/sign-on/provider-model.js";
import type { TestApp } from "./harness.js";
import { IDP_CERT, IDP_ENTITY_ID } from "./saml-idp.js";

export const IDP_SSO = "https://idp.test.example/idp/profile/SAML2/Redirect/SSO";
export const IDP_SLO = "https://idp.test.example/idp/profile/SAML2/Redirect/SLO";

/**
 * A SAML provider of the institution trusting the test identity provider (saml-idp.ts), its
 * mapping the usual eduPerson one (eppn, affiliation -> FACULTY or UNDERGRAD); answers its id.
 */
export async function insertSamlProvider(
  t: TestApp,
  institutionId: number,
  code: string,
  settings: Partial<SamlSettings> = {},
): Promise<number> {
  return insertProvider(
    t.ctx.db,
    institutionId,
    {
      code,
      label: "University account",
      enabled: true,
      sort_order: 0,
      create_accounts: true,
      protocol: "saml",
      settings: {
        idp_entity_id: IDP_ENTITY_ID,
        idp_sso_url: IDP_SSO,
        idp_slo_url: IDP_SLO,
        idp_certificates: [IDP_CERT],
        want_assertions_signed: true,
        require_encrypted_assertions: false,
        sign_authn_requests: false,
        ...settings,
      },
      mapping: {
        primary_id: "eduPersonPrincipalName",
        match_by: "primary_id",
        email: "mail",
        first_name: "givenName",
        last_name: "sn",
        preferred_language: "preferredLanguage",
        user_group: {
          attribute: "urn:oid:1.3.6.1.4.1.5923.1.1.1.1",
          rules: [
            { value: "faculty", user_group_code: "FACULTY" },
            { value: "student", user_group_code: "UNDERGRAD" },
          ],
          default_user_group_code: null,
        },
      },
    },
    t.clock.now().toISOString(),
  );
}
