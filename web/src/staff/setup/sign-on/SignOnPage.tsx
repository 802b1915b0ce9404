import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { api, unwrap } from "../../../shared/api/client";
import { Page } from "../../../shared/components/Page";
import { LoadFailed } from "../../../shared/components/Status";
import { useI18n } from "../../../shared/i18n";
import { useTexts } from "../../../shared/texts";
import { AreaGate, Checkbox, problemsOf, SetupForm } from "../forms/forms";
import { signOnText } from "./text";

/** /staff/setup/sign-on: the institution's identity providers with their mapping, and patrons' passwords. */
export function signOnPages(_place: unknown, rest: string): ReactElement | null {
  if (rest !== "") return null;
  return (
    <AreaGate area="people">
      <SignOnPage />
    </AreaGate>
  );
}

const providersQuery = {
  queryKey: ["setup", "identity-providers"],
  queryFn: async () => (await unwrap(api.GET("/api/v1/identity-providers"))).identity_providers,
};
const institutionSettingsQuery = {
  queryKey: ["setup", "institution"],
  queryFn: () => unwrap(api.GET("/api/v1/institution")),
};
type Provider = Awaited<ReturnType<typeof providersQuery.queryFn>>[number];

function SignOnPage() {
  const s = useTexts(signOnText);
  const { t } = useI18n();
  const providers = useQuery(providersQuery);
  return (
    <Page title={s.title}>
      <p className="lead">{s.intro}</p>
      {providers.isPending && <p className="loading">{t.loading}</p>}
      {providers.isError && <LoadFailed retry={() => void providers.refetch()} />}
      {providers.data?.length === 0 && <p>{s.noProviders}</p>}
      {providers.data?.map((p) => (
        <ProviderView key={p.id} provider={p} />
      ))}
      <PasswordSwitch />
    </Page>
  );
}

function ProviderView({ provider: p }: { provider: Provider }) {
  const s = useTexts(signOnText);
  const headingId = `idp-${p.id}`;
  const g = p.mapping.user_group;
  const yesNo = (v: boolean) => (v ? s.yes : s.no);
  return (
    <section aria-labelledby={headingId} className="sign-on-provider">
      <h2 id={headingId}>
        {p.label} ({p.code})
      </h2>
      <dl className="setup-facts">
        <dt>{s.protocol}</dt>
        <dd>{p.protocol === "oidc" ? "OpenID Connect" : "SAML 2.0"}</dd>
        <dt>{s.enabled}</dt>
        <dd>{yesNo(p.enabled)}</dd>
        <dt>{s.createAccounts}</dt>
        <dd>{yesNo(p.create_accounts)}</dd>
        {p.redirect_uri && (
          <>
            <dt>{s.redirectUri}</dt>
            <dd>
              <code>{p.redirect_uri}</code>
            </dd>
          </>
        )}
        {p.metadata_url && (
          <>
            <dt>{s.metadataUrl}</dt>
            <dd>
              <a href={p.metadata_url}>{p.metadata_url}</a>
            </dd>
          </>
        )}
        <dt>{s.primaryId}</dt>
        <dd>
          <code>{p.mapping.primary_id}</code>
        </dd>
      </dl>
      <table className="setup-table">
        <caption>{s.groupFrom(g.attribute)}</caption>
        <thead>
          <tr>
            <th scope="col">{s.value}</th>
            <th scope="col">{s.group}</th>
          </tr>
        </thead>
        <tbody>
          {g.rules.map((r) => (
            <tr key={`${r.value}-${r.user_group_code}`}>
              <td>
                <code>{r.value}</code>
              </td>
              <td data-label={s.group}>{r.user_group_code}</td>
            </tr>
          ))}
          <tr>
            <td>{s.otherwise}</td>
            <td data-label={s.group}>{g.default_user_group_code ?? s.refuse}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

function PasswordSwitch() {
  const s = useTexts(signOnText);
  const client = useQueryClient();
  const institution = useQuery(institutionSettingsQuery);
  const [value, setValue] = useState<boolean | null>(null);
  const [saved, setSaved] = useState("");
  const save = useMutation({
    mutationFn: (on: boolean) => unwrap(api.PATCH("/api/v1/institution", { body: { patron_local_passwords: on } })),
    onSuccess: (inst) => {
      client.setQueryData(institutionSettingsQuery.queryKey, inst);
      setSaved(s.saved);
    },
  });
  if (!institution.data) return null;
  const current = value ?? institution.data.patron_local_passwords;
  return (
    <section aria-labelledby="passwords-heading">
      <h2 id="passwords-heading">{s.passwordsTitle}</h2>
      <SetupForm
        label={s.passwordsTitle}
        problems={save.error ? problemsOf(save.error, {}, s.saveFailed) : []}
        saving={save.isPending}
        savedMessage={saved}
        submitLabel={s.save}
        onSubmit={() => save.mutate(current)}
      >
        <Checkbox
          id="patron-local-passwords"
          label={s.passwordsLabel}
          hint={s.passwordsHint}
          checked={current}
          onChange={(v) => {
            setValue(v);
            setSaved("");
          }}
        />
      </SetupForm>
    </section>
  );
}
