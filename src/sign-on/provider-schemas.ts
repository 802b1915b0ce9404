import { z } from "zod";
import { codeField, nameField } from "../server/schemas.js";
import { attributeMapping, oidcSettings, samlSettings } from "./provider-model.js";

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

const providerBase = z.object({
  code: codeField,
  label: nameField,
  enabled: z.boolean().default(true),
  sort_order: z.number().int().min(0).max(10_000).default(0),
  create_accounts: z.boolean().default(false).describe("a person without an account gets one at first sign-in"),
  mapping: attributeMapping,
});

/** What an administrator sends for a provider: its protocol's settings, told apart by `protocol`. */
export const providerInput = z.discriminatedUnion("protocol", [
  providerBase.extend({
    protocol: z.literal("oidc"),
    settings: oidcSettings.extend({ client_secret: z.string().max(500).nullable().optional() }),
  }),
  providerBase.extend({ protocol: z.literal("saml"), settings: samlSettings }),
]);

/** A provider as answered: an OpenID client secret is never sent back, only whether one is set. */
export const providerAnswer = z.object({
  id: z.number(),
  code: z.string(),
  label: z.string(),
  protocol: z.enum(["oidc", "saml"]),
  enabled: z.boolean(),
  sort_order: z.number(),
  create_accounts: z.boolean(),
  settings: z.record(z.string(), z.unknown()).describe("the protocol's settings, client_secret withheld"),
  client_secret_set: z.boolean(),
  mapping: attributeMapping,
  redirect_uri: z.string().nullable().describe("OpenID Connect: the callback address to register at the provider"),
  metadata_url: z.string().nullable().describe("SAML 2.0: the address of Recto's service provider metadata"),
  start_url: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});

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
