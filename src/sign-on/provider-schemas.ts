import { z } from "zod";

/*
 * The zod schemas of the sign-on routes. A provider's settings and mapping are pure schemas in
 * provider-model.ts (the domain reads stored JSON through them); they are re-exported here for
 * the routes.
 */
export {
  attributeMapping,
  oidcSettings,
  providerSettings,
  samlSettings,
  type AttributeMapping,
  type OidcSettings,
  type SamlSettings,
} from "./provider-model.js";

export const signOnProvidersAnswer = z.object({
  patron_local_passwords: z.boolean().describe("false: patrons sign in only through the providers"),
  providers: z.array(
    z.object({
      code: z.string(),
      label: z.string().describe("the button's text"),
      protocol: z.enum(["oidc", "saml"]),
      start_url: z.string().describe("the button's address (add ?app=patron|staff&return=/path)"),
    }),
  ),
});
