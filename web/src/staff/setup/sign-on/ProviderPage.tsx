import { api, unwrap } from "../../../shared/api/client";
import { Field } from "../../../shared/components/Field";
import type { Place } from "../../../shared/router";
import { useTexts } from "../../../shared/texts";
import { EditorPage, useSave } from "../forms/EditorPage";
import { Checkbox, fieldError, SelectBox, SetupForm, useFormState } from "../forms/forms";
import { formsText } from "../forms/text";
import { bodyOf, draftOf, fieldIdsOf, named, providerQuery, providersQuery, type NamedProvider } from "./draft";
import { providerFormText } from "./form-text";
import { MappingFields } from "./MappingFields";
import { ProtocolFields } from "./ProtocolFields";
import { ProviderAddress } from "./ProviderAddress";
import { SpKeys } from "./SpKeys";
import { signOnText } from "./text";

/** /staff/setup/sign-on/new and /<id>: one identity provider, its protocol's settings and its mapping. */
export function ProviderPage({ place, id }: { place: Place; id: number | null }) {
  const s = useTexts(signOnText);
  const x = useTexts(providerFormText);
  return (
    <EditorPage
      place={place}
      id={id}
      list={{ path: "/setup/sign-on", title: s.title }}
      newTitle={x.newProvider}
      query={providerQuery(id ?? 0)}
    >
      {(provider) => <ProviderForm place={place} provider={provider} />}
    </EditorPage>
  );
}

function ProviderForm({ place, provider }: { place: Place; provider: NamedProvider | null }) {
  const x = useTexts(providerFormText);
  const f = useTexts(formsText);
  const form = useFormState(draftOf(provider));
  const { values: d, set, problems } = form;
  const save = useSave({
    place,
    form,
    existing: provider !== null,
    save: async () => {
      const body = bodyOf(d);
      const saved = provider
        ? await unwrap(api.PUT("/api/v1/identity-providers/{id}", { params: { path: { id: provider.id } }, body }))
        : await unwrap(api.POST("/api/v1/identity-providers", { body }));
      // the secret typed went with this save; the box is empty again, meaning "keep it"
      form.setValues((old) => ({ ...old, clientSecret: "" }));
      return named(saved);
    },
    keyOf: (saved) => providerQuery(saved.id).queryKey,
    lists: [providersQuery.queryKey],
    pathOf: (saved) => `/setup/sign-on/${saved.id}`,
    fieldIds: fieldIdsOf(d),
    failed: x.saveFailed,
  });
  const err = (id: string) => fieldError(problems, id);
  return (
    <>
      {provider && <ProviderAddress provider={provider} />}
      <SetupForm
        label={x.formLabel}
        problems={problems}
        saving={save.isPending}
        savedMessage={form.saved}
        submitLabel={provider ? f.save : f.create}
        onSubmit={() => save.mutate()}
      >
        <Field
          id="idp-code"
          label={f.code}
          hint={f.codeHint}
          value={d.code}
          onChange={set("code")}
          error={err("idp-code")}
        />
        <Field
          id="idp-label"
          label={x.label}
          hint={x.labelHint}
          value={d.label}
          onChange={set("label")}
          error={err("idp-label")}
        />
        <SelectBox
          id="idp-protocol"
          label={x.protocol}
          value={d.protocol}
          onChange={(v) => set("protocol")(v === "saml" ? "saml" : "oidc")}
          options={[
            { id: "oidc", label: "OpenID Connect" },
            { id: "saml", label: "SAML 2.0" },
          ]}
          error={err("idp-protocol")}
        />
        <Checkbox
          id="idp-enabled"
          label={x.enabled}
          checked={d.enabled}
          onChange={set("enabled")}
          error={err("idp-enabled")}
        />
        <Checkbox
          id="idp-create"
          label={x.createAccounts}
          checked={d.createAccounts}
          onChange={set("createAccounts")}
          error={err("idp-create")}
        />
        <Field
          id="idp-sort"
          label={x.sortOrder}
          hint={x.sortOrderHint}
          value={d.sortOrder}
          onChange={set("sortOrder")}
          error={err("idp-sort")}
        />
        <ProtocolFields
          draft={d}
          set={set}
          problems={problems}
          secretSet={provider?.protocol === "oidc" && provider.client_secret_set}
        />
        <MappingFields draft={d} set={set} problems={problems} />
      </SetupForm>
      {provider?.protocol === "saml" && <SpKeys providerId={provider.id} />}
    </>
  );
}
