import { Button } from "react-aria-components";
import type { Problem } from "../../../shared/components/ErrorSummary";
import { Field } from "../../../shared/components/Field";
import { useTexts } from "../../../shared/texts";
import { Checkbox, fieldError, TextAreaField } from "../forms/forms";
import { focusSoon, newKey, type ProviderDraft } from "./draft";
import { providerFormText } from "./form-text";

type Set = <K extends keyof ProviderDraft>(key: K) => (v: ProviderDraft[K]) => void;

/** The settings of the chosen protocol: the OpenID client, or the SAML identity provider and its certificates. */
export function ProtocolFields(props: { draft: ProviderDraft; set: Set; problems: Problem[]; secretSet: boolean }) {
  const x = useTexts(providerFormText);
  const { draft: d, set, problems } = props;
  const err = (id: string) => fieldError(problems, id);
  if (d.protocol === "oidc")
    return (
      <fieldset className="fieldset">
        <legend>
          <h2>{x.oidcHeading}</h2>
        </legend>
        <Field
          id="idp-issuer"
          label={x.issuer}
          hint={x.issuerHint}
          value={d.issuer}
          onChange={set("issuer")}
          error={err("idp-issuer")}
        />
        <Field
          id="idp-client-id"
          label={x.clientId}
          value={d.clientId}
          onChange={set("clientId")}
          error={err("idp-client-id")}
        />
        <Field
          id="idp-client-secret"
          type="password"
          autoComplete="new-password"
          label={x.clientSecret}
          hint={props.secretSet ? x.clientSecretKeep : x.clientSecretNew}
          value={d.clientSecret}
          onChange={set("clientSecret")}
          error={err("idp-client-secret")}
        />
        <Field
          id="idp-scopes"
          label={x.scopes}
          hint={x.scopesHint}
          value={d.scopes}
          onChange={set("scopes")}
          error={err("idp-scopes")}
        />
      </fieldset>
    );
  const certs = d.certificates;
  const setCert = (key: number, pem: string) =>
    set("certificates")(certs.map((c) => (c.key === key ? { ...c, pem } : c)));
  return (
    <fieldset className="fieldset">
      <legend>
        <h2>{x.samlHeading}</h2>
      </legend>
      <Field
        id="idp-entity-id"
        label={x.entityId}
        value={d.entityId}
        onChange={set("entityId")}
        error={err("idp-entity-id")}
      />
      <Field id="idp-sso-url" label={x.ssoUrl} value={d.ssoUrl} onChange={set("ssoUrl")} error={err("idp-sso-url")} />
      <Field id="idp-slo-url" label={x.sloUrl} value={d.sloUrl} onChange={set("sloUrl")} error={err("idp-slo-url")} />
      {certs.map((c, i) => (
        <div key={c.key} className="sign-on-cert">
          <TextAreaField
            id={`idp-cert-${i}`}
            label={x.certificate(i + 1)}
            hint={x.certificateHint}
            value={c.pem}
            onChange={(v) => setCert(c.key, v)}
            error={err(`idp-cert-${i}`)}
          />
          {certs.length > 1 && (
            <Button
              className="button secondary"
              onPress={() => {
                set("certificates")(certs.filter((o) => o.key !== c.key));
                focusSoon("idp-add-cert");
              }}
            >
              {x.removeCertificate(i + 1)}
            </Button>
          )}
        </div>
      ))}
      <p>
        <Button
          className="button secondary"
          onPress={() => set("certificates")([...certs, { key: newKey(), pem: "" }])}
        >
          {x.addCertificate}
        </Button>
      </p>
      <Checkbox
        id="idp-want-signed"
        label={x.wantSigned}
        checked={d.wantAssertionsSigned}
        onChange={set("wantAssertionsSigned")}
        error={err("idp-want-signed")}
      />
      <Checkbox
        id="idp-require-encrypted"
        label={x.requireEncrypted}
        hint={x.requireEncryptedHint}
        checked={d.requireEncrypted}
        onChange={set("requireEncrypted")}
        error={err("idp-require-encrypted")}
      />
      <Checkbox
        id="idp-sign-requests"
        label={x.signRequests}
        hint={x.signRequestsHint}
        checked={d.signRequests}
        onChange={set("signRequests")}
        error={err("idp-sign-requests")}
      />
    </fieldset>
  );
}
