import { api, unwrap } from "../../../shared/api/client";

/*
 * A provider as its form holds it (text in every box, one draft for both protocols, so switching
 * the protocol loses nothing typed) and the body of the API's POST or PUT built from it.
 */

export const providersQuery = {
  queryKey: ["setup", "identity-providers"],
  queryFn: async () => (await unwrap(api.GET("/api/v1/identity-providers"))).identity_providers,
};
export type Provider = Awaited<ReturnType<typeof providersQuery.queryFn>>[number];

/** A provider by id, with the name the setup editor pages title it by. */
export const providerQuery = (id: number) => ({
  queryKey: ["setup", "identity-provider", id],
  queryFn: async () => named(await unwrap(api.GET("/api/v1/identity-providers/{id}", { params: { path: { id } } }))),
});
export type NamedProvider = Provider & { name: string };
export const named = (p: Provider): NamedProvider => ({ ...p, name: p.label });

export interface RuleDraft {
  /** a stable React key: rows are added and removed in the middle */
  key: number;
  value: string;
  group: string;
}

export interface ProviderDraft {
  code: string;
  label: string;
  protocol: "oidc" | "saml";
  enabled: boolean;
  createAccounts: boolean;
  sortOrder: string;
  issuer: string;
  clientId: string;
  /** empty: keep the stored one */
  clientSecret: string;
  scopes: string;
  entityId: string;
  ssoUrl: string;
  sloUrl: string;
  certificates: { key: number; pem: string }[];
  wantAssertionsSigned: boolean;
  requireEncrypted: boolean;
  signRequests: boolean;
  spEntityId: string | null;
  primaryId: string;
  /** which field of an existing account the primary id's value is compared with */
  matchBy: "primary_id" | "barcode" | "email";
  email: string;
  firstName: string;
  lastName: string;
  language: string;
  groupAttribute: string;
  rules: RuleDraft[];
  /** a group code, or "" to refuse the sign-in */
  defaultGroup: string;
}

