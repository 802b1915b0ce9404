import { useTexts } from "../../../shared/texts";
import type { Provider } from "./draft";
import { providerFormText } from "./form-text";

/**
 * The address the provider's administrator needs from Recto: the OpenID callback to register, or
 * the SAML metadata to load. Shown as text to select and copy (it is built from PUBLIC_URL).
 */
export function ProviderAddress({ provider: p }: { provider: Provider }) {
  const x = useTexts(providerFormText);
  if (p.redirect_uri)
    return (
      <p className="sign-on-address">
        {x.registerRedirect} <code>{p.redirect_uri}</code>
      </p>
    );
  if (p.metadata_url)
    return (
      <p className="sign-on-address">
        {x.registerMetadata} <a href={p.metadata_url}>{p.metadata_url}</a>
      </p>
    );
  return null;
}
