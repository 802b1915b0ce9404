import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { Button, Link } from "react-aria-components";
import { api, unwrap } from "../../../shared/api/client";
import { Page } from "../../../shared/components/Page";
import { LoadFailed } from "../../../shared/components/Status";
import { useI18n } from "../../../shared/i18n";
import type { Place } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import { staffPath } from "../../screens";
import { AreaGate, Checkbox, problemsOf, SetupForm } from "../forms/forms";
import { providersQuery, type Provider } from "./draft";
import { providerFormText } from "./form-text";
import { ProviderAddress } from "./ProviderAddress";
import { ProviderPage } from "./ProviderPage";
import { signOnText } from "./text";
import "./sign-on.css";

/** /staff/setup/sign-on (the providers with their mapping, and patrons' passwords), /new and /<id>. */
export function signOnPages(place: Place, rest: string): ReactElement | null {
  const m = /^\/(new|\d+)$/.exec(rest);
  if (rest !== "" && !m) return null;
  return (
    <AreaGate area="people">
      {m ? <ProviderPage place={place} id={m[1] === "new" ? null : Number(m[1])} /> : <SignOnPage place={place} />}
    </AreaGate>
  );
}

const institutionSettingsQuery = {
  queryKey: ["setup", "institution"],
  queryFn: () => unwrap(api.GET("/api/v1/institution")),
};
function SignOnPage({ place }: { place: Place }) {
  const s = useTexts(signOnText);
  const x = useTexts(providerFormText);
  const { t } = useI18n();
  const providers = useQuery(providersQuery);
  const [removed, setRemoved] = useState("");
  return (
    <Page title={s.title}>
      <p className="lead">{s.intro}</p>
      <p className="setup-actions">
        <Link className="button" href={staffPath(place, "/setup/sign-on/new")}>
          {x.newProvider}
        </Link>
      </p>
      <p role="status" className="setup-saved">
        {removed}
      </p>
      {providers.isPending && <p className="loading">{t.loading}</p>}
      {providers.isError && <LoadFailed retry={() => void providers.refetch()} />}
      {providers.data?.length === 0 && <p>{s.noProviders}</p>}
      {providers.data?.map((p) => (
        <ProviderView key={p.id} place={place} provider={p} onRemoved={() => setRemoved(x.removed(p.label))} />
      ))}
      <PasswordSwitch />
    </Page>
  );
}

function ProviderView({ place, provider: p, onRemoved }: { place: Place; provider: Provider; onRemoved(): void }) {
  const s = useTexts(signOnText);
  const x = useTexts(providerFormText);
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
        <dt>{s.primaryId}</dt>
        <dd>
          <code>{p.mapping.primary_id}</code>
        </dd>
      </dl>
      <ProviderAddress provider={p} />
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
      <div className="setup-actions">
        <Link className="button secondary" href={staffPath(place, `/setup/sign-on/${p.id}`)}>
          {x.edit(p.label)}
        </Link>
        <RemoveProvider provider={p} onRemoved={onRemoved} />
      </div>
    </section>
  );
}

/** Removing a provider asks first: its button goes from the sign-in pages at once. */
function RemoveProvider({ provider: p, onRemoved }: { provider: Provider; onRemoved(): void }) {
  const x = useTexts(providerFormText);
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/identity-providers/{id}", { params: { path: { id: p.id } } })),
    onSuccess: async () => {
      onRemoved();
      await client.invalidateQueries({ queryKey: providersQuery.queryKey });
    },
  });
  if (!confirming)
    return (
      <Button className="button secondary" onPress={() => setConfirming(true)}>
        {x.remove(p.label)}
      </Button>
    );
  return (
    <div role="group" aria-label={x.remove(p.label)} className="sign-on-confirm">
      <p>{x.confirmRemove(p.label)}</p>
      {remove.isError && <p className="field-error">{x.removeFailed}</p>}
      {/* not isPending: its announcement would outlive the button, which goes with the provider */}
      <Button className="button danger" onPress={() => remove.mutate()} isDisabled={remove.isPending}>
        {x.yesRemove}
      </Button>{" "}
      <Button className="button secondary" onPress={() => setConfirming(false)}>
        {x.cancel}
      </Button>
    </div>
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