/** After a row is added or removed, the keyboard goes on from its box (or the add button), not from the top. */
export function focusSoon(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

let nextKey = 1;
export const newKey = (): number => nextKey++;

const str = (v: unknown): string => (typeof v === "string" ? v : "");

export function draftOf(p: Provider | null): ProviderDraft {
  const s = p?.settings ?? {};
  const m = p?.mapping;
  const certificates = Array.isArray(s.idp_certificates) ? (s.idp_certificates as string[]) : [""];
  return {
    code: p?.code ?? "",
    label: p?.label ?? "",
    protocol: p?.protocol ?? "oidc",
    enabled: p?.enabled ?? true,
    createAccounts: p?.create_accounts ?? false,
    sortOrder: String(p?.sort_order ?? 0),
    issuer: str(s.issuer),
    clientId: str(s.client_id),
    clientSecret: "",
    scopes: Array.isArray(s.scopes) ? (s.scopes as string[]).join(" ") : "openid profile email",
    entityId: str(s.idp_entity_id),
    ssoUrl: str(s.idp_sso_url),
    sloUrl: str(s.idp_slo_url),
    certificates: certificates.map((pem) => ({ key: newKey(), pem })),
    wantAssertionsSigned: s.want_assertions_signed !== false,
    requireEncrypted: s.require_encrypted_assertions === true,
    signRequests: s.sign_authn_requests === true,
    spEntityId: typeof s.sp_entity_id === "string" ? s.sp_entity_id : null,
    primaryId: m?.primary_id ?? "",
    matchBy: m?.match_by ?? "primary_id",
    email: m?.email ?? "",
    firstName: m?.first_name ?? "",
    lastName: m?.last_name ?? "",
    language: m?.preferred_language ?? "",
    groupAttribute: m?.user_group.attribute ?? "",
    rules: (m?.user_group.rules ?? []).map((r) => ({ key: newKey(), value: r.value, group: r.user_group_code })),
    defaultGroup: m?.user_group.default_user_group_code ?? "",
  };
}

const orNull = (v: string): string | null => (v.trim() === "" ? null : v.trim());

/** The API's body: only the chosen protocol's settings; an empty secret is left out (kept on a change). */
export function bodyOf(d: ProviderDraft) {
  const base = {
    code: d.code.trim(),
    label: d.label.trim(),
    enabled: d.enabled,
    create_accounts: d.createAccounts,
    // not a number: NaN is sent as null and the server names the field
    sort_order: d.sortOrder.trim() === "" ? 0 : Number(d.sortOrder),
    mapping: {
      primary_id: d.primaryId.trim(),
      match_by: d.matchBy,
      email: orNull(d.email),
      first_name: orNull(d.firstName),
      last_name: orNull(d.lastName),
      preferred_language: orNull(d.language),
      user_group: {
        attribute: d.groupAttribute.trim(),
        rules: d.rules.map((r) => ({ value: r.value.trim(), user_group_code: r.group })),
        default_user_group_code: d.defaultGroup === "" ? null : d.defaultGroup,
      },
    },
  };
  if (d.protocol === "oidc") {
    const secret = d.clientSecret.trim();
    return {
      ...base,
      protocol: "oidc" as const,
      settings: {
        issuer: d.issuer.trim(),
        client_id: d.clientId.trim(),
        ...(secret ? { client_secret: secret } : {}),
        scopes: d.scopes.split(/[\s,]+/).filter(Boolean),
      },
    };
  }
  return {
    ...base,
    protocol: "saml" as const,
    settings: {
      idp_entity_id: d.entityId.trim(),
      idp_sso_url: d.ssoUrl.trim(),
      idp_slo_url: orNull(d.sloUrl),
      idp_certificates: d.certificates.map((c) => c.pem.trim()),
      sp_entity_id: d.spEntityId,
      want_assertions_signed: d.wantAssertionsSigned,
      require_encrypted_assertions: d.requireEncrypted,
      sign_authn_requests: d.signRequests,
    },
  };
}

/** The form id of each field the server may name (rows and certificates by their index). */
export function fieldIdsOf(d: ProviderDraft): Record<string, string> {
  const ids: Record<string, string> = {
    code: "idp-code",
    label: "idp-label",
    protocol: "idp-protocol",
    enabled: "idp-enabled",
    create_accounts: "idp-create",
    sort_order: "idp-sort",
    "settings.issuer": "idp-issuer",
    "settings.client_id": "idp-client-id",
    "settings.client_secret": "idp-client-secret",
    "settings.scopes": "idp-scopes",
    "settings.idp_entity_id": "idp-entity-id",
    "settings.idp_sso_url": "idp-sso-url",
    "settings.idp_slo_url": "idp-slo-url",
    "settings.idp_certificates": "idp-cert-0",
    "settings.want_assertions_signed": "idp-want-signed",
    "settings.require_encrypted_assertions": "idp-require-encrypted",
    "settings.sign_authn_requests": "idp-sign-requests",
    "mapping.primary_id": "idp-map-primary",
    "mapping.match_by": "idp-map-match",
    "mapping.email": "idp-map-email",
    "mapping.first_name": "idp-map-first",
    "mapping.last_name": "idp-map-last",
    "mapping.preferred_language": "idp-map-language",
    "mapping.user_group.attribute": "idp-map-group-attr",
    "mapping.user_group.default_user_group_code": "idp-map-default",
  };
  d.certificates.forEach((_, i) => (ids[`settings.idp_certificates.${i}`] = `idp-cert-${i}`));
  d.rules.forEach((_, i) => {
    ids[`mapping.user_group.rules.${i}.value`] = `idp-rule-${i}-value`;
    ids[`mapping.user_group.rules.${i}.user_group_code`] = `idp-rule-${i}-group`;
  });
  return ids;
}
